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
 * get the default 500.
 */
final class UnparsedRequestErrors implements DirectHandler {
    private static final byte[] BODY = "Bad Request".getBytes(StandardCharsets.US_ASCII);
    private static final DirectHandler DEFAULT = DirectHandler.defaultHandler();

    static DirectHandlers directHandlers() {
        return DirectHandlers.builder()
                .addHandler(EventType.INTERNAL_ERROR, new UnparsedRequestErrors())
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
        return TransportResponse.builder()
                .status(Status.BAD_REQUEST_400)
                .headers(responseHeaders)
                .entity(BODY)
                .keepAlive(false)
                .build();
    }
}
