package spotfleet.app;

import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * aiohttp_cors's {@code expose_headers="*"}: on a response that CORS allowed, lists every header it
 * carries that a browser would otherwise hide from the calling script. The wildcard itself cannot be
 * sent, because with credentials browsers read {@code Access-Control-Expose-Headers: *} as a header
 * literally named "*".
 */
final class ExposeResponseHeaders implements Filter {
    /** Readable by scripts without being exposed (Fetch standard, CORS-safelisted response header names). */
    private static final Set<String> SAFELISTED = Set.of(
            "cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // pre-flights are answered with Allow-* headers; Expose-Headers only means something on the actual response
        if (req.headers().contains(HeaderNames.ORIGIN) && !req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            res.beforeSend(() -> expose(res.headers()));
        }
        chain.proceed();
    }

    private static void expose(ServerResponseHeaders headers) {
        if (!headers.contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            return; // not a CORS response (same origin, or refused)
        }
        StringJoiner names = new StringJoiner(", ");
        for (Header header : headers) {
            String name = header.name();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SAFELISTED.contains(lower) && !lower.startsWith("access-control-") && !lower.equals("connection")) {
                names.add(name);
            }
        }
        if (names.length() > 0) {
            headers.set(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, names.toString());
        }
    }
}
