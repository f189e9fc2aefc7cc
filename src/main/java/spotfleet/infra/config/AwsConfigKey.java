package spotfleet.infra.config;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code aws:} stack config key: a setting of pulumi-aws's provider, named and shaped as
 * {@code com.pulumi.aws.ProviderArgs} declares it (its {@code @Import(name = ...)} field and that field's type).
 *
 * @param name       the key without its namespace, e.g. {@code assumeRole}
 * @param shape      what its value is
 * @param fields     for {@link Shape#OBJECT} and {@link Shape#OBJECT_LIST}: each field's name and shape
 * @param credential a credential: pulumi-aws marks it secret ({@code accessKey}, {@code secretKey}, {@code token}),
 *                   so the provider receives it as a secret even when the stack file holds it in plain text
 * @param argsType   for {@link Shape#OBJECT} and {@link Shape#OBJECT_LIST}: the pulumi-aws args class an object becomes
 */
public record AwsConfigKey(String name, Shape shape, Map<String, Field> fields, boolean credential,
                           Optional<Class<?>> argsType) {

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
        Objects.requireNonNull(argsType, "argsType");
    }

    public String qualifiedName() {
        return AwsConfig.NAMESPACE + ":" + name;
    }

    /**
     * The keys a pulumi-aws args class takes: each {@code @Import} field, by its name, with the shape its
     * {@code Output<T>} type calls for; an object's fields read the same way from its own args class. Read from the
     * class rather than copied, so a provider upgrade brings its keys along; a type no shape fits fails here, at once.
     */
    static List<AwsConfigKey> read(Class<?> args, Set<String> credentials) {
        return imports(args).entrySet().stream().map(entry -> {
            var name = entry.getKey();
            var type = entry.getValue();
            var listed = type instanceof ParameterizedType list && list.getRawType() == List.class
                    ? list.getActualTypeArguments()[0] : null;
            var credential = credentials.contains(name);
            if (type == String.class || type == Boolean.class || type == Integer.class || listed == String.class) {
                var shape = type == String.class ? Shape.STRING : type == Boolean.class ? Shape.BOOLEAN
                        : type == Integer.class ? Shape.INTEGER : Shape.STRING_LIST;
                return new AwsConfigKey(name, shape, Map.of(), credential, Optional.empty());
            } else if (isArgs(type) || isArgs(listed)) {
                var object = (Class<?>) (listed == null ? type : listed);
                return new AwsConfigKey(name, listed == null ? Shape.OBJECT : Shape.OBJECT_LIST, fields(object),
                        credential, Optional.of(object));
            }
            throw unreadable(args, name, type);
        }).sorted(Comparator.comparing(AwsConfigKey::name)).toList();
    }

    private static boolean isArgs(Type type) {
        return type instanceof Class<?> c && ResourceArgs.class.isAssignableFrom(c);
    }

    private static Map<String, Field> fields(Class<?> object) {
        var fields = new TreeMap<String, Field>();
        imports(object).forEach((name, type) -> fields.put(name, type == String.class ? Field.STRING
                : type instanceof ParameterizedType generic && generic.getRawType() == List.class ? Field.STRING_LIST
                : type instanceof ParameterizedType generic && generic.getRawType() == Map.class ? Field.STRING_MAP
                : throwing(unreadable(object, name, type))));
        return fields;
    }

    /** Each {@code @Import} field's name and the T of its {@code Output<T>}. */
    private static Map<String, Type> imports(Class<?> args) {
        var imports = new TreeMap<String, Type>();
        for (var field : args.getDeclaredFields()) {
            var imported = field.getAnnotation(Import.class);
            if (imported != null) {
                imports.put(imported.name(), ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0]);
            }
        }
        return imports;
    }

    private static Field throwing(IllegalStateException e) {
        throw e;
    }

    private static IllegalStateException unreadable(Class<?> object, String name, Type type) {
        return new IllegalStateException("%s.%s is a %s: no aws: config shape reads it".formatted(
                object.getSimpleName(), name, type.getTypeName()));
    }
}
