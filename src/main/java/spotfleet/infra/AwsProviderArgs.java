package spotfleet.infra;

import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import spotfleet.infra.config.AwsConfig;
import spotfleet.infra.config.AwsConfigKey;
import spotfleet.infra.config.AwsSettings;

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

    /**
     * Hands one setting to the builder method of its name, an object built through its args class's builder: the
     * keys and shapes come from ProviderArgs itself ({@link AwsConfig#KEYS}), so no list here can fall behind it.
     */
    private static void set(ProviderArgs.Builder args, String name, AwsSettings.Value setting) {
        var key = AwsConfig.key(name).orElseThrow(() -> new IllegalArgumentException(
                "aws:%s reached the provider without being a setting of it".formatted(name)));
        var value = switch (key.shape()) {
            case OBJECT -> object(key, setting.value());
            case OBJECT_LIST -> ((List<?>) setting.value()).stream().map(item -> object(key, item)).toList();
            default -> setting.value();
        };
        invoke(args, name, Output.class, setting.secret() ? Output.ofSecret(value) : Output.of(value));
    }

    /** An object value (field name to String, List or Map) as the pulumi-aws args class of its key. */
    private static Object object(AwsConfigKey key, Object fields) {
        var type = key.argsType().orElseThrow();
        try {
            var builder = type.getMethod("builder").invoke(null);
            ((Map<?, ?>) fields).forEach((field, value) -> invoke(builder, (String) field,
                    value instanceof List ? List.class : value instanceof Map ? Map.class : String.class, value));
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("%s has no builder to take %s".formatted(type.getSimpleName(), key.qualifiedName()), e);
        }
    }

    private static void invoke(Object builder, String method, Class<?> parameter, Object value) {
        try {
            builder.getClass().getMethod(method, parameter).invoke(builder, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("%s has no setter %s(%s)".formatted(
                    builder.getClass().getName(), method, parameter.getSimpleName()), e);
        }
    }
}
