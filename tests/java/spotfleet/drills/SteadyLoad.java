package spotfleet.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A client that keeps requests coming through the load balancer at a steady pace and records every one: when it
 * started, what came back, and which target served it. Each request is its own connection, so the figures are about
 * the load balancer's side (its pool of connections to the targets), not the client's.
 */
final class SteadyLoad implements AutoCloseable {

    /** One request as the client saw it; {@code target} is the upstream port nginx named, or 0. */
    record Request(long startNanos, String outcome, int target) {
        boolean succeeded() {
            return outcome.equals("200");
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: drill\r\nConnection: close\r\n\r\n";

    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    SteadyLoad(int port, int clients, Duration pause) {
        for (int i = 0; i < clients; i++) {
            this.clients.add(Thread.ofPlatform().daemon().name("client-" + i).start(() -> {
                while (running) {
                    var start = System.nanoTime();
                    var answer = RawExchange.request(port, REQUEST, TIMEOUT);
                    requests.add(new Request(start, answer.outcome(), target(answer)));
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
    }

    /** Stops sending, waits for the requests in flight, and returns every request made. */
    List<Request> stop() {
        running = false;
        for (var client : clients) {
            try {
                client.join(TIMEOUT.multipliedBy(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int target(RawExchange.Result answer) {
        return answer.headers().stream()
                .filter(header -> header.regionMatches(true, 0, Nginx.UPSTREAM_HEADER + ":", 0, Nginx.UPSTREAM_HEADER.length() + 1))
                .map(header -> header.substring(header.lastIndexOf(':') + 1).strip())
                .mapToInt(Integer::parseInt)
                .findFirst()
                .orElse(0);
    }
}
