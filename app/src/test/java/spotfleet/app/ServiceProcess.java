package spotfleet.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service, started with the Dockerfile's own command line from app/target (the image's
 * WORKDIR layout: spotfleet-app.jar and libs/) on the image's own runtime (target/runtime, linked by the
 * Dockerfile's jlink line), on a free port, its stdout collected line by line.
 */
final class ServiceProcess implements AutoCloseable {
    static final Path TARGET = Path.of(System.getProperty("app.target", "target"));
    static final Path DOCKERFILE = Path.of(System.getProperty("app.dockerfile", "Dockerfile"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STARTED_PORT = Pattern.compile("\"msg\":\"started\".*\"port\":(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ServiceProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("service-stdout").start(this::readLines);
    }

    /** Starts the image's command with these environment variables added (PORT defaults to 0, any free port). */
    static ServiceProcess start(Map<String, String> environment) {
        return start(TARGET, environment);
    }

    /** The same, in another copy of the image's layout. */
    static ServiceProcess start(Path layout, Map<String, String> environment) {
        List<String> command = DockerfileCommand.read(DOCKERFILE).withJava(runtime());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image's {@code $JAVA_HOME}, as ImageLayout linked it in package. */
    static Path runtime() {
        return TARGET.resolve(DockerfileCommand.read(DOCKERFILE).runtimeDirectory()).toAbsolutePath();
    }

    /** Starts the service and waits until it says on which port it listens. */
    static ServiceProcess startAndAwaitPort(Map<String, String> environment) {
        ServiceProcess service = start(environment);
        service.port();
        return service;
    }

    /** The port from the "started" line; waits for it. */
    int port() {
        String line = awaitLine("\"msg\":\"started\"", START_TIMEOUT);
        Matcher matcher = STARTED_PORT.matcher(line);
        if (!matcher.find()) {
            throw new AssertionError("no port in: " + line);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The first line containing the text, waiting up to the timeout for it. */
    String awaitLine(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
                    throw new AssertionError("no line containing " + text + " within " + timeout + " (service " + state
                                                     + "); it printed:\n" + String.join("\n", lines));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** What ECS (docker stop) sends first. */
    void sigterm() {
        // SIGTERM on Linux; through the handle, because Process.destroy() also closes our end of stdout
        process.toHandle().destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit and returns its code, or fails if the process is still running after the timeout. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the service was still running " + timeout + " later; it printed:\n"
                                                 + String.join("\n", lines()));
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }
}
