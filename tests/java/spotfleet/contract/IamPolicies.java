package spotfleet.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM policy documents (role trust policies, identity policies, and the resource policies of SNS topics and KMS keys),
 * by the grammar of the IAM JSON policy language (AWS IAM User Guide, "Grammar of the IAM JSON policy language",
 * docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html, and "IAM JSON policy elements reference").
 */
public final class IamPolicies implements DocumentCheck {

    /** Where the policy is attached, which decides whether Principal and Resource belong in it. */
    public enum Kind {
        /** A role's trust policy: Principal required, no Resource ("Has prohibited field Resource"). */
        TRUST,
        /** A policy attached to an identity: no Principal ("Policy document should not specify a principal"). */
        IDENTITY,
        /** A resource's own policy (SNS topic, KMS key): Principal and Resource required. */
        RESOURCE,
        /**
         * An ECR repository's policy: Principal required, and no Resource. SetRepositoryPolicy refuses one with "Invalid
         * parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'" (aws/aws-cdk
         * issues #3583 and #24314, fixed by dropping it in pull requests #3590 and #24401; awsdocs/amazon-ecr-user-guide
         * pull request #20, "ECR Repository does not support Resource attribute", removed it from the user guide's
         * examples).
         */
        REPOSITORY
    }

    static final List<String> VERSIONS = List.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
            "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    /** "<service>:<action>", the action part may use * and ? wildcards; or "*". */
    private static final Pattern ACTION = Pattern.compile("\\*|[a-z0-9-]+:[A-Za-z0-9*?]+");
    /** arn:partition:service:region:account:resource, wildcards allowed; or "*". */
    private static final Pattern ARN = Pattern.compile("\\*|arn:(\\*|aws|aws-cn|aws-us-gov|<computed>):[a-z0-9*-]*:[a-z0-9*-]*:(\\d{12}|\\*|<computed>)?:.+");
    private static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern AWS_PRINCIPAL = Pattern.compile("\\*|\\d{12}|arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\\d{12}|<computed>):.+");
    /** The condition operators of the IAM JSON policy elements reference, with the ForAnyValue:/ForAllValues: and IfExists forms. */
    private static final Pattern CONDITION_OPERATOR = Pattern.compile("(ForAnyValue:|ForAllValues:)?(StringEquals|StringNotEquals|"
            + "StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|"
            + "NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|"
            + "DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|"
            + "ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(IfExists)?|Null");

    private final Kind kind;

    private IamPolicies(Kind kind) {
        this.kind = kind;
    }

    public static IamPolicies trust() {
        return new IamPolicies(Kind.TRUST);
    }

    public static IamPolicies identity() {
        return new IamPolicies(Kind.IDENTITY);
    }

    public static IamPolicies resource() {
        return new IamPolicies(Kind.RESOURCE);
    }

    public static IamPolicies repository() {
        return new IamPolicies(Kind.REPOSITORY);
    }

    @Override
    public String kind() {
        return switch (kind) {
            case TRUST -> "IAM trust policy";
            case IDENTITY -> "IAM policy";
            case RESOURCE -> "IAM resource policy";
            case REPOSITORY -> "ECR repository policy";
        };
    }

    @Override
    public void check(Object document, Sink sink) {
        var k = CheckKind.IAM_POLICY;
        if (!JsonRules.object(sink, k, "", document, "a policy")) {
            return;
        }
        var policy = (Map<?, ?>) document;
        JsonRules.keys(sink, k, "", policy, TOP);
        if (policy.containsKey("Version")) {
            JsonRules.oneOf(sink, k, "Version", policy.get("Version"), VERSIONS);
        }
        if (!JsonRules.required(sink, k, "", policy, "Statement")) {
            return;
        }
        var statements = policy.get("Statement") instanceof List<?> list ? list : List.of(policy.get("Statement"));
        sink.checked(k);
        if (statements.isEmpty()) {
            sink.fail("Statement", k, "a policy needs at least one statement");
        }
        var sids = new HashSet<String>();
        for (int i = 0; i < statements.size(); i++) {
            statement(sink, "Statement[%d]".formatted(i), statements.get(i), sids);
        }
    }

    private void statement(Sink sink, String path, Object value, Set<String> sids) {
        var k = CheckKind.IAM_POLICY;
        if (!JsonRules.object(sink, k, path, value, "a statement")) {
            return;
        }
        var statement = (Map<?, ?>) value;
        JsonRules.keys(sink, k, path, statement, STATEMENT);
        if (statement.containsKey("Sid")) {
            sink.checked(k);
            var sid = String.valueOf(statement.get("Sid"));
            // "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)."
            if (!sid.matches("[A-Za-z0-9]*")) {
                sink.fail(path + ".Sid", k, "\"%s\": a Sid has only A-Z, a-z and 0-9".formatted(sid));
            } else if (!sid.isEmpty() && !sids.add(sid)) {
                sink.fail(path + ".Sid", k, "\"%s\": Sids must be unique within the policy".formatted(sid));
            }
        }
        if (JsonRules.required(sink, k, path, statement, "Effect")) {
            JsonRules.oneOf(sink, k, path + ".Effect", statement.get("Effect"), List.of("Allow", "Deny"));
        }
        exactlyOne(sink, path, statement, "Action", "NotAction").ifPresent(key ->
                JsonRules.stringOrList(sink, k, path + "." + key, statement.get(key), false).forEach(action -> {
                    sink.checked(k);
                    if (!sink.computed(action) && !ACTION.matcher(String.valueOf(action)).matches()) {
                        sink.fail(path + "." + key, k, "\"%s\" is not \"<service>:<action>\" or \"*\"".formatted(action));
                    }
                }));
        principal(sink, path, statement);
        resource(sink, path, statement);
        if (statement.containsKey("Condition")) {
            condition(sink, path + ".Condition", statement.get("Condition"));
        }
    }

    private void principal(Sink sink, String path, Map<?, ?> statement) {
        var k = CheckKind.IAM_POLICY;
        var present = statement.containsKey("Principal") || statement.containsKey("NotPrincipal");
        sink.checked(k);
        if (kind == Kind.IDENTITY && present) {
            sink.fail(path + ".Principal", k, "a policy attached to an identity must not name a principal");
            return;
        }
        if (kind != Kind.IDENTITY && !present) {
            sink.fail(path + ".Principal", k, "a %s needs a Principal".formatted(kind()));
            return;
        }
        if (!present) {
            return;
        }
        var key = statement.containsKey("Principal") ? "Principal" : "NotPrincipal";
        var principal = statement.get(key);
        if ("*".equals(principal)) {
            return;
        }
        if (!JsonRules.object(sink, k, path + "." + key, principal, "a principal (other than \"*\")")) {
            return;
        }
        ((Map<?, ?>) principal).forEach((type, ids) -> {
            var at = path + "." + key + "." + type;
            sink.checked(k);
            if (!PRINCIPAL_TYPES.contains(String.valueOf(type))) {
                sink.fail(at, k, "%s is not a principal type (%s)".formatted(type, PRINCIPAL_TYPES));
                return;
            }
            var pattern = switch (String.valueOf(type)) {
                case "Service" -> SERVICE_PRINCIPAL;
                case "AWS" -> AWS_PRINCIPAL;
                default -> null;
            };
            JsonRules.stringOrList(sink, k, at, ids, false).forEach(id -> {
                sink.checked(k);
                if (pattern != null && !sink.computed(id) && !pattern.matcher(String.valueOf(id)).matches()) {
                    sink.fail(at, k, "\"%s\" is not a valid %s principal".formatted(id, type));
                }
            });
        });
    }

    private void resource(Sink sink, String path, Map<?, ?> statement) {
        var k = CheckKind.IAM_POLICY;
        var present = statement.containsKey("Resource") || statement.containsKey("NotResource");
        sink.checked(k);
        if (kind == Kind.TRUST) {
            if (present) {
                sink.fail(path + ".Resource", k, "a trust policy must not have a Resource (its resource is the role)");
            }
            return;
        }
        if (kind == Kind.REPOSITORY) {
            if (present) {
                sink.fail(path + ".Resource", k, "an ECR repository policy must not have a Resource (its resource is the"
                        + " repository; SetRepositoryPolicy answers \"Invalid repository policy provided\")");
            }
            return;
        }
        exactlyOne(sink, path, statement, "Resource", "NotResource").ifPresent(key ->
                JsonRules.stringOrList(sink, k, path + "." + key, statement.get(key), false).forEach(arn -> {
                    sink.checked(k);
                    if (!sink.computed(arn) && !ARN.matcher(String.valueOf(arn)).matches()) {
                        sink.fail(path + "." + key, k, "\"%s\" is neither \"*\" nor an ARN".formatted(arn));
                    }
                }));
    }

    private static void condition(Sink sink, String path, Object value) {
        var k = CheckKind.IAM_POLICY;
        if (!JsonRules.object(sink, k, path, value, "a Condition")) {
            return;
        }
        ((Map<?, ?>) value).forEach((operator, keys) -> {
            var at = path + "." + operator;
            sink.checked(k);
            if (!CONDITION_OPERATOR.matcher(String.valueOf(operator)).matches()) {
                sink.fail(at, k, "%s is not a condition operator".formatted(operator));
            }
            if (JsonRules.object(sink, k, at, keys, "a condition's keys")) {
                ((Map<?, ?>) keys).forEach((conditionKey, values) -> {
                    sink.checked(k);
                    var ok = values instanceof String || values instanceof Boolean || values instanceof Number
                            || values instanceof List<?> list && !list.isEmpty();
                    if (!ok) {
                        sink.fail(at + "." + conditionKey, k, "a condition value is a string, number, boolean or non-empty list");
                    }
                });
            }
        });
    }

    /** Exactly one of {@code a} and {@code b}: the one present. */
    private static java.util.Optional<String> exactlyOne(Sink sink, String path, Map<?, ?> statement, String a, String b) {
        sink.checked(CheckKind.IAM_POLICY);
        var hasA = statement.containsKey(a);
        var hasB = statement.containsKey(b);
        if (hasA == hasB) {
            sink.fail(path + "." + a, CheckKind.IAM_POLICY, "a statement needs exactly one of %s and %s".formatted(a, b));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(hasA ? a : b);
    }
}
