package spotfleet.infra;

import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleWithWebIdentityArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.aws.inputs.ProviderEndpointArgs;
import com.pulumi.aws.inputs.ProviderIgnoreTagsArgs;
import com.pulumi.core.Output;
import spotfleet.infra.config.AwsSettings;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program's explicit AWS provider's arguments: every {@code aws:} setting of the stack, each handed to the
 * ProviderArgs setter of the same name with its typed value; secrets as secret Outputs, so the engine keeps them
 * encrypted and no preview shows them. The default tags are the program's own ({@link StackTags}) plus the stack's
 * {@code aws:defaultTags} (which may not redefine the program's; AwsConfig rejects that).
 */
final class AwsProviderArgs {

    private AwsProviderArgs() {
    }

    static ProviderArgs of(AwsSettings aws, Map<String, String> programTags) {
        var args = ProviderArgs.builder();
        aws.values().forEach((name, setting) -> {
            if (!name.equals("defaultTags")) {
                set(args, name, setting);
            }
        });
        args.defaultTags(ProviderDefaultTagsArgs.builder().tags(tags(aws, programTags)).build());
        return args.build();
    }

    /** The tags every taggable resource gets: the program's first, then the stack's. */
    static Map<String, String> tags(AwsSettings aws, Map<String, String> programTags) {
        var tags = new LinkedHashMap<>(programTags);
        aws.defaultTags().forEach(tags::putIfAbsent);
        return tags;
    }

    @SuppressWarnings("unchecked")
    private static void set(ProviderArgs.Builder args, String name, AwsSettings.Value setting) {
        var value = setting.value();
        switch (name) {
            case "accessKey" -> args.accessKey(output(setting, (String) value));
            case "allowedAccountIds" -> args.allowedAccountIds(output(setting, (List<String>) value));
            case "assumeRole" -> args.assumeRole(output(setting, assumeRole((Map<String, Object>) value)));
            case "assumeRoleWithWebIdentity" -> args.assumeRoleWithWebIdentity(output(setting,
                    assumeRoleWithWebIdentity((Map<String, Object>) value)));
            case "customCaBundle" -> args.customCaBundle(output(setting, (String) value));
            case "ec2MetadataServiceEndpoint" -> args.ec2MetadataServiceEndpoint(output(setting, (String) value));
            case "ec2MetadataServiceEndpointMode" -> args.ec2MetadataServiceEndpointMode(output(setting, (String) value));
            case "endpoints" -> args.endpoints(output(setting, ((List<Map<String, Object>>) value).stream()
                    .map(AwsProviderArgs::endpoint).toList()));
            case "forbiddenAccountIds" -> args.forbiddenAccountIds(output(setting, (List<String>) value));
            case "httpProxy" -> args.httpProxy(output(setting, (String) value));
            case "httpsProxy" -> args.httpsProxy(output(setting, (String) value));
            case "ignoreTags" -> args.ignoreTags(output(setting, ignoreTags((Map<String, Object>) value)));
            case "insecure" -> args.insecure(output(setting, (Boolean) value));
            case "maxRetries" -> args.maxRetries(output(setting, (Integer) value));
            case "noProxy" -> args.noProxy(output(setting, (String) value));
            case "profile" -> args.profile(output(setting, (String) value));
            case "region" -> args.region(output(setting, (String) value));
            case "retryMode" -> args.retryMode(output(setting, (String) value));
            case "s3UsEast1RegionalEndpoint" -> args.s3UsEast1RegionalEndpoint(output(setting, (String) value));
            case "s3UsePathStyle" -> args.s3UsePathStyle(output(setting, (Boolean) value));
            case "secretKey" -> args.secretKey(output(setting, (String) value));
            case "sharedConfigFiles" -> args.sharedConfigFiles(output(setting, (List<String>) value));
            case "sharedCredentialsFiles" -> args.sharedCredentialsFiles(output(setting, (List<String>) value));
            case "skipCredentialsValidation" -> args.skipCredentialsValidation(output(setting, (Boolean) value));
            case "skipMetadataApiCheck" -> args.skipMetadataApiCheck(output(setting, (Boolean) value));
            case "skipRegionValidation" -> args.skipRegionValidation(output(setting, (Boolean) value));
            case "skipRequestingAccountId" -> args.skipRequestingAccountId(output(setting, (Boolean) value));
            case "stsRegion" -> args.stsRegion(output(setting, (String) value));
            case "token" -> args.token(output(setting, (String) value));
            case "tokenBucketRateLimiterCapacity" -> args.tokenBucketRateLimiterCapacity(output(setting, (Integer) value));
            case "useDualstackEndpoint" -> args.useDualstackEndpoint(output(setting, (Boolean) value));
            case "useFipsEndpoint" -> args.useFipsEndpoint(output(setting, (Boolean) value));
            default -> throw new IllegalArgumentException("aws:%s reached the provider without a setter".formatted(name));
        }
    }

    private static <T> Output<T> output(AwsSettings.Value setting, T value) {
        return setting.secret() ? Output.ofSecret(value) : Output.of(value);
    }

    @SuppressWarnings("unchecked")
    private static ProviderAssumeRoleArgs assumeRole(Map<String, Object> fields) {
        var role = ProviderAssumeRoleArgs.builder();
        fields.forEach((field, value) -> {
            switch (field) {
                case "duration" -> role.duration((String) value);
                case "externalId" -> role.externalId((String) value);
                case "policy" -> role.policy((String) value);
                case "policyArns" -> role.policyArns((List<String>) value);
                case "roleArn" -> role.roleArn((String) value);
                case "sessionName" -> role.sessionName((String) value);
                case "sourceIdentity" -> role.sourceIdentity((String) value);
                case "tags" -> role.tags((Map<String, String>) value);
                case "transitiveTagKeys" -> role.transitiveTagKeys((List<String>) value);
                default -> throw new IllegalArgumentException("aws:assumeRole.%s reached the provider without a setter".formatted(field));
            }
        });
        return role.build();
    }

    @SuppressWarnings("unchecked")
    private static ProviderAssumeRoleWithWebIdentityArgs assumeRoleWithWebIdentity(Map<String, Object> fields) {
        var role = ProviderAssumeRoleWithWebIdentityArgs.builder();
        fields.forEach((field, value) -> {
            switch (field) {
                case "duration" -> role.duration((String) value);
                case "policy" -> role.policy((String) value);
                case "policyArns" -> role.policyArns((List<String>) value);
                case "roleArn" -> role.roleArn((String) value);
                case "sessionName" -> role.sessionName((String) value);
                case "webIdentityToken" -> role.webIdentityToken((String) value);
                case "webIdentityTokenFile" -> role.webIdentityTokenFile((String) value);
                default -> throw new IllegalArgumentException(
                        "aws:assumeRoleWithWebIdentity.%s reached the provider without a setter".formatted(field));
            }
        });
        return role.build();
    }

    @SuppressWarnings("unchecked")
    private static ProviderIgnoreTagsArgs ignoreTags(Map<String, Object> fields) {
        var ignore = ProviderIgnoreTagsArgs.builder();
        fields.forEach((field, value) -> {
            switch (field) {
                case "keyPrefixes" -> ignore.keyPrefixes((List<String>) value);
                case "keys" -> ignore.keys((List<String>) value);
                default -> throw new IllegalArgumentException("aws:ignoreTags.%s reached the provider without a setter".formatted(field));
            }
        });
        return ignore.build();
    }

    /** One {@code endpoints} entry: service name to URL, over 300 services, set through each service's builder method. */
    private static ProviderEndpointArgs endpoint(Map<String, Object> services) {
        var endpoint = ProviderEndpointArgs.builder();
        services.forEach((service, url) -> {
            try {
                ProviderEndpointArgs.Builder.class.getMethod(service, String.class).invoke(endpoint, url);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("aws:endpoints service %s has no setter in ProviderEndpointArgs".formatted(service), e);
            }
        });
        return endpoint.build();
    }
}
