package spotfleet.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile and broken requests against the packaged service (its real limits from application.yaml):
 * each gets a 4xx or a closed connection, never a 5xx (but 501 for a method the server does not implement, which
 * RFC 9110 prescribes), and the service stays healthy.
 */
class HostileInputIT {
    private static ServiceProcess service;
    private static int port;

    @BeforeAll
    static void start() {
        service = ServiceProcess.startAndAwaitPort(Map.of());
        port = service.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @AfterEach
    void serviceIsStillHealthy() {
        assertTrue(service.isAlive(), "the service died");
        assertEquals(200, Http.get(port, "/healthcheck").statusCode());
        for (String line : service.lines()) {
            assertTrue(!line.contains("\"level\":\"ERROR\"") && !line.matches(".*\"status\":5\\d\\d.*"),
                       "the service reported a server-side failure: " + line);
        }
    }

    static List<Arguments> malformedRequests() {
        String tooLongPath = "/" + "a".repeat(10_000);
        String bigHeaders = "X-Filler: " + "b".repeat(1_000) + "\r\n";
        return List.of(
                arguments("not HTTP at all", "GARBAGE\r\n\r\n"),
                arguments("unknown HTTP version", "GET / HTTP/9.9\r\nHost: t\r\n\r\n"),
                arguments("HTTP/0.9 request line", "GET /\r\n\r\n"),
                arguments("extra spaces in the request line", "GET  /  HTTP/1.1\r\nHost: t\r\n\r\n"),
                arguments("bad percent-encoding", "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n"),
                arguments("request target that is not a path", "GET %2F HTTP/1.1\r\nHost: t\r\n\r\n"),
                arguments("header with an empty name", "GET / HTTP/1.1\r\nHost: t\r\n: value\r\n\r\n"),
                arguments("control characters in the path", "GET /a\u0001b HTTP/1.1\r\nHost: t\r\n\r\n"),
                arguments("10 kB request line", "GET " + tooLongPath + " HTTP/1.1\r\nHost: t\r\n\r\n"),
                arguments("20 kB of headers", "GET / HTTP/1.1\r\nHost: t\r\n" + bigHeaders.repeat(20) + "\r\n"),
                arguments("one 20 kB header", "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "c".repeat(20_000) + "\r\n\r\n"),
                arguments("header without a colon", "GET / HTTP/1.1\r\nHost: t\r\nNoColonHere\r\n\r\n"),
                arguments("NUL in a header value", "GET / HTTP/1.1\r\nHost: t\r\nX-Nul: a\u0000b\r\n\r\n"),
                arguments("no Host header", "GET / HTTP/1.1\r\n\r\n"),
                arguments("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                arguments("bare LF line ends", "GET / HTTP/1.1\nHost: t\n\n"),
                arguments("negative Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n"),
                arguments("non-numeric Content-Length", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n"),
                arguments("Content-Length and chunked together",
                          "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                arguments("bad chunk size", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                arguments("10 MB body announced", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n"
                        + "d".repeat(100_000)),
                arguments("HTTP/2 preface without upgrade", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                arguments("TLS ClientHello on the plain port", new String(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00},
                                                                      StandardCharsets.ISO_8859_1)),
                arguments("request cut off mid-headers", "GET / HTTP/1.1\r\nHost: t\r\nX-Half: ")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestGetsA4xxOrAClosedConnection(String what, String request) {
        // when
        String response = RawHttp.exchange(port, request);

        // then
        assertClientErrorOrClosed(what, response);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            // RFC 9110 section 9.1: methods are case-sensitive, so these are not GET, HEAD or OPTIONS: 501 (section 15.6.2)
            "get, /, 501", "Get, /healthcheck, 501", "head, /healthcheck, 501", "options, /, 501", "gEt, /nowhere, 501",
            // methods the server does not implement at all
            "FOO, /, 501", "PROPFIND, /healthcheck, 501", "BREW, /nowhere, 501",
            // implemented, but not allowed on the resource: 405 with Allow (section 15.5.6)
            "POST, /, 405", "DELETE, /healthcheck, 405", "TRACE, /, 405"})
    void methodsAreMatchedExactly(String method, String path, int expected) {
        // when
        String response = RawHttp.exchange(port, method + " " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");

        // then
        assertEquals(expected, RawHttp.status(response), response);
        if (expected == 405) {
            assertTrue(response.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n"), response);
        }
    }

    @Test
    void burstOfGarbageFromManyConnectionsLeavesTheServiceHealthy() throws Exception {
        // given: 64 connections, each sending 64 kB of random bytes (seeded, so a failure can be replayed)
        Random random = new Random(20_250_101L);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] garbage = new byte[64 * 1024];
            random.nextBytes(garbage);
            payloads.add(garbage);
        }

        // when
        List<String> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<String>> sent = new ArrayList<>();
            for (byte[] payload : payloads) {
                sent.add(clients.submit(() -> RawHttp.exchange(port, payload)));
            }
            for (Future<String> response : sent) {
                responses.add(response.get());
            }
        }

        // then
        for (int i = 0; i < responses.size(); i++) {
            assertClientErrorOrClosed("garbage #" + i, responses.get(i));
        }
    }

    @Test
    void http10IsRefusedAsABadRequestNamingTheVersionToUse() {
        // when: Helidon 4 speaks HTTP/1.1 only (proxies must be set to it, e.g. nginx proxy_http_version 1.1)
        String response = RawHttp.exchange(port, "GET / HTTP/1.0\r\n\r\n");

        // then: a client error saying what to use (not Helidon's 505, a server error), and a closed connection
        assertAll(() -> assertTrue(response.startsWith("HTTP/1.1 400 "), response),
                  () -> assertTrue(response.contains("\r\nConnection: close\r\n"), response),
                  () -> assertTrue(response.endsWith("\r\n\r\nBad Request: HTTP/1.1 required"), response));
    }

    @Test
    void validRequestsStillWorkOnAConnectionAfterAClientError() {
        // when: a 404 and then a good request, pipelined on one connection
        String response = RawHttp.exchange(port, "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /healthcheck HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

        // then
        assertAll(() -> assertTrue(response.startsWith("HTTP/1.1 404 "), response),
                  () -> assertTrue(response.endsWith("\"Healthy\""), response));
    }

    private static void assertClientErrorOrClosed(String what, String response) {
        int status = RawHttp.status(response);
        assertTrue(status == 0 || status >= 400 && status < 500, what + " got " + firstLine(response));
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }
}
