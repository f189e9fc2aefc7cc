package spotfleet.infra.plan;

import spotfleet.infra.offline.DeclaredResource;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which resources each resource's inputs were wired from. The mock engine gives every resource an id and computed
 * outputs (ARNs, generated names, DNS names) made up from its type and name, so a made-up value that turns up in
 * another resource's inputs, whole or inside a longer text (a policy, a dashboard body, base64 user data), is an
 * {@code Output} of the first handed to the second: the same wiring a deploy would resolve.
 */
final class Wiring {

    /** Shorter values (a version {@code 1}) are too common in text to tell whose they are. */
    private static final int SHORTEST_VALUE = 8;

    private Wiring() {
    }

    /**
     * Logical name to what its inputs reference: each top-level input and a resource it was wired from, ordered by
     * the referenced resource's declaration, then the input's name. Every resource has an entry.
     */
    static Map<String, List<Plan.Reference>> of(List<DeclaredResource> resources) {
        return of(resources, null);
    }

    /**
     * The same, counting only values in {@code madeUp} (the mock's stand-ins) as wiring: a resource that reads another
     * stack (a StackReference) holds that stack's outputs, some of them values this program also writes itself (a
     * platform, a URL), which wire nothing.
     */
    static Map<String, List<Plan.Reference>> of(List<DeclaredResource> resources, Set<String> madeUp) {
        var owners = owners(resources);
        if (madeUp != null) {
            owners.keySet().retainAll(madeUp);
        }
        var wiring = new LinkedHashMap<String, List<Plan.Reference>>();
        var pattern = owners.isEmpty() ? null : Pattern.compile(owners.keySet().stream()
                // Longest first, so an ARN is matched whole rather than the name inside it.
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
        var order = new HashMap<String, Integer>();
        resources.forEach(resource -> order.putIfAbsent(resource.name(), order.size()));
        for (var resource : resources) {
            var references = new TreeSet<Plan.Reference>(Comparator.comparing((Plan.Reference r) -> order.get(r.resource()))
                    .thenComparing(Plan.Reference::input));
            if (pattern != null) {
                resource.inputs().forEach((input, value) -> texts(value).forEach(text -> {
                    var matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        var owner = owners.get(matcher.group());
                        if (!owner.equals(resource.name())) {
                            references.add(new Plan.Reference(input, owner));
                        }
                    }
                }));
            }
            wiring.put(resource.name(), List.copyOf(references));
        }
        return wiring;
    }

    /**
     * Each made-up value that tells one resource apart, with its owner: its id, and the outputs the mock added or
     * changed. A value two resources share, or one found inside two or more other resources' values (the account
     * id inside every ARN), belongs to no one.
     */
    private static Map<String, String> owners(List<DeclaredResource> resources) {
        var valuesOf = new LinkedHashMap<String, Set<String>>();
        for (var resource : resources) {
            var values = new LinkedHashSet<String>();
            Stream.concat(Stream.of(resource.id()), resource.outputs().entrySet().stream()
                            .filter(output -> !Objects.equals(output.getValue(), resource.inputs().get(output.getKey())))
                            .flatMap(output -> texts(output.getValue())))
                    .filter(value -> value != null && value.length() >= SHORTEST_VALUE)
                    .forEach(values::add);
            valuesOf.computeIfAbsent(resource.name(), name -> new LinkedHashSet<>()).addAll(values);
        }
        var claims = new HashMap<String, Set<String>>();
        valuesOf.forEach((name, values) -> values.forEach(value -> claims.computeIfAbsent(value, v -> new HashSet<>()).add(name)));
        var owners = new LinkedHashMap<String, String>();
        claims.forEach((value, claimants) -> {
            if (claimants.size() != 1) {
                return;
            }
            var owner = claimants.iterator().next();
            var holders = valuesOf.entrySet().stream()
                    .filter(other -> !other.getKey().equals(owner))
                    .filter(other -> other.getValue().stream().anyMatch(text -> text.contains(value)))
                    .count();
            if (holders < 2) {
                owners.put(value, owner);
            }
        });
        return owners;
    }

    /** Every string in {@code value}, however deep, and what a base64 string decodes to (user data). */
    private static Stream<String> texts(Object value) {
        return switch (value) {
            case null -> Stream.empty();
            case Map<?, ?> map -> map.values().stream().flatMap(Wiring::texts);
            case List<?> list -> list.stream().flatMap(Wiring::texts);
            case String text -> ComputedValues.base64Text(text).map(decoded -> Stream.of(text, decoded)).orElseGet(() -> Stream.of(text));
            default -> Stream.empty();
        };
    }
}
