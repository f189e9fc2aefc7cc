package spotfleet.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container recipe, checked without a Docker engine: the final stage's own command line, run against
 * the layout the image copies (target/spotfleet-app.jar and target/libs/) on the runtime the Dockerfile's jlink
 * line links (target/runtime, made by ImageLayout in package), serves the routes.
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
    void imageCommandStartsFromItsAotCache() {
        // given: a JVM told to refuse to start rather than run without the cache the command names
        Map<String, String> cacheRequired = Map.of("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");

        // when
        try (ServiceProcess service = ServiceProcess.startAndAwaitPort(cacheRequired)) {
            HttpResponse<String> health = Http.get(service.port(), "/healthcheck");

            // then: the cache the package phase trained matches the command, the JDK and the layout
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void unusableAotCacheOnlyCostsStartUpTime(@TempDir Path layout) {
        // given: the image's layout with a damaged cache
        copyLayout(layout);
        String cache = DockerfileCommand.aotCacheFile(IMAGE.command(), DockerfileCommand.AOT_CACHE).orElseThrow();
        write(layout.resolve(cache), "not an AOT cache");

        // when
        try (ServiceProcess service = ServiceProcess.start(layout, Map.of())) {
            HttpResponse<String> health = Http.get(service.port(), "/healthcheck");

            // then: the JVM says so and starts without it
            assertEquals(200, health.statusCode());
            assertTrue(service.lines().stream().anyMatch(line -> line.contains("[aot]")), "no AOT notice in: " + service.lines());
        }
    }

    @Test
    void imageRunsAsANonRootUserOnPort5000FromDigestPinnedBaseImages() {
        assertAll(() -> assertTrue(IMAGE.user().isPresent(), "no USER in the final stage"),
                  () -> assertNotEquals("root", IMAGE.user().orElse("root").split(":")[0]),
                  () -> assertNotEquals("0", IMAGE.user().orElse("0").split(":")[0]),
                  () -> assertEquals(List.of("5000"), IMAGE.exposed()),
                  () -> {
                      for (String image : IMAGE.allFrom()) {
                          // a tag with a version number and the image index's digest, never "latest"
                          assertTrue(image.matches("[^:@\\s]+:[^:@\\s]*\\d[^:@\\s]*@sha256:[0-9a-f]{64}"),
                                     "base image not pinned to a versioned tag and a digest: " + image);
                          assertFalse(image.contains(":latest@"), image);
                      }
                  });
    }

    @Test
    void theRuntimeHasTheModulesJdepsFindsPlusJdkUnsupported() throws IOException {
        // given: what the service's classes use, as jdeps sees them (the issue's measure), and what jlink.options asks for
        Set<String> used = new TreeSet<>(List.of(jdeps("--print-module-deps", "--ignore-missing-deps").strip().split(",")));
        used.add("jdk.unsupported"); // sun.misc.Signal, which GracefulShutdown uses; listed even if jdeps finds it
        Set<String> asked = new TreeSet<>();
        for (String line : Files.readAllLines(ServiceProcess.TARGET.resolve("jlink.options"))) {
            if (line.startsWith("--add-modules=")) {
                asked.addAll(List.of(line.substring("--add-modules=".length()).split(",")));
            }
        }

        // when: the runtime ImageLayout linked from them
        Set<String> linked = new TreeSet<>();
        for (String line : Files.readAllLines(ServiceProcess.runtime().resolve("release"))) {
            if (line.startsWith("MODULES=")) {
                linked.addAll(List.of(line.substring("MODULES=".length()).replace("\"", "").split(" ")));
            }
        }

        // then: jlink.options names exactly the used modules, and the runtime has them (with what they require) and no tools
        assertEquals(used, asked, "jlink.options --add-modules against jdeps");
        assertTrue(linked.containsAll(used), "runtime modules " + linked);
        assertFalse(linked.contains("jdk.compiler") || linked.contains("jdk.jlink"), "a JDK, not the linked runtime: " + linked);
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

    /** jdeps over the jar and libs/ in target/, for the runtime's Java version. */
    private static String jdeps(String... options) {
        List<String> arguments = new ArrayList<>(List.of(options));
        List<String> libs = new ArrayList<>();
        try (Stream<Path> jars = Files.list(ServiceProcess.TARGET.resolve("libs"))) {
            jars.map(Path::toString).sorted().forEach(libs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        arguments.addAll(List.of("--multi-release", String.valueOf(Runtime.version().feature()),
                                 "--class-path", String.join(java.io.File.pathSeparator, libs),
                                 ServiceProcess.TARGET.resolve("spotfleet-app.jar").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        assertEquals(0, exitCode, "jdeps failed: " + err);
        return out.toString();
    }

    /** target/'s jar, JVM flags and libs/ (the image's /app), copied so the original stays untouched. */
    private static void copyLayout(Path layout) {
        try (Stream<Path> files = Files.walk(ServiceProcess.TARGET.resolve("libs"))) {
            for (String file : List.of("spotfleet-app.jar", "jvm.options")) {
                Files.copy(ServiceProcess.TARGET.resolve(file), layout.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            }
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = layout.resolve(ServiceProcess.TARGET.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
