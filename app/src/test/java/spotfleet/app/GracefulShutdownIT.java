package spotfleet.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM as ECS sends it, to the process the image runs: health turns 503 at once, a request already
 * accepted completes, and the process exits 0 within the grace.
 */
class GracefulShutdownIT {
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Test
    void sigtermDrainsCompletesTheInFlightRequestAndExitsZero() throws IOException {
        // given: a started service, with the default grace and a drain long enough to look at it
        try (ServiceProcess service = ServiceProcess.startAndAwaitPort(Map.of("SHUTDOWN_GRACE_SECONDS", "10",
                                                                              "SHUTDOWN_DRAIN_SECONDS", "2"));
                Socket slowClient = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            int port = service.port();
            assertEquals(200, Http.get(port, "/healthcheck").statusCode());
            // and a request in flight: its request line and a header are in, the rest is still coming
            slowClient.setSoTimeout((int) GRACE.toMillis());
            slowClient.getOutputStream().write("GET / HTTP/1.1\r\nHost: spotfleet\r\n".getBytes(StandardCharsets.US_ASCII));
            slowClient.getOutputStream().flush();
            service.awaitLine("\"path\":\"/healthcheck\"", Duration.ofSeconds(5));

            // when
            service.sigterm();

            // then: health is 503 as soon as the service says it is draining, on a new connection
            service.awaitLine("\"msg\":\"draining\"", Duration.ofSeconds(5));
            HttpResponse<String> health = Http.get(port, "/healthcheck");
            assertAll(() -> assertEquals(503, health.statusCode()),
                      () -> assertEquals("\"Draining\"", health.body()),
                      () -> assertEquals("close", health.headers().firstValue("Connection").orElse("")));

            // and the in-flight request, finished now, gets its full answer
            slowClient.getOutputStream().write("User-Agent: slow\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            slowClient.getOutputStream().flush();
            String response = readToEnd(slowClient.getInputStream());
            assertAll(() -> assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response),
                      () -> assertTrue(response.contains("\r\nConnection: close\r\n"), response),
                      () -> assertTrue(response.endsWith("\r\n\r\n<h1>HELLO WORLD</h1>"), response));

            // and the process exits 0 within the grace (plus the JVM's own exit)
            assertEquals(GracefulShutdown.EXIT_CLEAN, service.awaitExit(GRACE.plusSeconds(5)));
            service.awaitLine("\"msg\":\"stopped\",\"exitCode\":0", Duration.ofSeconds(1));
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toString(StandardCharsets.US_ASCII);
    }
}
