package spotfleet.infra.config;

import java.util.Map;
import java.util.Set;

/**
 * One {@code aws:} stack config key: a setting of pulumi-aws's provider, named and shaped as
 * {@code com.pulumi.aws.ProviderArgs} declares it (its {@code @Import(name = ...)} field and that field's type).
 *
 * @param name       the key without its namespace, e.g. {@code assumeRole}
 * @param shape      what its value is
 * @param fields     for {@link Shape#OBJECT} and {@link Shape#OBJECT_LIST}: each field's name and shape
 * @param credential a credential: pulumi-aws marks it secret ({@code accessKey}, {@code secretKey}, {@code token}),
 *                   so the provider receives it as a secret even when the stack file holds it in plain text
 */
public record AwsConfigKey(String name, Shape shape, Map<String, Field> fields, boolean credential) {

    /** A value's shape, and the Java type ProviderArgs declares for it. */
    public enum Shape {
        STRING("a string"),
        BOOLEAN("true or false"),
        INTEGER("a whole number"),
        STRING_LIST("a list of strings, e.g. [\"123456789012\"]"),
        OBJECT("an object"),
        OBJECT_LIST("a list of objects");

        private final String expected;

        Shape(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /** A field of an object-valued key. */
    public enum Field {
        STRING("a string"),
        STRING_LIST("a list of strings"),
        STRING_MAP("an object of strings, e.g. {\"Team\": \"platform\"}");

        private final String expected;

        Field(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    public AwsConfigKey {
        fields = Map.copyOf(fields);
    }

    public String qualifiedName() {
        return AwsConfig.NAMESPACE + ":" + name;
    }

    static AwsConfigKey of(String name, Shape shape) {
        return new AwsConfigKey(name, shape, Map.of(), false);
    }

    static AwsConfigKey credential(String name) {
        return new AwsConfigKey(name, Shape.STRING, Map.of(), true);
    }

    static AwsConfigKey object(String name, Map<String, Field> fields) {
        return new AwsConfigKey(name, Shape.OBJECT, fields, false);
    }

    static AwsConfigKey objects(String name, Set<String> stringFields) {
        return new AwsConfigKey(name, Shape.OBJECT_LIST,
                stringFields.stream().collect(java.util.stream.Collectors.toMap(f -> f, f -> Field.STRING)), false);
    }
}
