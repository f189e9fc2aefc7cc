package spotfleet.app;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * RFC 9110 section 9.1: "The method token is case-sensitive". Helidon 4.5's HTTP/1 parser upper-cases it before anything
 * else sees it ({@code Http1Prologue.readMethod} calls {@code Method.create}, which applies {@code Ascii.toUpperCase}), so
 * routing takes {@code get} for {@code GET} and cannot tell {@code foo} from {@code FOO}. This gate works where the
 * method's bytes still exist: it hands Helidon's own HTTP/1 connection a reader that looks at every request line before
 * Helidon's parser does, and answers 501 Not Implemented (RFC 9110 section 15.6.2, "the server does not recognize the
 * request method") to any method token that is not one of the nine the server implements, spelled exactly. A method
 * it implements but a resource does not allow still reaches routing, which answers 405 with {@code Allow}. Lines that
 * are not well-formed request lines are left to Helidon's parser, which answers them 400.
 */
final class RequestMethods implements ServerConnectionSelector {
    /** RFC 9110's methods and PATCH (RFC 5789): the ones Helidon's {@code Method} knows, and the routes can be asked for. */
    static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final byte SPACE = ' ';
    private static final byte[] HTTP_1_1 = " HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    /** RFC 9110 section 5.6.2: tchar, besides digits and letters. */
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final ServerConnectionSelector http1;

    private RequestMethods(ServerConnectionSelector http1) {
        this.http1 = http1;
    }

    /** Puts the gate in front of HTTP/1 on the server's listener, with the server's own HTTP/1 settings. */
    static void install(WebServerConfig.Builder server, Http1Config http1) {
        // selectors given here come before the discovered ones, and the first that supports a connection gets it
        server.addConnectionSelector(over(http1));
    }

    /** The gate in front of Helidon's HTTP/1 connections with these settings. */
    static RequestMethods over(Http1Config http1) {
        return new RequestMethods(Http1ConnectionSelector.builder().config(http1).build());
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    /**
     * Every connection. Helidon gives a lone HTTP/1 selector every connection ("if just one candidate, take a chance with
     * it", ConnectionHandler.identifyConnection), which is how HTTP/1.0 and garbage reach the parser that answers them;
     * with the gate in front of the discovered HTTP/1 selector there are two, and the first to claim a connection gets it.
     */
    @Override
    public Support supports(BufferData request) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http1.connection(new GatedContext(ctx, new RequestLineReader(ctx.dataReader())));
    }

    /**
     * The method of a request line, if the line is one: {@code <token> SP <target> SP HTTP/1.1}. Null for any other line
     * (a header, a chunk size, a malformed request line), which the gate leaves to Helidon.
     */
    static String method(BufferData line, int length) {
        int space = line.indexOf(SPACE);
        // a token, a space, a target of at least one byte, then " HTTP/1.1"
        if (space <= 0 || length < space + 2 + HTTP_1_1.length) {
            return null;
        }
        for (int i = 0; i < HTTP_1_1.length; i++) {
            if (line.get(length - HTTP_1_1.length + i) != HTTP_1_1[i]) {
                return null;
            }
        }
        StringBuilder token = new StringBuilder(space);
        for (int i = 0; i < space; i++) {
            char c = (char) line.get(i);
            if (!isTchar(c)) {
                return null;
            }
            token.append(c);
        }
        return token.toString();
    }

    static boolean isTchar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || TCHAR_SYMBOLS.indexOf(c) >= 0;
    }

    /** What Helidon reads the connection through: the socket's reader, with every request line's method checked first. */
    static final class RequestLineReader extends DataReader {
        RequestLineReader(DataReader socket) {
            super(() -> {
                BufferData data = socket.readBuffer(); // blocks for the socket; ends the connection as Helidon's reader would
                byte[] bytes = new byte[data.available()];
                data.read(bytes);
                return bytes;
            });
        }

        @Override
        public int findNewLine(int max) {
            int eol = super.findNewLine(max);
            // eol == max: no end of line within the limit, which Helidon's parser answers (414 for a request line)
            if (eol < max) {
                String method = method(getBuffer(eol), eol);
                if (method != null && !IMPLEMENTED.contains(method)) {
                    throw RequestException.builder()
                            .type(DirectHandler.EventType.OTHER)
                            .status(Status.NOT_IMPLEMENTED_501)
                            .message("Not Implemented: HTTP methods are case-sensitive, and this one is not served")
                            .safeMessage(true)
                            .setKeepAlive(false)
                            .build();
                }
            }
            return eol;
        }
    }

    /** The connection's context with the gated reader in place of the socket's. */
    record GatedContext(ConnectionContext ctx, DataReader reader) implements ConnectionContext {
        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
