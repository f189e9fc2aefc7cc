package spotfleet.app;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers 400 instead of 500 when Helidon fails before it has parsed a request: the cause can only be
 * the bytes the client sent. Helidon 4.5 turns a connection that ends in the middle of its headers into
 * an "internal error" with no request attached; errors raised while a request is being handled still
 * get the default 500. {@link #directHandlers()} also answers HTTP/1.0 with 400 instead of Helidon's 505.
 */
final class UnparsedRequestErrors implements DirectHandler {
    private static final byte[] BODY = "Bad Request".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1_1_REQUIRED = "Bad Request: HTTP/1.1 required".getBytes(StandardCharsets.US_ASCII);
    private static final DirectHandler DEFAULT = DirectHandler.defaultHandler();

    static DirectHandlers directHandlers() {
        return DirectHandlers.builder()
                .addHandler(EventType.INTERNAL_ERROR, new UnparsedRequestErrors())
                // Helidon 4 parses HTTP/1.1 only: every other version already gets 400, but HTTP/1.0 gets 505, which RFC
                // 9110 keeps for refusing a major version and which, as a 5xx, would count against the service in the
                // load balancer's target 5xx metric and the error-rate alarm. The load balancer itself always speaks 1.1.
                .addHandler(EventType.HTTP_VERSION_NOT_SUPPORTED,
                            (request, eventType, defaultStatus, responseHeaders, message) -> badRequest(responseHeaders, HTTP_1_1_REQUIRED))
                .build();
    }

    @Override
    public TransportResponse handle(TransportRequest request,
                                    EventType eventType,
                                    Status defaultStatus,
                                    ServerResponseHeaders responseHeaders,
                                    String message) {
        if (request != TransportRequest.empty()) {
            return DEFAULT.handle(request, eventType, defaultStatus, responseHeaders, message);
        }
        return badRequest(responseHeaders, BODY);
    }

    /** 400 with {@code body}, and the connection closed: what is left of it cannot be trusted. */
    private static TransportResponse badRequest(ServerResponseHeaders responseHeaders, byte[] body) {
        return TransportResponse.builder()
                .status(Status.BAD_REQUEST_400)
                .headers(responseHeaders)
                .entity(body)
                .keepAlive(false)
                .build();
    }
}
