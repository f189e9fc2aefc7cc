package spotfleet.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerConnectionSelector;
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
                  () -> assertNull(method("get  HTTP/1.1")),
                  () -> assertNull(method("")),
                  () -> assertNull(method("get / HTTP/1.1x")),
                  () -> assertNull(method("5")));
    }

    @Test
    void aRequestLineLongerThanTheLimitIsLeftToHelidonsOwnAnswer() {
        // given: a request line of exactly the 4096-byte prologue limit (Http1Config's default), lower-case method
        String line = "get /" + "a".repeat(4096 - "get / HTTP/1.1".length()) + " HTTP/1.1";

        // when
        String response = RawHttp.exchange(server.port(), line + "\r\nHost: t\r\n\r\n");

        // then: Helidon's "Request URI too long", not a look at a line the gate has not seen the end of
        assertEquals(4096, line.length());
        assertEquals(414, RawHttp.status(response), response);
    }

    @Test
    void theGateClaimsEveryConnectionForHttp1AndHandsHelidonTheSocketsContextButItsReader() {
        // given
        RequestMethods gate = RequestMethods.over(Http1Config.create());

        // then: as Helidon's lone HTTP/1 selector would, it takes every connection, HTTP/1.0 and garbage included
        assertAll(() -> assertEquals(0, gate.bytesToIdentifyConnection()),
                  () -> assertEquals(Set.of("http/1.1"), gate.supportedApplicationProtocols()),
                  () -> assertEquals(ServerConnectionSelector.Support.SUPPORTED,
                                     gate.supports(BufferData.create("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII)))),
                  () -> assertEquals(ServerConnectionSelector.Support.SUPPORTED, gate.supports(BufferData.create(new byte[] {0x16, 0x03}))));
        for (boolean secure : List.of(true, false)) {
            ConnectionContext socket = fake(ConnectionContext.class, secure);
            DataReader gated = new DataReader(() -> new byte[0]);
            ConnectionContext context = new RequestMethods.GatedContext(socket, gated);
            for (java.lang.reflect.Method method : ConnectionContext.class.getMethods()) {
                if (method.getParameterCount() > 0) {
                    continue; // log(...), which the interface implements itself
                }
                Object expected = method.getName().equals("dataReader") ? gated : invoke(method, socket);
                assertEquals(expected, invoke(method, context), method.getName());
            }
        }
    }

    /** An implementation whose every method answers a value of its own, so a delegate that answers anything else shows. */
    private static <T> T fake(Class<T> type, boolean flag) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new InvocationHandler() {
            private final Map<String, Object> answers = new HashMap<>();

            @Override
            public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> type.getSimpleName() + " fake";
                    default -> answers.computeIfAbsent(method.getName(), name -> answer(method.getReturnType(), name, flag));
                };
            }
        }));
    }

    private static Object answer(Class<?> type, String name, boolean flag) {
        if (type == boolean.class) {
            return flag;
        }
        if (type == String.class) {
            return name + "-" + flag;
        }
        if (type == Optional.class) {
            return Optional.of(fake(ProxyProtocolData.class, flag));
        }
        return type.isInterface() ? fake(type, flag) : null;
    }

    private static Object invoke(java.lang.reflect.Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
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
