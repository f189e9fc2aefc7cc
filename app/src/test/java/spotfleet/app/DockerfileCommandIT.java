package spotfleet.app;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container recipe, checked without a Docker engine: the final stage's own command line, run against
 * the layout the image copies (target/spotfleet-app.jar and target/libs/), serves the routes.
 */
class DockerfileCommandIT {
    private static final DockerfileCommand IMAGE = DockerfileCommand.read(ServiceProcess.DOCKERFILE);

    @Test
    void imageCommandServesTheRoutesAndLogsJson() {
        // given
        try (ServiceProcess service = ServiceProcess.startAndAwaitPort(Map.of())) {
            int port = service.port();

            // when
            HttpResponse<String> health = Http.get(port, "/healthcheck");
            HttpResponse<String> hello = Http.get(port, "/");

            // then
            assertAll(() -> assertEquals(200, health.statusCode()),
                      () -> assertEquals("\"Healthy\"", health.body()),
                      () -> assertEquals(200, hello.statusCode()),
                      () -> assertEquals("<h1>HELLO WORLD</h1>", hello.body()));
            service.awaitLine("\"path\":\"/healthcheck\",\"status\":200", Duration.ofSeconds(5));
            // every line, Helidon's own start-up messages included, is a JSON object
            for (String line : service.lines()) {
                assertTrue(line.startsWith("{\"time\":\"") && line.endsWith("}"), "not a JSON log line: " + line);
            }
        }
    }

    @Test
    void imageRunsAsANonRootUserOnPort5000FromPinnedBaseImages() {
        assertAll(() -> assertTrue(IMAGE.user().isPresent(), "no USER in the final stage"),
                  () -> assertNotEquals("root", IMAGE.user().orElse("root").split(":")[0]),
                  () -> assertNotEquals("0", IMAGE.user().orElse("0").split(":")[0]),
                  () -> assertEquals(java.util.List.of("5000"), IMAGE.exposed()),
                  () -> {
                      for (String image : IMAGE.allFrom()) {
                          // a tag with a version number, never an implicit or explicit "latest"
                          assertTrue(image.matches("[^:@]+:[^:]*\\d[^:]*"), "base image not pinned to a versioned tag: " + image);
                          assertFalse(image.endsWith(":latest"), image);
                      }
                  });
    }

    @Test
    void badConfigurationStopsTheServiceWithAMessageNamingTheSetting() {
        // given
        try (ServiceProcess service = ServiceProcess.start(Map.of("PORT", "80a"))) {
            // when
            int exitCode = service.awaitExit(Duration.ofSeconds(30));

            // then
            assertEquals(Main.EXIT_BAD_CONFIG, exitCode);
            String error = service.awaitLine("invalid configuration", Duration.ofSeconds(1));
            assertTrue(error.contains("\"level\":\"ERROR\""), error);
            assertTrue(error.contains("server.port (env PORT) (\\\"80a\\\") must be a whole number from 0 to 65535"), error);
        }
    }
}
