package spotfleet.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpFeatures;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 9110 section 9.1, "The method token is case-sensitive": a method the server does not implement, spelled any
 * other way included, gets 501 (section 15.6.2); one it implements but the resource does not allow gets 405 with Allow
 * (section 15.5.6). Raw sockets, because client libraries upper-case methods.
 */
@ServerTest
class RequestMethodsTest {
    /** Responses follow each other's bodies directly, so a status line need not start a line. */
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    private final WebServer server;

    RequestMethodsTest(WebServer server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        RequestMethods.install(server, Http1Config.create());
    }

    @SetUpFeatures(false)
    static List<ServerFeature> features() {
        return Main.features(AppSettings.defaults());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Main.routing(routing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get /", "Get /healthcheck", "gET /", "head /", "options /healthcheck", "post /", "delete /",
                            "patch /", "trace /", "FOO /", "PROPFIND /", "GETS /", "G /", "get /nowhere", "FOO /nowhere"})
    void aMethodTheServerDoesNotImplementGets501AndAClosedConnection(String requestLine) {
        // when
        String response = RawHttp.exchange(server.port(), requestLine + " HTTP/1.1\r\nHost: t\r\n\r\n");

        // then: not 200, 404 or 405: the method itself is what the server does not serve, whatever the path
        assertAll(() -> assertEquals(501, RawHttp.status(response), response),
                  () -> assertTrue(response.contains("\r\nConnection: close\r\n"), response));
    }

    @ParameterizedTest
    @CsvSource({"POST, /", "PUT, /healthcheck", "DELETE, /", "PATCH, /healthcheck", "TRACE, /"})
    void aMethodTheServerImplementsButTheResourceDoesNotAllowGets405WithAllow(String method, String path) {
        // when
        String response = RawHttp.exchange(server.port(), method + " " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");

        // then
        assertAll(() -> assertEquals(405, RawHttp.status(response), response),
                  () -> assertTrue(response.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"), response));
    }

    @Test
    void exactMethodsAreServedAndTheGateSeesEveryRequestOnAKeptAliveConnection() {
        // given: GET, then a POST with a body that looks like a request line, then HEAD, then get, pipelined
        String requests = "GET / HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 16\r\n\r\nget / HTTP/1.1\r\n"
                + "HEAD /healthcheck HTTP/1.1\r\nHost: t\r\n\r\n"
                + "get / HTTP/1.1\r\nHost: t\r\n\r\n";

        // when
        String responses = RawHttp.exchange(server.port(), requests);

        // then: the body is not taken for a request line, and the last request is refused where it starts
        List<Integer> statuses = STATUS_LINE.matcher(responses).results().map(match -> Integer.parseInt(match.group(1))).toList();
        assertEquals(List.of(200, 405, 200, 501), statuses, responses);
    }

    @Test
    void onlyWellFormedRequestLinesAreReadForTheirMethod() {
        assertAll(() -> assertEquals("get", method("get / HTTP/1.1")),
                  () -> assertEquals("FOO", method("FOO /a?b HTTP/1.1")),
                  () -> assertEquals("G", method("G / HTTP/1.1")),
                  // left to Helidon's parser (400, or its HTTP/1.0 answer): other versions, headers, malformed lines
                  () -> assertNull(method("get / HTTP/1.0")),
                  () -> assertNull(method("Host: t")),
                  () -> assertNull(method(" GET / HTTP/1.1")),
                  () -> assertNull(method("G@T / HTTP/1.1")),
                  () -> assertNull(method("GE\u0001T / HTTP/1.1")),
                  () -> assertNull(method("get HTTP/1.1")),
                  () -> assertNull(method("get / HTTP/1.1x")),
                  () -> assertNull(method("5")));
    }

    @Test
    void tokenCharactersAreRfc9110s() {
        String tchars = "!#$%&'*+-.^_`|~09azAZ";
        String others = " \"(),/:;<=>?@[\\]{}\u007f\u0000\t";
        assertAll(() -> tchars.chars().forEach(c -> assertTrue(RequestMethods.isTchar((char) c), "tchar " + (char) c)),
                  () -> others.chars().forEach(c -> assertTrue(!RequestMethods.isTchar((char) c), "not a tchar: " + c)));
    }

    private static String method(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return RequestMethods.method(BufferData.create(bytes), bytes.length);
    }
}
