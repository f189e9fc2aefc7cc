package spotfleet.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady, bounded load: {@code requestsPerSecond} GETs a second at an even pace, each sent on its schedule whether or
 * not earlier ones have answered (an open model, so a slow or failing target cannot slow the load down and hide its own
 * failures), each on a virtual thread, each timed and its outcome recorded: the status code, or the error (a reset, a
 * refused connection, a timeout). Requests in flight at {@link #stop()} are waited for up to {@link #TIMEOUT}.
 */
final class LoadGenerator implements AutoCloseable {

    /** The load balancer's idle timeout is 60 s; a request waiting 10 s has failed for a user. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI target;
    private final Clock clock;
    private final HttpClient client;
    private final List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("pacer").unstarted(r));
    private final java.util.concurrent.ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    LoadGenerator(URI target, int requestsPerSecond, Clock clock) {
        this.target = target;
        this.clock = clock;
        // HTTP/1.1 with keep-alive, as browsers and most clients talk to an ALB
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        var periodMicros = 1_000_000L / requestsPerSecond;
        pacer.scheduleAtFixedRate(() -> senders.submit(this::send), 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void send() {
        var sentAt = clock.millis();
        var start = System.nanoTime();
        String outcome;
        try {
            var response = client.send(HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            outcome = String.valueOf(response.statusCode());
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
        } catch (IOException e) {
            outcome = "error:" + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        records.add(new RequestRecord(sentAt, (System.nanoTime() - start) / 1_000_000.0, outcome));
    }

    /** Stops sending, waits for the requests in flight, and returns every request, in the order they were sent. */
    List<RequestRecord> stop() {
        pacer.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (records) {
            var sorted = new ArrayList<>(records);
            sorted.sort(java.util.Comparator.comparingLong(RequestRecord::sentAtMillis));
            return sorted;
        }
    }

    @Override
    public void close() {
        stop();
        client.close();
    }
}
