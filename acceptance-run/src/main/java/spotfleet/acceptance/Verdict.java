package spotfleet.acceptance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The promise, judged on the client's own record: zero failed requests (anything but a 2xx: 5xx, 4xx, a reset, a
 * timeout) over the whole load, through the interruption and through the deploy. Also per phase: how many requests,
 * how many failed, their outcomes, and the p50 and p99 latency. A run whose load recorded no request at all, or whose
 * phases cover none, does not pass: there was nothing to judge.
 */
record Verdict(boolean holds, String why, long requests, long failed, List<PhaseFigures> phases, List<RequestRecord> firstFailures) {

    record PhaseFigures(String phase, long requests, long failed, Map<String, Long> outcomes, double p50Millis, double p99Millis) {
    }

    static Verdict of(List<RequestRecord> requests, List<Timeline.Phase> phases) {
        var figures = new ArrayList<PhaseFigures>();
        for (var phase : phases) {
            var in = requests.stream().filter(r -> phase.contains(r.sentAtMillis())).toList();
            figures.add(figures(phase.name(), in));
        }
        var failed = requests.stream().filter(r -> !r.succeeded()).toList();
        var covered = requests.stream().filter(r -> phases.stream().anyMatch(p -> p.contains(r.sentAtMillis()))).count();
        String why;
        boolean holds;
        if (requests.isEmpty()) {
            holds = false;
            why = "no request was recorded: nothing to judge";
        } else if (phases.isEmpty() || covered == 0) {
            holds = false;
            why = "no phase covers the requests: nothing to judge";
        } else if (!failed.isEmpty()) {
            holds = false;
            why = "%d of %d requests failed".formatted(failed.size(), requests.size());
        } else {
            holds = true;
            why = "all %d requests answered 2xx".formatted(requests.size());
        }
        return new Verdict(holds, why, requests.size(), failed.size(), figures, failed.stream().limit(20).toList());
    }

    private static PhaseFigures figures(String phase, List<RequestRecord> requests) {
        var outcomes = new TreeMap<String, Long>();
        requests.forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
        var latencies = requests.stream().mapToDouble(RequestRecord::latencyMillis).sorted().toArray();
        return new PhaseFigures(phase, requests.size(), requests.stream().filter(r -> !r.succeeded()).count(),
                new LinkedHashMap<>(outcomes), percentile(latencies, 50), percentile(latencies, 99));
    }

    /** Nearest-rank percentile; 0 for no values. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        var rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
