package spotfleet.app;

import java.util.List;
import java.util.Optional;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spotfleet.app.ServiceRoutesTest.header;

/** What changes once shutdown has begun: health turns 503, and every connection is closed after its response. */
@ServerTest
class DrainingTest {
    private static final Draining DRAINING = new Draining();

    private final Http1Client client;
    private final WebServer server;

    DrainingTest(Http1Client client, WebServer server) {
        this.client = client;
        this.server = server;
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing, DRAINING, Optional.empty());
    }

    @Test
    void drainingTurnsHealthTo503AndClosesEveryConnectionButKeepsServing() {
        // given: a healthy service, whose connections stay open
        try (Http1ClientResponse before = client.get("/healthcheck").request()) {
            assertEquals(200, before.status().code());
            assertNotEquals("close", header(before, "Connection"));
        }

        // when
        DRAINING.start();

        // then: health says so, still uncacheable
        try (Http1ClientResponse health = client.get("/healthcheck").request()) {
            assertAll(() -> assertEquals(503, health.status().code()),
                      () -> assertEquals("\"Draining\"", health.as(String.class)),
                      () -> assertEquals("application/json", header(health, "Content-Type")),
                      () -> assertEquals("no-cache, no-store, must-revalidate", header(health, "Cache-Control")),
                      () -> assertEquals("close", header(health, "Connection")));
        }
        // and the other route still answers, then the server really closes the connection
        String hello = RawHttp.awaitServerClose(server.port(), "GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assertAll(() -> assertEquals(200, RawHttp.status(hello)),
                  () -> assertTrue(hello.contains("\r\nConnection: close\r\n"), hello),
                  () -> assertTrue(hello.endsWith("<h1>HELLO WORLD</h1>"), hello));
    }
}
