package spotfleet.drills;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The malformed-request corpus, generated: each category crosses a few request shapes with the ways to break them.
 * Every case breaks HTTP/1.1's grammar (RFC 9112), this service's limits, or asks for a method the service does not
 * serve (RFC 9110 section 9.1: methods are case-sensitive, so {@code get} is not {@code GET}); none is a request a server
 * could rightly answer 2xx. Bytes are ISO-8859-1, so any octet can be written as a char.
 */
final class MalformedRequests {

    /**
     * How a client misbehaves beyond what it sends: slowly, in parts.
     *
     * @param expected the statuses the case must get, in order, and then a closed connection; empty for "any 4xx, or a
     *                 closed connection", the answer to a malformed request
     */
    record Case(String category, String name, List<byte[]> parts, boolean slow, List<Integer> expected) {
    }

    static final String BROKEN_REQUEST_LINES = "broken request lines";
    static final String BAD_VERSIONS = "bad versions";
    static final String HEADER_INJECTION = "header injection and CRLF tricks";
    static final String HUGE_AND_DUPLICATE_HEADERS = "huge and duplicate headers";
    static final String INVALID_CHUNKED_BODIES = "invalid chunked bodies";
    static final String SLOW_PARTIAL_REQUESTS = "slow partial requests";
    static final String METHODS = "methods not served";
    /** RFC 9110 section 15.6.2: "the server does not recognize the request method". */
    static final int NOT_IMPLEMENTED = 501;
    /** RFC 9110 section 15.5.6: a method the server knows, which the resource does not allow. */
    static final int METHOD_NOT_ALLOWED = 405;
    /** A header name the corpus tries to smuggle into responses: no response may ever carry it. */
    static final String INJECTED_HEADER = "X-Injected";

    private static final String HOST = "Host: drill\r\n";
    /** Control characters that may appear nowhere in a request line or a header (HTAB is allowed in values). */
    private static final List<Integer> CONTROLS = IntStream.concat(IntStream.rangeClosed(0, 31), IntStream.of(127))
            .filter(c -> c != '\t' && c != '\r' && c != '\n')
            .boxed()
            .toList();

    private final List<Case> cases = new ArrayList<>();

    static List<Case> all() {
        var corpus = new MalformedRequests();
        corpus.brokenRequestLines();
        corpus.badVersions();
        corpus.headerInjection();
        corpus.hugeAndDuplicateHeaders();
        corpus.invalidChunkedBodies();
        corpus.slowPartialRequests();
        corpus.methods();
        return List.copyOf(corpus.cases);
    }

    private void brokenRequestLines() {
        var lines = new ArrayList<>(List.of(
                "GET", "GET /", "GET / ", " GET / HTTP/1.1", "GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET\t/\tHTTP/1.1",
                "GET / HTTP/1.1 trailing", "/ HTTP/1.1", "GET HTTP/1.1", "GET / / HTTP/1.1", "HTTP/1.1", " ", "",
                "GET ? HTTP/1.1", "GET a HTTP/1.1", "GET %2F HTTP/1.1", "GET /%zz HTTP/1.1", "GET /% HTTP/1.1", "GET /%2 HTTP/1.1",
                "GET /a\"b HTTP/1.1", "GET /a<b> HTTP/1.1", "GET /a\\b HTTP/1.1", "GET /a{b} HTTP/1.1", "GET /a|b HTTP/1.1",
                "GET /a^b HTTP/1.1", "GET /a`b HTTP/1.1", "GET /\u00e9 HTTP/1.1", "GET /\u00ff HTTP/1.1",
                "G@T / HTTP/1.1", "GE(T / HTTP/1.1", "GET, / HTTP/1.1", "\u00c9T / HTTP/1.1",
                "GET /" + "a".repeat(5_000) + " HTTP/1.1", "GET /?" + "q".repeat(5_000) + " HTTP/1.1", "X".repeat(5_000)));
        CONTROLS.forEach(c -> lines.add("GET /a" + (char) c.intValue() + "b HTTP/1.1"));
        CONTROLS.stream().filter(c -> c != 0).forEach(c -> lines.add("GE" + (char) c.intValue() + "T / HTTP/1.1"));
        lines.forEach(line -> add(BROKEN_REQUEST_LINES, printable(line), line + "\r\n" + HOST + "\r\n"));
    }

    private void badVersions() {
        var versions = List.of("HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/2", "HTTP/3", "HTTP/1.2", "HTTP/1.10", "HTTP/1.1.1",
                "HTTP/01.1", "HTTP/1", "HTTP/1.", "HTTP/", "HTTP", "http/1.1", "Http/1.1", "HTTPS/1.1", "HTTP/ 1.1", "HTTP /1.1",
                "HTTP/1.1\u0000", "HTTP/1.x", "HTTP/a.b", "HTTP/-1.1", "HTTP/9.9", "ICAP/1.0", "RTSP/1.0", "SIP/2.0", "HTTP/1.1x",
                "XTTP/1.1", "HTTP/1,1", "HTTP\\1.1");
        for (var method : List.of("GET", "HEAD")) {
            versions.forEach(version -> add(BAD_VERSIONS, method + " " + printable(version),
                    method + " / " + version + "\r\n" + HOST + "\r\n"));
        }
        add(BAD_VERSIONS, "HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        add(BAD_VERSIONS, "TLS ClientHello", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");
    }

    private void headerInjection() {
        var headers = new ArrayList<>(List.of(
                "X-A: b\r" + INJECTED_HEADER + ": 1", "X-A: b\n" + INJECTED_HEADER + ": 1", "X-A\r\n: b", ": b", " X-A: b",
                "X-A : b", "X-A\t: b", "X A: b", "X-A", "X-A b", "\u0000X-A: b", "X-\u00e9: b", "X-A: b\r\n continued",
                "X-A: b\r\n\tcontinued", "Host: drill\r\nHost: other", "Host: a b", "Host: a@b", "Host: a/b", "Host: a\u0001b",
                "Content-Length: 1\r\nContent-Length: 2", "Content-Length: -1", "Content-Length: +5", "Content-Length: 0x10",
                "Content-Length: 5 5", "Content-Length: 99999999999999999999", "Content-Length: 1e3",
                "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, chunked", "Transfer-Encoding : chunked"));
        for (var separator : List.of("(", ")", "<", ">", "@", ",", ";", "\\", "\"", "/", "[", "]", "?", "=", "{", "}")) {
            headers.add("X" + separator + "A: b");
        }
        CONTROLS.forEach(c -> headers.add("X-A: b" + (char) c.intValue() + "c"));
        headers.forEach(header -> add(HEADER_INJECTION, printable(header), "GET / HTTP/1.1\r\n" + HOST + header + "\r\n\r\n"));
        add(HEADER_INJECTION, "no Host", "GET / HTTP/1.1\r\n\r\n");
        add(HEADER_INJECTION, "encoded CRLF in the path", "GET /a%0d%0a" + INJECTED_HEADER + ":%201 HTTP/1.1\r\n" + HOST + "\r\n");
        add(HEADER_INJECTION, "bare LF line ends", "GET / HTTP/1.1\n" + HOST.replace("\r", "") + "\n");
    }

    private void hugeAndDuplicateHeaders() {
        for (var count : List.of(2_000, 5_000)) {
            var many = new StringBuilder();
            IntStream.range(0, count).forEach(i -> many.append("X-H").append(i).append(": v\r\n"));
            add(HUGE_AND_DUPLICATE_HEADERS, count + " headers", "GET / HTTP/1.1\r\n" + HOST + many + "\r\n");
            add(HUGE_AND_DUPLICATE_HEADERS, count + " copies of one header",
                    "GET / HTTP/1.1\r\n" + HOST + "X-Same: v\r\n".repeat(count) + "\r\n");
        }
        for (var size : List.of(17_000, 65_536, 1_048_576)) {
            add(HUGE_AND_DUPLICATE_HEADERS, size + "-byte header value", "GET / HTTP/1.1\r\n" + HOST + "X-Big: " + "v".repeat(size) + "\r\n\r\n");
            add(HUGE_AND_DUPLICATE_HEADERS, size + "-byte header name", "GET / HTTP/1.1\r\n" + HOST + "X" + "n".repeat(size) + ": v\r\n\r\n");
            add(HUGE_AND_DUPLICATE_HEADERS, size + "-byte cookie", "GET / HTTP/1.1\r\n" + HOST + "Cookie: c=" + "v".repeat(size) + "\r\n\r\n");
        }
        add(HUGE_AND_DUPLICATE_HEADERS, "1 MB body announced", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 1048576\r\n\r\n"
                + "b".repeat(100_000));
        add(HUGE_AND_DUPLICATE_HEADERS, "two Content-Length", "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
    }

    private void invalidChunkedBodies() {
        var bodies = List.of("zz\r\nhello\r\n0\r\n\r\n", "-1\r\nhello\r\n0\r\n\r\n", "0x5\r\nhello\r\n0\r\n\r\n",
                "FFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n", " 5\r\nhello\r\n0\r\n\r\n", "5\r\nhello world\r\n0\r\n\r\n",
                "5\r\nhel", "5\r\nhellox0\r\n\r\n", "5\nhello\n0\n\n", "5;a=\u0000\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\n",
                "5\r\nhello\r\n0\r\n", "5\r\nhello\r\n0\r\nX-Trailer\r\n\r\n", "10000\r\n" + "c".repeat(65_536) + "\r\n0\r\n\r\n",
                "40000000\r\n" + "c".repeat(10_000), "\r\n");
        for (var method : List.of("POST", "PUT")) {
            for (var path : List.of("/", "/healthcheck")) {
                bodies.forEach(body -> add(INVALID_CHUNKED_BODIES, method + " " + path + " " + printable(body),
                        method + " " + path + " HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n" + body));
            }
        }
    }

    private void slowPartialRequests() {
        var partials = List.of("G", "GET", "GET /", "GET / HTTP/1.1", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: dr",
                "GET / HTTP/1.1\r\n" + HOST, "GET / HTTP/1.1\r\n" + HOST + "X-Half: ",
                "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 10\r\n\r\nabc",
                "GET / HTTP/9.9\r\n" + HOST + "\r\n", "GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n");
        for (var partial : partials) {
            // a byte at a time over a few hundred ms, then our side closes: the server must answer or close, never hang
            var bytes = bytes(partial);
            var pieces = IntStream.range(0, bytes.length).mapToObj(i -> new byte[] {bytes[i]}).toList();
            cases.add(new Case(SLOW_PARTIAL_REQUESTS, "trickled: " + printable(partial), pieces, true, List.of()));
            cases.add(new Case(SLOW_PARTIAL_REQUESTS, "at once: " + printable(partial), List.of(bytes), false, List.of()));
        }
    }

    private void methods() {
        var paths = List.of("/", "/healthcheck", "/nowhere");
        // every case variant of a method the service serves or knows is another, unknown method; so are made-up ones
        var unknown = List.of("get", "Get", "gET", "geT", "head", "Head", "hEAD", "options", "Options", "OPTIONs", "post", "Post",
                "put", "delete", "patch", "trace", "connect", "FOO", "PROPFIND", "MKCOL", "BREW", "GETS", "XGET", "G", "GET_", "G-E-T");
        for (var method : unknown) {
            for (var path : paths) {
                add(METHODS, method + " " + path, method + " " + path + " HTTP/1.1\r\n" + HOST + "\r\n", List.of(NOT_IMPLEMENTED));
            }
        }
        for (var method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
            for (var path : List.of("/", "/healthcheck")) {
                add(METHODS, method + " " + path, method + " " + path + " HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n",
                        List.of(METHOD_NOT_ALLOWED));
            }
        }
        // on a kept-alive connection too: the lower-case request after a served one is refused where it starts
        add(METHODS, "GET / then get / pipelined", "GET / HTTP/1.1\r\n" + HOST + "\r\nget / HTTP/1.1\r\n" + HOST + "\r\n",
                List.of(200, NOT_IMPLEMENTED));
    }

    private void add(String category, String name, String request) {
        add(category, name, request, List.of());
    }

    private void add(String category, String name, String request, List<Integer> expected) {
        cases.add(new Case(category, name, List.of(bytes(request)), false, expected));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The case's bytes as a reader can see them: controls as \\xNN, long runs cut. */
    private static String printable(String text) {
        var shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c < 0x20 || c >= 0x7f ? "\\x%02x".formatted(c) : String.valueOf((char) c)));
        return shown.length() > 60 ? shown.substring(0, 60) + "...(" + text.length() + " chars)" : shown.toString();
    }
}
