package spotfleet.drills;

import org.junit.jupiter.api.Test;
import spotfleet.infra.config.ServiceSettings;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load: 256 keep-alive connections for 20 s against the service started with the image's own JVM flags. No request
 * may fail (connection or read errors, timeouts, non-2xx), and the process's resident memory must stay under the
 * container's limit, the program's default {@code taskMemory}, at its peak. The request rate is printed, never judged.
 */
class LoadDrillIT {

    static final int CONNECTIONS = 256;
    static final Duration DURATION = Duration.ofSeconds(20);
    /** wrk's threads: one per core of the machine the build runs on (2 in CI). */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    static final Duration RSS_SAMPLE_INTERVAL = Duration.ofMillis(100);
    /** After the run: what the process settles to once the load is gone. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    @Test
    void theServiceAnswers256ConnectionsWithoutAnErrorInsideItsMemoryLimit() throws Exception {
        // given: the container's limit, as the stack sets it by default, and the service as the image runs it
        var limitKib = ServiceSettings.defaults().taskMemory() * 1024L;
        try (var service = ServiceInstance.start("service", Map.of())) {
            var startRssKib = service.memoryKib("VmRSS");
            var sampledMaxKib = new AtomicLong(startRssKib);
            var sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (!Thread.currentThread().isInterrupted() && service.isAlive()) {
                    sampledMaxKib.accumulateAndGet(service.memoryKib("VmRSS"), Math::max);
                    try {
                        Thread.sleep(RSS_SAMPLE_INTERVAL);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });

            // when
            var wrk = Wrk.run("http://127.0.0.1:%d/".formatted(service.port()), THREADS, CONNECTIONS, DURATION);
            sampler.interrupt();
            sampler.join();
            Thread.sleep(SETTLE);
            var afterRssKib = service.memoryKib("VmRSS");
            var peakRssKib = service.memoryKib("VmHWM");

            // then
            new DrillReport("load")
                    .add("JVM flags (from app/Dockerfile)", String.join(" ", ImageCommand.read().jvmOptions()))
                    .add("connections / threads / duration", "%d / %d / %d s".formatted(CONNECTIONS, THREADS, DURATION.toSeconds()))
                    .add("requests", wrk.requests())
                    .add("requests/s (information only)", "%.0f".formatted(wrk.requestsPerSecond()))
                    .add("latency p50 / p99", wrk.latencyP50() + " / " + wrk.latencyP99())
                    .add("socket errors connect/read/write/timeout", "%d/%d/%d/%d".formatted(wrk.connectErrors(), wrk.readErrors(),
                            wrk.writeErrors(), wrk.timeouts()))
                    .add("non-2xx/3xx responses", wrk.non2xxOr3xx())
                    .add("RSS at start", mib(startRssKib))
                    .add("RSS max sampled every 100 ms", mib(sampledMaxKib.get()))
                    .add("RSS peak (VmHWM)", mib(peakRssKib))
                    .add("RSS 2 s after the load", mib(afterRssKib))
                    .add("memory limit (taskMemory default)", mib(limitKib))
                    .add("requests the service logged", service.requestsLogged())
                    .publish();
            assertThat(wrk.exitCode()).as("wrk's exit code; it printed:%n%s", wrk.output()).isZero();
            assertThat(wrk.requests()).as("requests wrk completed").isPositive();
            assertThat(wrk.errors()).as("failed requests (socket errors, timeouts over %s, non-2xx); wrk printed:%n%s",
                    Wrk.REQUEST_TIMEOUT, wrk.output()).isZero();
            assertThat(service.isAlive()).as("the service survived the load").isTrue();
            assertThat(service.serverErrorsLogged()).as("requests the service logged with a 5xx").isZero();
            assertThat(service.errorLines()).as("errors the service logged").isEmpty();
            assertThat(peakRssKib).as("peak resident memory (KiB) against the container's %d MiB limit", limitKib / 1024)
                    .isLessThan(limitKib);
        }
    }

    private static String mib(long kib) {
        return "%.1f MiB".formatted(kib / 1024.0);
    }
}
