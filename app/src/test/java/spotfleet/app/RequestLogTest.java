package spotfleet.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JSON line per request, for every outcome, including the ones CORS refuses and routing does not find. */
@ServerTest
class RequestLogTest {
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static final StdoutLines LINES = new StdoutLines(new PrintStream(CAPTURED, true, StandardCharsets.UTF_8));
    /** {"time":"2025-01-02T03:04:05.678Z","level":"INFO","logger":"request", then the request's fields */
    private static final String LINE_START = "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
            + "\"level\":\"INFO\",\"logger\":\"request\",";
    private static final String DURATION = "\"durationMs\":\\d+\\.\\d{3}";

    private final Http1Client client;
    private final WebServer server;

    RequestLogTest(Http1Client client, WebServer server) {
        this.client = client;
        this.server = server;
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults().withCorsAllowedOrigins(List.of("https://www.example.com")));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, new Draining(), Optional.of(new RequestLog(LINES)));
    }

    @BeforeEach
    void forgetEarlierLines() {
        LINES.flush(5, TimeUnit.SECONDS);
        synchronized (CAPTURED) {
            CAPTURED.reset();
        }
    }

    @Test
    void successIsOneLineWithMethodPathStatusAndDuration() {
        // when
        try (Http1ClientResponse response = client.get("/").request()) {
            assertEquals(200, response.status().code());
        }

        // then
        assertSingleLineMatches(LINE_START + "\"method\":\"GET\",\"path\":\"/\",\"status\":200," + DURATION + "}");
    }

    @Test
    void notFoundIsLoggedWithItsStatusAndWithoutTheQueryString() {
        // when
        try (Http1ClientResponse response = client.get("/missing").queryParam("token", "secret").request()) {
            assertEquals(404, response.status().code());
        }

        // then
        assertSingleLineMatches(LINE_START + "\"method\":\"GET\",\"path\":\"/missing\",\"status\":404," + DURATION + "}");
    }

    @Test
    void corsRefusalIsLogged() {
        // when
        try (Http1ClientResponse response = client.get("/").header(HeaderNames.ORIGIN, "https://evil.example.net").request()) {
            assertEquals(403, response.status().code());
        }

        // then
        assertSingleLineMatches(LINE_START + "\"method\":\"GET\",\"path\":\"/\",\"status\":403," + DURATION + "}");
    }

    @Test
    void loadBalancerHeadersAreKeptAndEscaped() {
        // when
        try (Http1ClientResponse response = client.get("/healthcheck")
                .header(HeaderNames.X_FORWARDED_FOR, "203.0.113.7, 10.0.1.5")
                .header(HeaderNames.create("X-Amzn-Trace-Id"), "Root=1-67891233-abcdef012345678912345678;x=\"q\\")
                .request()) {
            assertEquals(200, response.status().code());
        }

        // then
        assertSingleLineMatches(LINE_START + "\"method\":\"GET\",\"path\":\"/healthcheck\",\"status\":200," + DURATION
                                        + ",\"forwardedFor\":\"203\\.0\\.113\\.7, 10\\.0\\.1\\.5\""
                                        + ",\"traceId\":\"Root=1-67891233-abcdef012345678912345678;x=\\\\\"q\\\\\\\\\"}");
    }

    @Test
    void closedConnectionStillLogsTheStatusSent() {
        // when: the client asks for close, so ConnectionClose ends the connection by exception after the response
        String response = RawHttp.awaitServerClose(server.port(), "GET /healthcheck HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(response));

        // then
        assertSingleLineMatches(LINE_START + "\"method\":\"GET\",\"path\":\"/healthcheck\",\"status\":200," + DURATION + "}");
    }

    private static void assertSingleLineMatches(String regex) {
        // the line is written after the response went out: wait for it, at most 5 s
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lines = capturedLines();
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            lines = capturedLines();
        }
        assertEquals(1, lines.size(), "expected exactly one line, got: " + lines);
        assertTrue(lines.getFirst().matches(regex), "line: " + lines.getFirst() + "\ndoes not match: " + regex);
    }

    private static List<String> capturedLines() {
        LINES.flush(5, TimeUnit.SECONDS);
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
