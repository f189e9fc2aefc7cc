package spotfleet.app;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One JSON line per request on stdout: what Logs Insights queries group and filter by.
 * The query string is left out on purpose (it may carry tokens); the ALB's trace id and the
 * client address it forwards are kept, to join these lines with the ALB's own access logs.
 */
final class RequestLog implements Filter {
    static final String LOGGER = "request";
    private static final HeaderName AMZN_TRACE_ID = HeaderNames.create("X-Amzn-Trace-Id");

    private final StdoutLines out;

    RequestLog(StdoutLines out) {
        this.out = out;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        int status = Status.INTERNAL_SERVER_ERROR_500.code(); // what an unexpected exception turns into
        try {
            chain.proceed();
            status = res.status().code();
        } catch (HttpException e) {
            // e.g. the 404 routing throws when no route matches; it is turned into a response after us
            status = e.status().code();
            throw e;
        } catch (RuntimeException e) {
            // ConnectionClose ends the connection by exception, after the response went out
            if (res.isSent()) {
                status = res.status().code();
            }
            throw e;
        } finally {
            long elapsed = System.nanoTime() - start;
            out.println(JsonLine.start(System.currentTimeMillis(), "INFO", LOGGER)
                    .add("method", req.prologue().method().text())
                    .add("path", req.path().rawPath())
                    .add("status", status)
                    .addMillis("durationMs", elapsed)
                    .add("forwardedFor", header(req, HeaderNames.X_FORWARDED_FOR))
                    .add("traceId", header(req, AMZN_TRACE_ID))
                    .end());
        }
    }

    private static String header(RoutingRequest req, HeaderName name) {
        return req.headers().contains(name) ? req.headers().get(name).get() : null;
    }
}
