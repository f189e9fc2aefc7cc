package spotfleet.drills;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.infra.config.ServiceSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance run's own load generator, phase bookkeeping, verdict, report and picture ({@code ./acceptance load},
 * acceptance-run's DrillLoad: the code an AWS run judges with) against the real service behind the local drill's nginx:
 * two copies of the app, an interruption in the middle of the load. Deregistered first and stopped with SIGTERM after
 * (what ECS does with a task on a draining instance), no request fails and the verdict passes; killed without
 * deregistration, requests fail and the verdict fails with each of them counted. The report of the recorded run says
 * it is a local drill, not AWS; it stays in target/drills/acceptance-verdict-*. Nothing here asserts on time.
 */
class AcceptanceVerdictDrillIT {

    static final Path JAR = Path.of("acceptance-run", "target", "spotfleet-acceptance-run.jar");
    static final int REQUESTS_PER_SECOND = 100;
    static final Duration BASELINE = Duration.ofMillis(1500);
    /** Stands in for the target group's deregistration delay: requests nginx already sent to the target finish. */
    static final Duration DEREGISTRATION_DELAY = Duration.ofSeconds(1);
    static final Duration AFTER = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofSeconds(ServiceSettings.defaults().shutdownGraceSeconds());
    static final String SOURCE = "a local drill (two copies of the app behind nginx on 127.0.0.1), not AWS";

    @Test
    void deregisteredFirstAndStoppedWithSigtermAfterTheDrainNoRequestFailsAndTheVerdictPasses() throws Exception {
        var report = emptyReportDirectory("acceptance-verdict-drained");
        // given two copies of the service behind nginx, under the run's own load
        var environment = Map.of("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE.toSeconds()));
        int exitCode;
        LoadRun run;
        try (var stopped = ServiceInstance.start("instance-a", environment);
             var survivor = ServiceInstance.start("instance-b", environment);
             var nginx = Nginx.start(List.of(stopped.port(), survivor.port()));
             var load = LoadRun.start(SpotInterruptionDrillIT.awaitServing(nginx), report)) {
            load.command("phase baseline");
            Thread.sleep(BASELINE);
            // when the first copy is taken out of the load balancer, then stopped as ECS stops a task
            load.command("phase interruption");
            load.command("mark deregistered instance-a");
            nginx.route(List.of(survivor.port()));
            Thread.sleep(DEREGISTRATION_DELAY);
            load.command("mark SIGTERM to instance-a");
            stopped.sigterm();
            exitCode = stopped.awaitExit(GRACE.plusSeconds(5));
            load.command("mark instance-a exited");
            load.command("phase after");
            Thread.sleep(AFTER);
            run = load.finish();
        }

        // then every request got a 2xx, and the verdict says so
        assertThat(exitCode).isZero();
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("PROMISE HELD: all ");
        var json = JsonParser.parseString(Files.readString(report.resolve("report.json"))).getAsJsonObject();
        assertThat(json.get("holds").getAsBoolean()).isTrue();
        assertThat(json.get("failed").getAsLong()).as(Files.readString(report.resolve("report.md"))).isZero();
        var outcomes = outcomes(report);
        assertThat(outcomes).isNotEmpty().allMatch(outcome -> outcome.startsWith("2"));
        assertThat(json.get("requests").getAsLong()).isEqualTo(outcomes.size());
        // the interruption phase had load in it: the verdict judged the requests sent while instance-a went away
        assertThat(phaseRequests(json, "interruption")).isPositive();
        assertThat(phaseRequests(json, "baseline")).isPositive();
        assertThat(phaseRequests(json, "after")).isPositive();
        // the report and the picture of the recorded run, which say they are not AWS
        var markdown = Files.readString(report.resolve("report.md"));
        assertThat(markdown).contains("**Source: " + SOURCE + "**", "## Verdict: the promise held", "| interruption |",
                "deregistered instance-a", "SIGTERM to instance-a", "not measured: a local drill, not an AWS run",
                "Not read (none for this source).");
        assertThat(markdown).doesNotContain("AWS account run");
        var svg = Files.readString(report.resolve("report.svg"));
        assertThat(svg).startsWith("<svg").contains("SIGTERM to instance-a", "deregistered instance-a").endsWith("</svg>\n");
    }

    @Test
    void killedWithoutDeregistrationRequestsFailAndTheVerdictFailsCountingEachOfThem() throws Exception {
        var report = emptyReportDirectory("acceptance-verdict-killed");
        // given the same two copies under the same load
        var environment = Map.of("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE.toSeconds()));
        LoadRun run;
        try (var killed = ServiceInstance.start("instance-a", environment);
             var survivor = ServiceInstance.start("instance-b", environment);
             var nginx = Nginx.start(List.of(killed.port(), survivor.port()));
             var load = LoadRun.start(SpotInterruptionDrillIT.awaitServing(nginx), report)) {
            load.command("phase baseline");
            Thread.sleep(BASELINE);
            // when the first copy dies at once (SIGKILL) and the load balancer still sends it requests
            load.command("phase interruption");
            load.command("mark SIGKILL to instance-a, still registered");
            killed.close();
            killed.awaitExit(Duration.ofSeconds(10));
            Thread.sleep(AFTER);
            run = load.finish();
        }

        // then the verdict fails, and it counted every request that did not get a 2xx
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        var outcomes = outcomes(report);
        var failed = outcomes.stream().filter(outcome -> !outcome.startsWith("2")).count();
        assertThat(failed).isPositive();
        assertThat(run.output()).contains("PROMISE NOT SHOWN: %d of %d requests failed".formatted(failed, outcomes.size()));
        var json = JsonParser.parseString(Files.readString(report.resolve("report.json"))).getAsJsonObject();
        assertThat(json.get("holds").getAsBoolean()).isFalse();
        assertThat(json.get("failed").getAsLong()).isEqualTo(failed);
        var markdown = Files.readString(report.resolve("report.md"));
        // each failed request is counted in the phase it was sent in (one sent before the kill and still in flight counts
        // in the baseline), and the kill's own phase has some
        assertThat(phaseFailed(json, "baseline") + phaseFailed(json, "interruption")).as(markdown).isEqualTo(failed);
        assertThat(phaseFailed(json, "interruption")).as(markdown).isPositive();
        assertThat(markdown).contains("## Verdict: the promise did NOT hold", "**Source: " + SOURCE + "**", "First failed requests");
        assertThat(Files.readString(report.resolve("report.svg"))).contains("SIGKILL to instance-a");
    }

    /** target/drills/{@code name}, emptied: the recorded run's report stays there for a look after the build. */
    private static Path emptyReportDirectory(String name) throws IOException {
        var directory = DrillReport.DIRECTORY.resolve(name);
        if (Files.isDirectory(directory)) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(directory);
    }

    /** Every request's outcome, from the run's requests.csv. */
    private static List<String> outcomes(Path report) throws IOException {
        var lines = Files.readAllLines(report.resolve("requests.csv"));
        assertThat(lines.getFirst()).isEqualTo("sent_at_ms,latency_ms,outcome");
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", 3)[2]).toList();
    }

    private static long phaseRequests(com.google.gson.JsonObject json, String phase) {
        return phase(json, phase).get("requests").getAsLong();
    }

    private static long phaseFailed(com.google.gson.JsonObject json, String phase) {
        return phase(json, phase).get("failed").getAsLong();
    }

    private static com.google.gson.JsonObject phase(com.google.gson.JsonObject json, String phase) {
        for (var element : json.getAsJsonArray("phases")) {
            if (element.getAsJsonObject().get("phase").getAsString().equals(phase)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no phase " + phase + " in " + json.get("phases"));
    }

    /** {@code ./acceptance load} as a process: its commands on stdin, each acknowledged before the drill acts. */
    record LoadRun(int exit, String output) {

        static Handle start(int port, Path report) throws IOException, InterruptedException {
            assertThat(JAR).as("acceptance-run's jar: the root build's build-acceptance-run step makes it before the drills").exists();
            var java = ProcessHandle.current().info().command().orElse("java");
            var process = new ProcessBuilder(java, "-jar", JAR.toString(), "load", "http://127.0.0.1:%d/".formatted(port),
                    String.valueOf(REQUESTS_PER_SECOND), report.toString(), SOURCE).redirectErrorStream(true).start();
            var handle = new Handle(process);
            handle.await("ok load");
            return handle;
        }
    }

    static final class Handle implements AutoCloseable {

        private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
        private final Process process;
        private final Writer commands;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Handle(Process process) {
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.reader = Thread.ofPlatform().daemon().name("acceptance-load").start(() -> {
                try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(line -> {
                        output.add(line);
                        lines.add(line);
                    });
                } catch (IOException e) {
                    // the process is gone; what it printed is kept
                }
            });
        }

        /** Sends {@code command} and waits until the run has recorded it. */
        void command(String command) throws IOException, InterruptedException {
            commands.write(command + "\n");
            commands.flush();
            await("ok " + command);
        }

        private void await(String answer) throws InterruptedException {
            var deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                var line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (answer.equals(line)) {
                    return;
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            throw new AssertionError("./acceptance load did not answer '%s'; it printed:%n%s".formatted(answer, String.join("\n", output)));
        }

        /** Stops the load; the run writes its verdict and report and exits. */
        LoadRun finish() throws IOException, InterruptedException {
            commands.write("stop\n");
            commands.close();
            if (!process.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("./acceptance load did not exit after stop; it printed:%n" + String.join("\n", output));
            }
            reader.join(ANSWER_TIMEOUT);
            synchronized (output) {
                return new LoadRun(process.exitValue(), String.join("\n", output));
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
