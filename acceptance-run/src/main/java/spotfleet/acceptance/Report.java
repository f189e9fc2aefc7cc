package spotfleet.acceptance;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's report, in {@code dir}: report.md (the verdict, the phases, the timeline, the load balancer's own counts,
 * the measured allowances, the stack's config), report.json (the same for machines), requests.csv (every request) and
 * report.svg (throughput, failures and p99 latency per second, the timeline's events marked). {@code source} says where
 * the figures come from: a real account, or a local drill, which the report says is not AWS.
 */
final class Report {

    private Report() {
    }

    record Contents(String title, String source, Map<String, String> run, Timeline timeline, Verdict verdict,
                    List<RequestRecord> requests, Map<String, Double> loadBalancerCounts, Map<String, String> allowances,
                    String stackConfig) {
    }

    static void write(Path dir, Contents c) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown(c));
            Files.writeString(dir.resolve("report.json"), json(c));
            Files.writeString(dir.resolve("requests.csv"), csv(c.requests()));
            Files.writeString(dir.resolve("report.svg"), Picture.svg(c.requests(), c.timeline().events()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    static String markdown(Contents c) {
        var v = c.verdict();
        var md = new StringBuilder();
        md.append("# ").append(c.title()).append("\n\n");
        md.append("**Source: ").append(c.source()).append("**\n\n");
        md.append("## Verdict: ").append(v.holds() ? "the promise held" : "the promise did NOT hold").append("\n\n");
        md.append(v.why()).append(" (").append(v.failed()).append(" failed of ").append(v.requests()).append(").\n\n");
        md.append("| phase | requests | failed | outcomes | p50 ms | p99 ms |\n|---|---:|---:|---|---:|---:|\n");
        for (var p : v.phases()) {
            md.append("| %s | %d | %d | %s | %.1f | %.1f |\n".formatted(p.phase(), p.requests(), p.failed(), p.outcomes(),
                    p.p50Millis(), p.p99Millis()));
        }
        if (!v.firstFailures().isEmpty()) {
            md.append("\nFirst failed requests (sent at, outcome, ms):\n\n");
            v.firstFailures().forEach(r -> md.append("- %s %s %.1f\n".formatted(Instant.ofEpochMilli(r.sentAtMillis()), r.outcome(),
                    r.latencyMillis())));
        }
        md.append("\n![throughput, failures and p99 latency per second](report.svg)\n\n## Timeline\n\n| time (UTC) | + s | event |\n|---|---:|---|\n");
        var events = c.timeline().events();
        var t0 = events.isEmpty() ? 0 : events.getFirst().atMillis();
        events.forEach(e -> md.append("| %s | %.1f | %s |\n".formatted(Instant.ofEpochMilli(e.atMillis()), (e.atMillis() - t0) / 1000.0, e.name())));
        md.append("\n## The load balancer's own counts\n\n");
        if (c.loadBalancerCounts().isEmpty()) {
            md.append("Not read (none for this source).\n");
        } else {
            md.append("CloudWatch AWS/ApplicationELB over the load's window, beside the client's own count:\n\n| metric | value |\n|---|---:|\n");
            c.loadBalancerCounts().forEach((k, val) -> md.append("| %s | %s |\n".formatted(k, val)));
            md.append("| client: requests | %d |\n| client: failed | %d |\n".formatted(v.requests(), v.failed()));
        }
        md.append("\n## The allowances of docs/interruption-timeline.md: measured, or not\n\n| allowance | measured |\n|---|---|\n");
        c.allowances().forEach((k, val) -> md.append("| %s | %s |\n".formatted(k, val)));
        md.append("\n## The run\n\n");
        c.run().forEach((k, val) -> md.append("- %s: %s\n".formatted(k, val)));
        if (!c.stackConfig().isBlank()) {
            md.append("\nStack config:\n\n```yaml\n").append(c.stackConfig().strip()).append("\n```\n");
        }
        return md.toString();
    }

    static String json(Contents c) {
        var root = new LinkedHashMap<String, Object>();
        root.put("title", c.title());
        root.put("source", c.source());
        root.put("holds", c.verdict().holds());
        root.put("why", c.verdict().why());
        root.put("requests", c.verdict().requests());
        root.put("failed", c.verdict().failed());
        root.put("phases", c.verdict().phases());
        root.put("timelinePhases", c.timeline().phases());
        root.put("events", c.timeline().events());
        root.put("loadBalancerCounts", c.loadBalancerCounts());
        root.put("allowances", c.allowances());
        root.put("run", c.run());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    static String csv(List<RequestRecord> requests) {
        var csv = new StringBuilder("sent_at_ms,latency_ms,outcome\n");
        requests.forEach(r -> csv.append("%d,%.3f,%s\n".formatted(r.sentAtMillis(), r.latencyMillis(), r.outcome())));
        return csv.toString();
    }

    static List<RequestRecord> readCsv(Path file) throws IOException {
        var requests = new ArrayList<RequestRecord>();
        var lines = Files.readAllLines(file);
        for (var line : lines.subList(1, lines.size())) {
            var parts = line.split(",", 3);
            requests.add(new RequestRecord(Long.parseLong(parts[0]), Double.parseDouble(parts[1]), parts[2]));
        }
        return requests;
    }

    /** A timeline as {@code {"events": [{name, atMillis}], "phases": [{name, startMillis, endMillis}]}}. */
    static Timeline readTimeline(Path file) throws IOException {
        var root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        var gson = new GsonBuilder().create();
        List<Timeline.Event> events = gson.fromJson(root.get("events"), new TypeToken<List<Timeline.Event>>() { }.getType());
        List<Timeline.Phase> phases = gson.fromJson(root.get("phases"), new TypeToken<List<Timeline.Phase>>() { }.getType());
        return Timeline.of(events == null ? List.of() : events, phases == null ? List.of() : phases);
    }

    /** Per-second buckets of the load, for the picture. */
    record Second(long second, int sent, int failed, double p99) {
    }

    static List<Second> perSecond(List<RequestRecord> requests) {
        var buckets = new TreeMap<Long, List<RequestRecord>>();
        requests.forEach(r -> buckets.computeIfAbsent(r.sentAtMillis() / 1000, k -> new ArrayList<>()).add(r));
        var seconds = new ArrayList<Second>();
        buckets.forEach((s, rs) -> seconds.add(new Second(s, rs.size(), (int) rs.stream().filter(r -> !r.succeeded()).count(),
                Verdict.percentile(rs.stream().mapToDouble(RequestRecord::latencyMillis).sorted().toArray(), 99))));
        return seconds;
    }
}
