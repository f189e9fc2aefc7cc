package spotfleet.contract;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the check looked at: checks made per resource type and kind, the AWS requests each type maps to, the plan
 * properties not sent to AWS (with the reason), and the resource types that send no AWS request at all.
 */
public final class Coverage {

    private final Map<String, EnumMap<CheckKind, Integer>> checks = new TreeMap<>();
    private final Map<String, Set<String>> requests = new TreeMap<>();
    private final Map<String, String> sources = new TreeMap<>();
    private final Map<String, Map<String, String>> notSent = new TreeMap<>();
    private final Map<String, String> notAws = new TreeMap<>();
    private final Set<String> stacks = new LinkedHashSet<>();
    private final Set<String> components = new TreeSet<>();

    synchronized void count(String type, CheckKind kind) {
        checks.computeIfAbsent(type, t -> new EnumMap<>(CheckKind.class)).merge(kind, 1, Integer::sum);
    }

    synchronized void request(String type, String source, String request) {
        sources.put(type, source);
        requests.computeIfAbsent(type, t -> new TreeSet<>()).add(request);
    }

    synchronized void notSent(String type, String planPath, String reason) {
        notSent.computeIfAbsent(type, t -> new TreeMap<>()).put(PlanPaths.generic(planPath), reason);
    }

    synchronized void notAws(String type, String reason) {
        notAws.put(type, reason);
    }

    synchronized void stack(String stack) {
        stacks.add(stack);
    }

    synchronized void component(String type) {
        components.add(type);
    }

    public synchronized Map<String, EnumMap<CheckKind, Integer>> checks() {
        return Map.copyOf(checks);
    }

    /** How many checks of {@code kind} were made, over every resource type. */
    public synchronized int total(CheckKind kind) {
        return checks.values().stream().mapToInt(counts -> counts.getOrDefault(kind, 0)).sum();
    }

    /** Every check made, skipped computed values left out. */
    public synchronized int totalChecked() {
        return checks.values().stream().flatMap(counts -> counts.entrySet().stream())
                .filter(e -> e.getKey() != CheckKind.COMPUTED).mapToInt(Map.Entry::getValue).sum();
    }

    public synchronized Map<String, Set<String>> requests() {
        return Map.copyOf(requests);
    }

    public synchronized Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    public synchronized Map<String, Map<String, String>> notSent() {
        return Map.copyOf(notSent);
    }

    public synchronized Map<String, String> notAws() {
        return Map.copyOf(notAws);
    }

    public synchronized List<String> stacks() {
        return List.copyOf(stacks);
    }

    public synchronized Set<String> components() {
        return Set.copyOf(components);
    }
}
