package spotfleet.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/**
 * The training run of the JDK's AOT cache (JEP 483, 514, 515): the Dockerfile runs this class once at image
 * build time with {@code -XX:AOTCacheOutput} and the service's own JVM flags and class path. It starts the
 * service exactly as {@link Main} does, sends it every kind of request it answers, then stops it; at exit the
 * JVM writes the classes it loaded and linked, and the method profiles it gathered, into the cache. Production
 * starts then skip that loading, linking and much of the warm-up.
 * <p>
 * Any unexpected answer fails the run, and with it the image build: a cache must come from a working service.
 */
final class AotTraining {
    /** Enough requests for the JIT's profiles of the request path to settle; about a second of work. */
    private static final int ROUNDS_PER_CONNECTION = 1_000;
    private static final int KEEP_ALIVE_CONNECTIONS = 2;
    private static final int NEW_CONNECTIONS = 200;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** One request as it goes on the wire, and the status it must get. */
    private record Exchange(String request, int expectedStatus) {
        boolean hasBody() {
            return !request.startsWith("HEAD ");
        }
    }

    private static final List<Exchange> MIX = List.of(
            get("/", 200, ""),
            get("/healthcheck", 200, ""),
            new Exchange("HEAD / HTTP/1.1\r\nHost: training\r\n\r\n", 200),
            new Exchange("HEAD /healthcheck HTTP/1.1\r\nHost: training\r\n\r\n", 200),
            new Exchange("OPTIONS / HTTP/1.1\r\nHost: training\r\n\r\n", 200),
            new Exchange("OPTIONS / HTTP/1.1\r\nHost: training\r\nOrigin: https://www.example.com\r\n"
                                 + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x-requested-with\r\n\r\n", 200),
            get("/", 200, "Origin: https://www.example.com\r\n"),
            get("/", 200, "X-Forwarded-For: 203.0.113.7\r\nX-Amzn-Trace-Id: Root=1-683c5a10-0123456789abcdef01234567\r\n"),
            get("/missing", 404, ""),
            new Exchange("POST / HTTP/1.1\r\nHost: training\r\nContent-Length: 0\r\n\r\n", 405));

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        // The request log still formats and writes every line (that is part of the request path to train),
        // but to nowhere: tens of thousands of lines have no place in a build log.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        StdoutLines out = StdoutLines.shared();
        JsonLogHandler.installUnlessConfigured(out);

        Config config = AppConfig.load(System.getenv());
        AppSettings settings = AppSettings.from(config).withListener(InetAddress.getLoopbackAddress().getHostAddress(), 0);
        WebServer server = Main.server(config, settings, new Draining());
        Main.start(server, settings, out);
        try {
            train(server.port());
        } finally {
            server.stop();
        }
        int requests = KEEP_ALIVE_CONNECTIONS * ROUNDS_PER_CONNECTION * MIX.size() + NEW_CONNECTIONS;
        System.err.println("AOT training: " + requests + " requests answered as expected");
    }

    private static void train(int port) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(KEEP_ALIVE_CONNECTIONS)) {
            List<Future<Object>> done = clients.invokeAll(
                    Collections.nCopies(KEEP_ALIVE_CONNECTIONS, () -> {
                        keepAliveConnection(port);
                        return null;
                    }));
            for (Future<Object> connection : done) {
                connection.get(); // rethrows a failed exchange
            }
        }
        // a connection per request, as health checkers and clients without keep-alive use the service
        for (int i = 0; i < NEW_CONNECTIONS; i++) {
            try (Socket socket = connect(port)) {
                exchange(socket.getInputStream(), socket.getOutputStream(),
                         get("/healthcheck", 200, "Connection: close\r\n"));
            }
        }
    }

    private static void keepAliveConnection(int port) throws IOException {
        try (Socket socket = connect(port)) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream outStream = new BufferedOutputStream(socket.getOutputStream());
            for (int round = 0; round < ROUNDS_PER_CONNECTION; round++) {
                for (Exchange exchange : MIX) {
                    exchange(in, outStream, exchange);
                }
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return socket;
    }

    private static void exchange(InputStream in, OutputStream out, Exchange exchange) throws IOException {
        out.write(exchange.request().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        if (status != exchange.expectedStatus()) {
            throw new IllegalStateException("expected " + exchange.expectedStatus() + " for "
                                                    + exchange.request().lines().findFirst().orElseThrow() + ", got:\n" + head);
        }
        if (exchange.hasBody()) {
            in.skipNBytes(contentLength(head));
        }
    }

    /** The status line and headers, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the response headers ended: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
            if (lower.startsWith("transfer-encoding:")) {
                throw new UncheckedIOException(new IOException("unexpected chunked response:\n" + head));
            }
        }
        return 0;
    }

    private static Exchange get(String path, int status, String headers) {
        return new Exchange("GET " + path + " HTTP/1.1\r\nHost: training\r\n" + headers + "\r\n", status);
    }
}
