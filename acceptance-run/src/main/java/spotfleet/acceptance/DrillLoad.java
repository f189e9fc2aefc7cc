package spotfleet.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./acceptance load <url> <rps> <report dir> [source]}: the run's own load generator, phase bookkeeping, verdict,
 * report and picture against a URL on this machine, with the phases and events given on standard input as they happen.
 * This is how the local interruption drill (tests/java/spotfleet/drills/AcceptanceVerdictDrillIT) judges a real server
 * behind nginx with the same code an AWS run uses. Commands, one a line, each answered {@code ok <command>} once it is
 * recorded: {@code phase <name>} (ends the open phase, starts this one), {@code mark <event>} (an event on the
 * timeline), {@code stop} (or the end of input): the load stops, the verdict and report are written. Exit 0 if the
 * promise held, 1 if not, 2 on bad arguments.
 */
final class DrillLoad {

    static final String DEFAULT_SOURCE = "a local drill on this machine, not AWS";

    private DrillLoad() {
    }

    static int run(List<String> args, InputStream commands, PrintStream out) {
        if (args.size() < 3) {
            out.println("usage: ./acceptance load <url> <requests per second> <report dir> [source]");
            return 2;
        }
        URI url;
        int rps;
        try {
            url = URI.create(args.get(0));
            rps = Integer.parseInt(args.get(1));
        } catch (IllegalArgumentException e) {
            out.println("./acceptance load: %s (the URL and a whole number of requests per second)".formatted(e.getMessage()));
            return 2;
        }
        if (!"http".equals(url.getScheme()) || rps < 1 || rps > Options.MAX_REQUESTS_PER_SECOND) {
            out.println("./acceptance load: the URL must be http:// (was %s) and the rate between 1 and %d (was %d)"
                    .formatted(url, Options.MAX_REQUESTS_PER_SECOND, rps));
            return 2;
        }
        var source = args.size() > 3 ? String.join(" ", args.subList(3, args.size())) : DEFAULT_SOURCE;
        var clock = Clock.systemUTC();
        var timeline = new Timeline(clock);
        List<RequestRecord> requests;
        try (var load = new LoadGenerator(url, rps, clock)) {
            timeline.mark("load started (%d req/s)".formatted(rps));
            out.println("ok load");
            out.flush();
            read(commands, timeline, out);
            timeline.endPhase(clock.millis());
            timeline.mark("load stopped");
            requests = load.stop();
        }
        var verdict = Verdict.of(requests, timeline.phases());
        var run = new LinkedHashMap<String, String>();
        run.put("target", url.toString());
        run.put("requests per second", String.valueOf(rps));
        Report.write(Path.of(args.get(2)), new Report.Contents("spotfleet acceptance verdict of a local drill", source, run, timeline,
                verdict, requests, Map.of(), Map.of("all", "not measured: a local drill, not an AWS run"), ""));
        out.println((verdict.holds() ? "PROMISE HELD: " : "PROMISE NOT SHOWN: ") + verdict.why());
        return verdict.holds() ? 0 : 1;
    }

    private static void read(InputStream commands, Timeline timeline, PrintStream out) {
        try {
            var reader = new BufferedReader(new InputStreamReader(commands, StandardCharsets.UTF_8));
            for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                var command = line.strip();
                if (command.equals("stop")) {
                    return;
                } else if (command.startsWith("phase ") && command.length() > 6) {
                    timeline.phase(command.substring(6).strip());
                } else if (command.startsWith("mark ") && command.length() > 5) {
                    timeline.mark(command.substring(5).strip());
                } else {
                    out.println("unknown command (phase <name>, mark <event>, stop): " + command);
                    continue;
                }
                out.println("ok " + command);
                out.flush();
            }
        } catch (IOException e) {
            out.println("./acceptance load: reading commands failed, stopping: " + e.getMessage());
        }
    }
}
