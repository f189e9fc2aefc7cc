package spotfleet.app;

import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static spotfleet.app.ServiceRoutesTest.header;

/** The default CORS policy: the seed's aiohttp_cors defaults (any origin, credentials, all headers). */
@ServerTest
class CorsAnyOriginTest {
    private static final String ORIGIN = "https://app.example.com";

    private final Http1Client client;

    CorsAnyOriginTest(Http1Client client) {
        this.client = client;
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, new Draining(), Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "http://localhost:3000", "null"})
    void anyOriginIsEchoedWithCredentials(String origin) {
        // when
        try (Http1ClientResponse response = client.get("/").header(HeaderNames.ORIGIN, origin).request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals(origin, header(response, "Access-Control-Allow-Origin")),
                      () -> assertEquals("true", header(response, "Access-Control-Allow-Credentials")),
                      () -> assertEquals("Origin", header(response, "Vary")),
                      () -> assertEquals("<h1>HELLO WORLD</h1>", response.as(String.class)));
        }
    }

    @Test
    void preflightAllowsTheOriginCredentialsMethodAndRequestedHeaders() {
        // when
        try (Http1ClientResponse response = client.options("/healthcheck")
                .header(HeaderNames.ORIGIN, ORIGIN)
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "X-Custom, Authorization")
                .request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals(ORIGIN, header(response, "Access-Control-Allow-Origin")),
                      () -> assertEquals("true", header(response, "Access-Control-Allow-Credentials")),
                      () -> assertEquals("GET", header(response, "Access-Control-Allow-Methods")),
                      () -> assertEquals(List.of("X-Custom", "Authorization"),
                                         response.headers().get(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS).allValues(true)),
                      () -> assertEquals("600", header(response, "Access-Control-Max-Age")));
        }
    }

    @Test
    void preflightWithoutRequestedHeadersAllowsTheMethod() {
        // when
        try (Http1ClientResponse response = client.options("/")
                .header(HeaderNames.ORIGIN, ORIGIN)
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertEquals(ORIGIN, header(response, "Access-Control-Allow-Origin")),
                      () -> assertEquals("GET", header(response, "Access-Control-Allow-Methods")));
        }
    }

    @Test
    void responseHeadersScriptsCannotReadByDefaultAreExposed() {
        // when: a 405 carries Allow, which is not CORS-safelisted
        try (Http1ClientResponse response = client.method(Method.DELETE).path("/").header(HeaderNames.ORIGIN, ORIGIN).request()) {
            // then
            assertAll(() -> assertEquals(405, response.status().code()),
                      () -> assertEquals(ORIGIN, header(response, "Access-Control-Allow-Origin")),
                      () -> assertEquals("Allow, Vary", header(response, "Access-Control-Expose-Headers")));
        }
    }

    @Test
    void requestWithoutOriginGetsNoCorsHeaders() {
        // when
        try (Http1ClientResponse response = client.get("/healthcheck").request()) {
            // then
            assertAll(() -> assertEquals(200, response.status().code()),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)));
        }
    }
}
