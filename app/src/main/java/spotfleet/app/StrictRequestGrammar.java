package spotfleet.app;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses with 400 the two malformed requests Helidon 4.5's parser lets through to routing (found by the root build's
 * malformed-HTTP drill): a request target that is not a path ({@code GET %2F}, which Helidon decodes to {@code /}) and
 * a header with an empty name ({@code : value}). RFC 9112 makes both invalid, and a lenient parser is where request
 * smuggling starts. Every other malformed request never reaches routing.
 */
final class StrictRequestGrammar implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.prologue().uriPath().rawPath().startsWith("/") || hasEmptyHeaderName(req)) {
            res.status(Status.BAD_REQUEST_400)
                    .header(HeaderValues.CONNECTION_CLOSE)
                    .send("Bad Request");
            return;
        }
        chain.proceed();
    }

    private static boolean hasEmptyHeaderName(RoutingRequest req) {
        for (Header header : req.headers()) {
            if (header.name().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
