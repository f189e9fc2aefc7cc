package spotfleet.app;

import java.util.concurrent.atomic.LongAdder;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Whether the service is shutting down, and how many requests it is serving.
 * Once draining, /healthcheck answers 503 and every response carries {@code Connection: close}:
 * a client (or a load balancer's keep-alive pool) then opens its next connection elsewhere instead of
 * reusing one that is about to close under it.
 */
final class Draining implements Filter {
    private volatile boolean draining;
    private final LongAdder inFlight = new LongAdder();

    void start() {
        draining = true;
    }

    boolean isDraining() {
        return draining;
    }

    /** Requests that entered routing and have not finished yet. */
    long inFlight() {
        return inFlight.sum();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        inFlight.increment();
        try {
            if (draining) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
            chain.proceed();
        } finally {
            inFlight.decrement();
        }
    }
}
