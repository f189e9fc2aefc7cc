package spotfleet.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library will not send or not show:
 * HEAD responses byte for byte, malformed requests, garbage.
 */
final class RawHttp {
    /** A server that neither answers nor closes within this is treated as hung. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private RawHttp() {
    }

    /** Sends the bytes and nothing more (half-closing our side), then reads until the server closes. */
    static String exchange(int port, byte[] request) {
        return exchange(port, request, true);
    }

    static String exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends the request and keeps our side open, as a keep-alive client does: returns once the server
     * closes the connection, fails if it does not within the read timeout.
     */
    static String awaitServerClose(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static String exchange(int port, byte[] request, boolean halfClose) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may close as soon as it has seen enough garbage: read what it answered
            }
            return readToEnd(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the first response line, or 0 if the server closed without answering. */
    static int status(String response) {
        if (response.isEmpty()) {
            return 0;
        }
        if (!response.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP/1.1 response: " + response);
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server neither answered nor closed within " + READ_TIMEOUT
                                             + "; received so far: " + received.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException e) {
            // a reset after the answer (the server closing with unread input) still leaves the answer
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
