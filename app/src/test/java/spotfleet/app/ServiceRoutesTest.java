package spotfleet.app;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed server's routes, over HTTP, as aiohttp answers them. */
@ServerTest
class ServiceRoutesTest {
    private final Http1Client client;
    private final WebServer server;

    ServiceRoutesTest(Http1Client client, WebServer server) {
        this.client = client;
        this.server = server;
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults());
    }

    /** The quick-start shape: the service's routing with its defaults, request log included. */
    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing);
    }

    @Test
    void rootSaysHelloInHtml() {
        // when
        try (Http1ClientResponse response = client.get("/").request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals("text/html; charset=utf-8", header(response, "Content-Type")),
                      () -> assertEquals("<h1>HELLO WORLD</h1>", response.as(String.class)));
        }
    }

    @Test
    void healthcheckIsAnUncacheableJsonString() {
        // when
        try (Http1ClientResponse response = client.get("/healthcheck").request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals("application/json", header(response, "Content-Type")),
                      () -> assertEquals("no-cache, no-store, must-revalidate", header(response, "Cache-Control")),
                      () -> assertEquals("no-cache", header(response, "Pragma")),
                      () -> assertEquals("0", header(response, "Expires")),
                      () -> assertEquals("\"Healthy\"", response.as(String.class)));
        }
    }

    @ParameterizedTest
    @CsvSource({"/, 20, text/html; charset=utf-8", "/healthcheck, 9, application/json"})
    void headAnswersLikeGetWithoutTheBody(String path, String contentLength, String contentType) {
        // when: raw, because a client library reading a HEAD response never shows a stray body
        String response = RawHttp.exchange(server.port(), "HEAD " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

        // then: the headers GET would send, and the response ends right after them
        assertAll(() -> assertEquals(200, RawHttp.status(response)),
                  () -> assertTrue(response.contains("\r\nContent-Length: " + contentLength + "\r\n"), response),
                  () -> assertTrue(response.contains("\r\nContent-Type: " + contentType + "\r\n"), response),
                  () -> assertTrue(response.endsWith("\r\n\r\n"), response));
    }

    @ParameterizedTest
    @CsvSource({"/nope", "/healthcheck/", "/index.html", "/HEALTHCHECK"})
    void unknownPathIsNotFound(String path) {
        // when
        try (Http1ClientResponse response = client.get(path).request()) {
            // then
            assertEquals(404, response.status().code());
        }
    }

    @ParameterizedTest
    @CsvSource({"POST, /", "PUT, /", "DELETE, /", "PATCH, /healthcheck", "POST, /healthcheck", "BREW, /"})
    void knownPathWithAnUnservedMethodIsMethodNotAllowedWithAllow(String method, String path) {
        // when
        try (Http1ClientResponse response = client.method(Method.create(method)).path(path).request()) {
            // then
            assertAll(() -> assertEquals(405, response.status().code()),
                      () -> assertEquals("GET, HEAD, OPTIONS", header(response, "Allow")));
        }
    }

    @Test
    void plainOptionsListsTheMethodsAndNoCorsHeaders() {
        // when
        try (Http1ClientResponse response = client.options("/healthcheck").request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals("GET, HEAD, OPTIONS", header(response, "Allow")),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)));
        }
    }

    static String header(Http1ClientResponse response, String name) {
        return response.headers().first(HeaderNames.create(name)).orElse("<absent>");
    }
}
