package spotfleet.infra.config;

import java.util.regex.Pattern;

/**
 * One secret the service's container gets as an environment variable, as {@code spotfleet:secrets} writes it:
 * {@code NAME=<ARN>}, the ARN of an SSM Parameter Store parameter or of a Secrets Manager secret. ECS takes
 * "either the full ARN of the Secrets Manager secret or the full ARN of the parameter in the SSM Parameter Store"
 * (botocore ecs 2014-11-13, shape {@code Secret}, {@code valueFrom}); the program asks for the full ARN in both cases,
 * so the execution role can be granted exactly that resource.
 *
 * <p>Shapes: a parameter ARN is {@code arn:<partition>:ssm:<region>:<account>:parameter/<name>}, the name made of
 * {@code a-zA-Z0-9_.-} and {@code /}, at most 1011 characters with the ARN's prefix, not starting with {@code aws} or
 * {@code ssm} (botocore ssm 2014-11-06, {@code PutParameterRequest.Name}). A secret ARN is
 * {@code arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>}, the name of at most 512
 * characters of {@code A-Za-z0-9/_+=.@-} and the six random characters Secrets Manager appends (botocore secretsmanager
 * 2017-10-17, {@code CreateSecretRequest.Name}); ECS also takes {@code :<json-key>:<version-stage>:<version-id>} after it
 * to pick one key or version, which does not change the resource to grant.
 *
 * @param name        the variable's name in the container
 * @param valueFrom   the ARN as written (what ECS fetches)
 * @param store       which service holds the value
 * @param resourceArn the ARN of the parameter or secret itself: what the execution role may read
 */
public record ContainerSecret(String name, String valueFrom, Store store, String resourceArn) {

    /** The two services ECS reads secrets from, and the one action its execution role needs on each. */
    public enum Store {
        SSM_PARAMETER("ssm:GetParameters"),
        SECRETS_MANAGER("secretsmanager:GetSecretValue");

        private final String readAction;

        Store(String readAction) {
            this.readAction = readAction;
        }

        public String readAction() {
            return readAction;
        }
    }

    private static final String PARTITION_REGION_ACCOUNT = "arn:(?<partition>aws|aws-cn|aws-us-gov):%s:(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+):(?<account>\\d{12}):";
    private static final Pattern PARAMETER = Pattern.compile(PARTITION_REGION_ACCOUNT.formatted("ssm")
            + "parameter/(?<name>[a-zA-Z0-9_.\\-/]+)");
    private static final Pattern SECRET = Pattern.compile(PARTITION_REGION_ACCOUNT.formatted("secretsmanager")
            + "secret:(?<name>[A-Za-z0-9/_+=.@-]{1,512})-[A-Za-z0-9]{6}(?<selector>:[^:]*:[^:]*:[^:]*)?");
    /** botocore ssm PutParameterRequest.Name: "The maximum length for a parameter name that you create is 1011 characters", ARN prefix included. */
    static final int PARAMETER_ARN_MAX_LENGTH = 1011;

    /** The secret {@code text} writes, or an {@link IllegalArgumentException} naming the item and the problem. */
    static ContainerSecret parse(String text) {
        var equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("%s is not NAME=<ARN of an SSM parameter or a Secrets Manager secret>".formatted(text));
        }
        var name = EnvironmentVariable.checkedName(text, text.substring(0, equals));
        var arn = text.substring(equals + 1);
        if (arn.startsWith("arn:") && arn.split(":").length > 2 && arn.split(":")[2].equals("ssm")) {
            return parameter(text, name, arn);
        }
        if (arn.startsWith("arn:") && arn.split(":").length > 2 && arn.split(":")[2].equals("secretsmanager")) {
            return secret(text, name, arn);
        }
        throw new IllegalArgumentException(("%s: %s is not the ARN of an SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>)"
                + " or of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)")
                .formatted(text, arn.isEmpty() ? "\"\"" : arn));
    }

    private static ContainerSecret parameter(String item, String name, String arn) {
        var matcher = PARAMETER.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(("%s: an SSM parameter's ARN is arn:<partition>:ssm:<region>:<12-digit account>:"
                    + "parameter/<name>, the name of letters, digits and _ . - /").formatted(item));
        }
        var parameter = matcher.group("name");
        if (parameter.toLowerCase(java.util.Locale.ROOT).matches("/?(aws|ssm).*")) {
            throw new IllegalArgumentException("%s: SSM parameter names cannot start with aws or ssm".formatted(item));
        }
        if (arn.length() > PARAMETER_ARN_MAX_LENGTH) {
            throw new IllegalArgumentException("%s: the parameter's ARN has %d characters; SSM allows %d"
                    .formatted(item, arn.length(), PARAMETER_ARN_MAX_LENGTH));
        }
        return new ContainerSecret(name, arn, Store.SSM_PARAMETER, arn);
    }

    private static ContainerSecret secret(String item, String name, String arn) {
        var matcher = SECRET.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(("%s: a Secrets Manager secret's full ARN is arn:<partition>:secretsmanager:<region>:"
                    + "<12-digit account>:secret:<name>-<the 6 characters Secrets Manager added>, optionally followed by"
                    + " :<json-key>:<version-stage>:<version-id>; a partial ARN cannot be granted exactly").formatted(item));
        }
        var selector = matcher.group("selector");
        var resource = selector == null ? arn : arn.substring(0, arn.length() - selector.length());
        return new ContainerSecret(name, arn, Store.SECRETS_MANAGER, resource);
    }

    /** As {@code spotfleet:secrets} writes it. */
    public String configValue() {
        return name + "=" + valueFrom;
    }
}
