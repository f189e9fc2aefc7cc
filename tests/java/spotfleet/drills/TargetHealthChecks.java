package spotfleet.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load balancer's active health checks, which open-source nginx lacks (that is NGINX Plus): every {@link #INTERVAL}
 * each target's {@code /healthcheck} is asked directly, and a target that answers anything but 200 (the service's 503
 * while it drains, or nothing) is taken out of nginx's upstreams at once. That is what ECS does by deregistering the
 * task from the target group before it sends SIGTERM; here it happens after SIGTERM, prompted by the health check, the
 * harder order.
 */
final class TargetHealthChecks implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String REQUEST = "GET /healthcheck HTTP/1.1\r\nHost: health-check\r\nConnection: close\r\n\r\n";

    private final Nginx nginx;
    private final List<Integer> inService;
    private final Map<Integer, Long> removedAtNanos = new ConcurrentHashMap<>();
    private final Thread checker;
    private long rounds;

    TargetHealthChecks(Nginx nginx, List<Integer> targetPorts) {
        this.nginx = nginx;
        this.inService = new ArrayList<>(targetPorts);
        this.checker = Thread.ofPlatform().daemon().name("health-checks").start(this::run);
    }

    /**
     * Returns as soon as a round of checks has finished, so the next one is a whole {@link #INTERVAL} away: what
     * happens now reaches the load balancer only through the next check, never by luck of timing.
     */
    synchronized void awaitRoundEnd() throws InterruptedException {
        var seen = rounds;
        while (rounds == seen) {
            wait();
        }
    }

    /** When the target on {@code port} was taken out ({@link System#nanoTime()}), if it was. */
    Long removedAtNanos(int port) {
        return removedAtNanos.get(port);
    }

    @Override
    public void close() {
        checker.interrupt();
        try {
            checker.join(TIMEOUT.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            for (var port : List.copyOf(inService)) {
                var answer = RawExchange.request(port, REQUEST, TIMEOUT);
                if (!answer.statuses().equals(List.of(200)) && inService.size() > 1) {
                    inService.remove(port);
                    nginx.route(List.copyOf(inService));
                    removedAtNanos.put(port, System.nanoTime());
                }
            }
            synchronized (this) {
                rounds++;
                notifyAll();
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
