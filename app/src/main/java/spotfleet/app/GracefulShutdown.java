package spotfleet.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;
import sun.misc.Signal;

/**
 * What SIGTERM does (ECS sends it after deregistering the task from its target groups and waiting the
 * deregistration delay; SIGKILL follows after the container's stopTimeout):
 * <ol>
 *     <li>at once: /healthcheck answers 503 and every response closes its connection;</li>
 *     <li>for the drain delay: new connections are still accepted and served, so a load balancer that finds
 *     targets by health checks sees the 503 and moves away before the port closes;</li>
 *     <li>then the listener closes, idle connections close, and requests already accepted run to completion;</li>
 *     <li>exit 0 once they have, all within the grace; if the grace runs out first, exit 1 (requests were cut).</li>
 * </ol>
 * The JVM's own SIGTERM handling would run shutdown hooks and exit 143; this handler replaces it.
 */
final class GracefulShutdown {
    static final int EXIT_CLEAN = 0;
    static final int EXIT_GRACE_EXPIRED = 1;

    private final WebServer server;
    private final Draining draining;
    private final Duration grace;
    private final Duration drainDelay;
    private final StdoutLines out;
    private final AtomicBoolean begun = new AtomicBoolean();

    GracefulShutdown(WebServer server, Draining draining, AppSettings settings, StdoutLines out) {
        this.server = server;
        this.draining = draining;
        this.grace = settings.shutdownGrace();
        this.drainDelay = settings.drainDelay();
        this.out = out;
    }

    /** Makes SIGTERM start the sequence, then exit the process with its result. */
    void onSigterm() {
        Signal.handle(new Signal("TERM"), signal -> {
            if (begun.compareAndSet(false, true)) {
                // off the signal-dispatch thread, which must stay free; non-daemon (it would inherit daemon)
                // so the JVM cannot end by itself once the listener thread is gone
                Thread.ofPlatform().daemon(false).name("graceful-shutdown").start(() -> exit(run()));
            }
        });
    }

    /** Drains and stops the server; returns the exit code. */
    int run() {
        long deadline = System.nanoTime() + grace.toNanos();
        draining.start();
        out.println(JsonLine.event("INFO", "draining")
                            .add("inFlight", draining.inFlight())
                            .addMillis("drainMs", drainDelay.toNanos())
                            .addMillis("graceMs", grace.toNanos())
                            .end());
        sleepUntil(System.nanoTime() + drainDelay.toNanos());

        out.println(JsonLine.event("INFO", "closing listener").add("inFlight", draining.inFlight()).end());
        Thread stopper = Thread.ofPlatform().daemon(false).name("server-stop").start(server::stop);
        if (joinUntil(stopper, deadline)) {
            out.println(JsonLine.event("INFO", "stopped").add("exitCode", EXIT_CLEAN).end());
            return EXIT_CLEAN;
        }
        out.println(JsonLine.event("ERROR", "grace expired with requests still running")
                            .add("inFlight", draining.inFlight())
                            .add("exitCode", EXIT_GRACE_EXPIRED)
                            .end());
        return EXIT_GRACE_EXPIRED;
    }

    private void exit(int code) {
        out.flush(1, TimeUnit.SECONDS);
        if (code == EXIT_CLEAN) {
            System.exit(code);
        }
        // shutdown hooks would wait on the very requests that outlived the grace
        Runtime.getRuntime().halt(code);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // keep draining: only the grace may cut it short
            }
        }
    }

    private static boolean joinUntil(Thread thread, long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                return thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                // keep waiting until the deadline
            }
        }
        return !thread.isAlive();
    }
}
