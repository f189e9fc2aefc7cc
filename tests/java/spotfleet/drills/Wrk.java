package spotfleet.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A run of wrk (Debian's package) and the figures it prints. */
record Wrk(long requests, double requestsPerSecond, long connectErrors, long readErrors, long writeErrors, long timeouts,
           long non2xxOr3xx, String latencyP50, String latencyP99, int exitCode, String output) {

    /** wrk's own default, made explicit: a request without an answer after this counts as a timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    static Wrk run(String url, int threads, int connections, Duration duration) {
        var wrk = SystemTool.find("wrk", "wrk");
        var command = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", REQUEST_TIMEOUT.toSeconds() + "s", "--latency", url).redirectErrorStream(true);
        try {
            var process = command.start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("wrk did not finish: " + output);
            }
            return parse(output, process.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Wrk parse(String output, int exitCode) {
        var socketErrors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        var hasSocketErrors = socketErrors.find();
        return new Wrk(
                number(output, "(\\d+) requests in"),
                Double.parseDouble(text(output, "Requests/sec:\\s+([\\d.]+)", "0")),
                hasSocketErrors ? Long.parseLong(socketErrors.group(1)) : 0,
                hasSocketErrors ? Long.parseLong(socketErrors.group(2)) : 0,
                hasSocketErrors ? Long.parseLong(socketErrors.group(3)) : 0,
                hasSocketErrors ? Long.parseLong(socketErrors.group(4)) : 0,
                Long.parseLong(text(output, "Non-2xx or 3xx responses: (\\d+)", "0")),
                text(output, "\\s50%\\s+(\\S+)", "?"),
                text(output, "\\s99%\\s+(\\S+)", "?"),
                exitCode,
                output);
    }

    long errors() {
        return connectErrors + readErrors + writeErrors + timeouts + non2xxOr3xx;
    }

    private static long number(String output, String regex) {
        var text = text(output, regex, null);
        if (text == null) {
            throw new AssertionError("wrk printed no /" + regex + "/:\n" + output);
        }
        return Long.parseLong(text);
    }

    private static String text(String output, String regex, String absent) {
        var matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? matcher.group(1) : absent;
    }
}
