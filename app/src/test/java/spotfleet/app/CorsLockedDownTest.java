package spotfleet.app;

import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static spotfleet.app.ServiceRoutesTest.header;

/** Origins locked down by config: the listed ones work as before, every other one is refused. */
@ServerTest
class CorsLockedDownTest {
    private static final String ALLOWED = "https://www.example.com";
    private static final String OTHER_ALLOWED = "http://localhost:8080";
    private static final String LOCKED_OUT = "https://evil.example.net";

    private final Http1Client client;

    CorsLockedDownTest(Http1Client client) {
        this.client = client;
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults().withCorsAllowedOrigins(List.of(ALLOWED, OTHER_ALLOWED)));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, new Draining(), Optional.empty());
    }

    @Test
    void listedOriginsAreAllowed() {
        for (String origin : List.of(ALLOWED, OTHER_ALLOWED)) {
            // when
            try (Http1ClientResponse response = client.get("/").header(HeaderNames.ORIGIN, origin).request()) {
                // then
                assertAll(() -> assertEquals(200, response.status().code()),
                          () -> assertEquals(origin, header(response, "Access-Control-Allow-Origin")),
                          () -> assertEquals("true", header(response, "Access-Control-Allow-Credentials")));
            }
        }
    }

    @Test
    void preflightFromAnotherOriginIsForbiddenWithoutAllowHeaders() {
        // when
        try (Http1ClientResponse response = client.options("/")
                .header(HeaderNames.ORIGIN, LOCKED_OUT)
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "X-Custom")
                .request()) {
            // then
            assertAll(() -> assertEquals(403, response.status().code()),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)));
        }
    }

    @Test
    void requestFromAnotherOriginGetsNoAllowHeaders() {
        // when
        try (Http1ClientResponse response = client.get("/").header(HeaderNames.ORIGIN, LOCKED_OUT).request()) {
            // then: Helidon refuses it outright; the browser would block the script from reading it anyway
            assertAll(() -> assertEquals(403, response.status().code()),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)));
        }
    }

    @Test
    void anOriginThatOnlyResemblesAnAllowedOneIsRefused() {
        // when: exact match, not a prefix or a pattern
        try (Http1ClientResponse response = client.get("/").header(HeaderNames.ORIGIN, ALLOWED + ".evil.net").request()) {
            // then
            assertAll(() -> assertEquals(403, response.status().code()),
                      () -> assertFalse(response.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)));
        }
    }

    @Test
    void requestsWithoutOriginAreUnaffected() {
        // when: load balancer health checks send no Origin
        try (Http1ClientResponse response = client.get("/healthcheck").request()) {
            // then
            assertEquals(200, response.status().code());
        }
    }
}
