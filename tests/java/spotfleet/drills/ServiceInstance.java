package spotfleet.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One copy of the service as its image runs it: the Dockerfile's command line on the image's runtime, in
 * {@code app/target} (the image's WORKDIR layout), with the environment ECS gives the container. Its stdout is read as it comes: request lines are
 * only counted (a load run writes hundreds of thousands), every other line is kept.
 */
final class ServiceInstance implements AutoCloseable {

    static final Path APP_TARGET = Path.of("app", "target");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STARTED_PORT = Pattern.compile("\"msg\":\"started\".*\"port\":(\\d+)");
    private static final Pattern SERVER_ERROR = Pattern.compile("\"status\":5\\d\\d");

    private final String name;
    private final Process process;
    private final List<String> serviceLines = new ArrayList<>();
    private final AtomicLong requestLines = new AtomicLong();
    private final AtomicLong serverErrorLines = new AtomicLong();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    private ServiceInstance(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name(name + "-stdout").start(this::readLines);
    }

    /** Starts the image's command on a free port with {@code environment} added, and waits until it listens. */
    static ServiceInstance start(String name, Map<String, String> environment) {
        if (!Files.isRegularFile(APP_TARGET.resolve("spotfleet-app.jar"))) {
            throw new AssertionError(APP_TARGET.resolve("spotfleet-app.jar") + " is missing: the drills run after the build-app"
                    + " execution (./mvnw verify), or build it with ./mvnw -f app/pom.xml package");
        }
        var builder = new ProcessBuilder(ImageCommand.read().onImageRuntime())
                .directory(APP_TARGET.toFile())
                .redirectErrorStream(true);
        var env = new HashMap<>(environment);
        env.putIfAbsent("PORT", "0");
        builder.environment().putAll(env);
        try {
            var instance = new ServiceInstance(name, builder.start());
            instance.port();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** The port from the service's "started" line; waits for it. */
    int port() {
        try {
            return port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("%s did not say it started within %s (%s); it printed:%n%s".formatted(name, START_TIMEOUT,
                    process.isAlive() ? "still running" : "exited with " + process.exitValue(), String.join("\n", serviceLines())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A line of {@code /proc/<pid>/status} in KiB, e.g. {@code VmRSS} (resident now) or {@code VmHWM} (the peak so far). */
    long memoryKib(String field) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " is gone: " + e.getMessage(), e);
        }
        throw new AssertionError("no " + field + " in /proc/" + process.pid() + "/status");
    }

    /** What ECS sends first when it stops a task (through the handle: {@code Process.destroy} also closes our stdout). */
    void sigterm() {
        process.toHandle().destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once its last line is read; fails if the process still runs after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            var exited = process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            reader.join(Duration.ofSeconds(5));
            return exited.exitValue();
        } catch (TimeoutException e) {
            throw new AssertionError("%s still runs %s after SIGTERM; it printed:%n%s".formatted(name, timeout,
                    String.join("\n", serviceLines())), e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every line but the request log, in order. */
    List<String> serviceLines() {
        synchronized (serviceLines) {
            return List.copyOf(serviceLines);
        }
    }

    /** The service's own ERROR lines (an unhandled exception, a grace that ran out); 5xx answers are {@link #serverErrorsLogged()}. */
    List<String> errorLines() {
        return serviceLines().stream().filter(line -> line.contains("\"level\":\"ERROR\"")).toList();
    }

    long requestsLogged() {
        return requestLines.get();
    }

    long serverErrorsLogged() {
        return serverErrorLines.get();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readLines() {
        try (var out = process.inputReader(StandardCharsets.UTF_8)) {
            out.lines().forEach(this::take);
        } catch (IOException | UncheckedIOException e) {
            // the process is gone; what it printed is kept
        } finally {
            port.completeExceptionally(new IllegalStateException(name + "'s output ended"));
        }
    }

    /** Request lines are counted (and kept only when they report a 5xx); every other line is kept. */
    private void take(String line) {
        if (!line.contains("\"logger\":\"request\"")) {
            keep(line);
            return;
        }
        requestLines.incrementAndGet();
        if (SERVER_ERROR.matcher(line).find()) {
            serverErrorLines.incrementAndGet();
            keep(line);
        }
    }

    private void keep(String line) {
        var started = STARTED_PORT.matcher(line);
        if (started.find()) {
            port.complete(Integer.parseInt(started.group(1)));
        }
        synchronized (serviceLines) {
            serviceLines.add(line);
        }
    }
}
