package spotfleet.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every documented constraint the check applies, by service: the rules AWS states only in a member's documentation
 * text. Each quotes the model text it encodes, and {@code DocumentedConstraintsTest} checks the quote is still there.
 */
public final class DocumentedConstraints {

    private final Map<String, List<DocumentedConstraint>> byMember;

    private DocumentedConstraints(List<DocumentedConstraint> all) {
        this.byMember = all.stream().collect(Collectors.groupingBy(c -> key(c.service(), c.shape(), c.member())));
    }

    /** Every constraint, as the models in use ({@link ServiceModels#installed()}) let them be applied. */
    public static DocumentedConstraints all() {
        return all(ServiceModels.installed());
    }

    /**
     * Every constraint, as {@code models} let them be applied: a rule whose source text those models no longer have
     * fails every value it meets ({@link DocumentedConstraint#against}), never runs on a guess.
     */
    public static DocumentedConstraints all(ServiceModels models) {
        var all = new ArrayList<DocumentedConstraint>();
        all.addAll(Ec2Constraints.all());
        all.addAll(ElbConstraints.all(models));
        all.addAll(AutoScalingConstraints.all(models));
        all.addAll(EcsConstraints.all(models));
        all.addAll(CloudWatchConstraints.all());
        all.addAll(EventsConstraints.all());
        all.addAll(MessagingConstraints.all());
        all.addAll(SecurityConstraints.all());
        all.addAll(S3Constraints.all());
        return new DocumentedConstraints(all.stream().map(constraint -> constraint.against(models)).toList());
    }

    /** The constraints on {@code member} of {@code shape} (empty member: on the whole structure). */
    public List<DocumentedConstraint> on(String service, String shape, String member) {
        return byMember.getOrDefault(key(service, shape, member), List.of());
    }

    public List<DocumentedConstraint> list() {
        return byMember.values().stream().flatMap(List::stream).toList();
    }

    private static String key(String service, String shape, String member) {
        return service + ":" + shape + "." + member;
    }

    // Rule builders shared by the per-service constraint files.

    static DocumentedConstraint constraint(String service, String shape, String member, String quote,
                                           java.util.function.Function<Object, List<Violation>> rule) {
        return new DocumentedConstraint(service, shape, member, quote, rule);
    }

    /** A rule AWS reworded: Debian's botocore 1.29 wording first, then the newer ones. */
    static DocumentedConstraint constraint(String service, String shape, String member, List<String> quotes,
                                           java.util.function.Function<Object, List<Violation>> rule) {
        return new DocumentedConstraint(service, shape, member, quotes, rule);
    }

    /** Only the characters of {@code allowed} (written as the docs write them: {@code a-z}, {@code A-Z}, {@code 0-9} and single characters), at most {@code max}. */
    static java.util.function.Function<Object, List<Violation>> characters(String who, String allowed, int max) {
        var accepted = acceptedCharacters(allowed);
        return value -> {
            var text = String.valueOf(value);
            if (text.length() > max) {
                return Violation.of("%d characters, more than the %d %s allows".formatted(text.length(), max, who));
            }
            var bad = text.codePoints().filter(c -> !accepted.test(c)).mapToObj(Character::toString).distinct().toList();
            return bad.isEmpty() ? List.of() : Violation.of("character%s %s not allowed (%s allows %s)".formatted(
                    bad.size() > 1 ? "s" : "", bad.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")),
                    who, allowed));
        };
    }

    private static Predicate<Integer> acceptedCharacters(String allowed) {
        Predicate<Integer> accepted = c -> false;
        var rest = allowed;
        for (var range : List.of("a-z", "A-Z", "0-9")) {
            if (rest.contains(range)) {
                var from = range.charAt(0);
                var to = range.charAt(2);
                accepted = accepted.or(c -> c >= from && c <= to);
                rest = rest.replace(range, "");
            }
        }
        var singles = rest;
        return accepted.or(c -> singles.indexOf(c) >= 0);
    }

    /** The whole value matches {@code regex}, described as {@code description}. */
    static java.util.function.Function<Object, List<Violation>> matches(String regex, String description) {
        var pattern = Pattern.compile(regex);
        return value -> pattern.matcher(String.valueOf(value)).matches() ? List.of()
                : Violation.of("\"%s\" is not %s".formatted(value, description));
    }

    /** One of {@code values}. */
    static java.util.function.Function<Object, List<Violation>> oneOf(Collection<?> values) {
        return value -> values.contains(normalize(value)) ? List.of()
                : Violation.of("%s is not one of %s".formatted(quoted(value), values));
    }

    /** One of {@code values}, or an allow-listed value of {@code allowShape} (for values AWS added after the models). */
    static java.util.function.Function<Object, List<Violation>> oneOfOrAllowed(Collection<?> values, String service, String allowShape) {
        return value -> values.contains(normalize(value)) ? List.of()
                : Violation.allowable("%s is not one of %s".formatted(quoted(value), values),
                AllowList.Key.value(service, allowShape, String.valueOf(normalize(value))));
    }

    /** A whole number from {@code min} to {@code max}. */
    static java.util.function.Function<Object, List<Violation>> between(long min, long max) {
        return value -> value instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max ? List.of()
                : Violation.of("%s is not from %d to %d".formatted(quoted(value), min, max));
    }

    @SafeVarargs
    static java.util.function.Function<Object, List<Violation>> allOf(java.util.function.Function<Object, List<Violation>>... rules) {
        return value -> java.util.Arrays.stream(rules).flatMap(rule -> rule.apply(value).stream()).toList();
    }

    /** Whole numbers as longs (the plan's JSON numbers are doubles), everything else as it is. */
    static Object normalize(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : value;
    }

    static String quoted(Object value) {
        var normal = normalize(value);
        return normal instanceof String ? "\"" + normal + "\"" : String.valueOf(normal);
    }

    static Optional<Object> member(Object structure, String member) {
        return structure instanceof Map<?, ?> map ? Optional.ofNullable(map.get(member)) : Optional.empty();
    }
}
