package spotfleet.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS in a real browser: a page served from another loopback origin calls the service with
 * {@code fetch(..., {credentials: 'include', headers: {'X-Custom': '1'}})}, which makes Chromium send a
 * pre-flight first, and writes the outcome into the page, read back with --dump-dom.
 */
class BrowserCorsIT {
    private static final Pattern RESULT = Pattern.compile("<p id=\"result\">(.*?)</p>", Pattern.DOTALL);
    private static final String HELLO = "OK 200 " + ServiceRoutes.HELLO_BODY;

    private static PageServer allowedPage;
    private static PageServer lockedOutPage;

    @BeforeAll
    static void startPages() {
        HeadlessChromium.requireInstalled();
        allowedPage = new PageServer();
        lockedOutPage = new PageServer();
    }

    @AfterAll
    static void stopPages() {
        allowedPage.close();
        lockedOutPage.close();
    }

    @Test
    void originsLockedDownByConfigWorkForTheListedOneAndFailForAnother() {
        // given: a service that allows only the first page's origin
        try (ServiceProcess service = ServiceProcess.startAndAwaitPort(Map.of("CORS_ALLOWED_ORIGINS", allowedPage.origin()))) {
            String serviceUrl = "http://127.0.0.1:" + service.port() + "/";

            // when
            String fromAllowed = allowedPage.resultOfCalling(serviceUrl);
            String fromLockedOut = lockedOutPage.resultOfCalling(serviceUrl);

            // then: the listed origin reads the answer, after a pre-flight
            assertEquals(HELLO, fromAllowed);
            service.awaitLine("\"method\":\"OPTIONS\",\"path\":\"/\",\"status\":200", Duration.ofSeconds(5));
            // and the other one is refused at the pre-flight, so its script sees a network error
            assertTrue(fromLockedOut.startsWith("FAILED TypeError"), fromLockedOut);
            service.awaitLine("\"method\":\"OPTIONS\",\"path\":\"/\",\"status\":403", Duration.ofSeconds(5));
        }
    }

    @Test
    void defaultConfigLetsAnyOriginCallWithCredentials() {
        // given: the defaults (any origin)
        try (ServiceProcess service = ServiceProcess.startAndAwaitPort(Map.of())) {
            String serviceUrl = "http://127.0.0.1:" + service.port() + "/";

            // when
            String result = lockedOutPage.resultOfCalling(serviceUrl);

            // then
            assertEquals(HELLO, result);
            service.awaitLine("\"method\":\"OPTIONS\",\"path\":\"/\",\"status\":200", Duration.ofSeconds(5));
        }
    }

    /** Serves a page that calls the URL in its query string and shows the outcome in #result. */
    private static final class PageServer implements AutoCloseable {
        private static final String PAGE = """
                <!doctype html>
                <html><body><p id="result">pending</p><script>
                  const target = new URLSearchParams(location.search).get('call');
                  const show = text => { document.getElementById('result').textContent = text; };
                  fetch(target, {credentials: 'include', headers: {'X-Custom': '1'}})
                    .then(response => response.text().then(body => show('OK ' + response.status + ' ' + body)))
                    .catch(error => show('FAILED ' + error));
                </script></body></html>
                """;

        private final HttpServer server;

        PageServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String resultOfCalling(String serviceUrl) {
            String dom = HeadlessChromium.dumpDom(origin() + "/?call=" + serviceUrl);
            Matcher result = RESULT.matcher(dom);
            assertTrue(result.find(), "no #result in the page chromium returned: " + dom);
            return result.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
