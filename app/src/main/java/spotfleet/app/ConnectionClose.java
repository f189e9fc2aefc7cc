package spotfleet.app;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection after a response that says {@code Connection: close} (because the client asked,
 * or because the service is draining). Helidon 4.5 sends the header but keeps reading the connection,
 * leaving the close to the client; RFC 9112 section 9.6 puts it on the server, and draining relies on it.
 */
final class ConnectionClose implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (res.isSent() && saysClose(res.headers())) {
            // Helidon's connection loop ends on this exception and closes the socket: the response is already written
            throw new CloseConnectionException("response said Connection: close");
        }
    }

    /** Most responses carry no Connection header at all: one lookup decides, instead of a token scan per request. */
    private static boolean saysClose(ServerResponseHeaders headers) {
        return headers.contains(HeaderNames.CONNECTION) && headers.containsToken(HeaderValues.CONNECTION_CLOSE);
    }
}
