package spotfleet.contract;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Members and operations AWS added after the botocore 1.29 models, checked against the AWS SDK for Java v2's model
 * classes instead (types and enum values; the SDK carries no lengths or patterns). Only used for what the
 * allow-list admits.
 */
final class SdkShapes {

    private static final String UNKNOWN = "UNKNOWN_TO_SDK_VERSION";

    private SdkShapes() {
    }

    static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + className + " on the test classpath (an awssdk test dependency?)", e);
        }
    }

    /** The fields of an SDK structure (or request) class. */
    static List<SdkField<?>> fields(Class<?> structure) {
        try {
            var builder = structure.getMethod("builder").invoke(null);
            return ((SdkPojo) builder).sdkFields();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(structure.getName() + " is not an AWS SDK v2 model class", e);
        }
    }

    /** The field sent on the wire as {@code member} (AWS member names, compared without case). */
    static Optional<SdkField<?>> field(Class<?> structure, String member) {
        return fields(structure).stream().filter(f -> f.locationName().equalsIgnoreCase(member)).findFirst();
    }

    /** Problems of {@code value} as the structure {@code structure}, paths relative to it. */
    static List<Violation> checkStructure(Class<?> structure, Object value, String path, Consumer<CheckKind> counter) {
        var violations = new ArrayList<Violation>();
        counter.accept(CheckKind.TYPE);
        if (!(value instanceof Map<?, ?> map)) {
            return Violation.at(path, "expected a structure (%s), not %s".formatted(structure.getSimpleName(), value));
        }
        map.forEach((key, member) -> {
            var memberPath = PlanPaths.key(path, String.valueOf(key));
            var field = field(structure, String.valueOf(key));
            counter.accept(CheckKind.MEMBER);
            if (field.isEmpty()) {
                violations.add(new Violation(memberPath, "%s has no member %s in the AWS SDK either".formatted(structure.getSimpleName(), key),
                        Optional.empty()));
            } else {
                violations.addAll(checkField(structure, field.get(), member, memberPath, counter));
            }
        });
        return violations;
    }

    /** Problems of {@code value} as {@code field} of {@code structure}. */
    static List<Violation> checkField(Class<?> structure, SdkField<?> field, Object value, String path, Consumer<CheckKind> counter) {
        if (PlanResource.isComputed(value)) {
            counter.accept(CheckKind.COMPUTED);
            return List.of();
        }
        return checkValue(getter(structure, field).getGenericReturnType(), field.marshallingType(), value, path, counter);
    }

    private static List<Violation> checkValue(Type type, MarshallingType<?> marshalling, Object value, String path,
                                              Consumer<CheckKind> counter) {
        counter.accept(CheckKind.TYPE);
        var raw = raw(type);
        if (marshalling == MarshallingType.SDK_POJO || SdkPojo.class.isAssignableFrom(raw)) {
            return checkStructure(raw, value, path, counter);
        }
        if (marshalling == MarshallingType.LIST || List.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> list)) {
                return Violation.at(path, "expected a list, not " + value);
            }
            var element = ((ParameterizedType) type).getActualTypeArguments()[0];
            var violations = new ArrayList<Violation>();
            for (int i = 0; i < list.size(); i++) {
                violations.addAll(checkValue(element, null, list.get(i), PlanPaths.index(path, i), counter));
            }
            return violations;
        }
        if (marshalling == MarshallingType.MAP || Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof Map<?, ?> map)) {
                return Violation.at(path, "expected a map, not " + value);
            }
            var element = ((ParameterizedType) type).getActualTypeArguments()[1];
            var violations = new ArrayList<Violation>();
            map.forEach((k, v) -> violations.addAll(checkValue(element, null, v, PlanPaths.key(path, String.valueOf(k)), counter)));
            return violations;
        }
        return checkScalar(raw, value, path, counter);
    }

    private static List<Violation> checkScalar(Class<?> raw, Object value, String path, Consumer<CheckKind> counter) {
        if (PlanResource.isComputed(value)) {
            return List.of();
        }
        if (raw.isEnum()) {
            counter.accept(CheckKind.ENUM);
            if (!(value instanceof String text) || enumValue(raw, text).equals(UNKNOWN)) {
                return Violation.at(path, "\"%s\" is not a value of %s in the AWS SDK".formatted(value, raw.getName()));
            }
            return List.of();
        }
        var ok = switch (raw.getSimpleName()) {
            case "String" -> value instanceof String;
            case "Integer", "Long", "Short" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "Double", "Float" -> value instanceof Number;
            case "Boolean" -> value instanceof Boolean;
            default -> true;
        };
        return ok ? List.of() : Violation.at(path, "expected %s, not %s".formatted(raw.getSimpleName(), value));
    }

    /** {@code Enum.fromValue(text)}'s constant (its name; {@value #UNKNOWN} when the SDK does not know the value). */
    static String enumValue(Class<?> enumClass, String text) {
        try {
            var constant = enumClass.getMethod("fromValue", String.class).invoke(null, text);
            return constant == null ? UNKNOWN : ((Enum<?>) constant).name();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(enumClass.getName() + " is not an AWS SDK v2 enum", e);
        }
    }

    static boolean knows(Class<?> enumClass, String text) {
        return !enumValue(enumClass, text).equals(UNKNOWN);
    }

    private static Method getter(Class<?> structure, SdkField<?> field) {
        for (var method : structure.getMethods()) {
            if (method.getParameterCount() == 0 && method.getName().equalsIgnoreCase(field.memberName())) {
                return method;
            }
        }
        throw new IllegalArgumentException("%s has no getter for %s".formatted(structure.getName(), field.memberName()));
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }
}
