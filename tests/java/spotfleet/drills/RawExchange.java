package spotfleet.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One conversation over a raw socket: the request's parts are sent as given (with a pause between them for a slow
 * client), and everything the server says is read until it closes, or the read timeout ends the wait. The bytes are then read as HTTP/1.1 responses, however many were pipelined.
 */
final class RawExchange {

    /** What the server did with one request; {@code problem} is empty when its answer could be read. */
    record Result(List<Integer> statuses, List<String> headers, boolean closed, String problem) {

        /** A 4xx for every response (at least one), or a close without a word: what a malformed request may get. */
        boolean refused() {
            return problem.isEmpty() && closed && statuses.stream().allMatch(status -> status >= 400 && status < 500);
        }

        /** Exactly these statuses, in order, then a closed connection. */
        boolean answered(List<Integer> expected) {
            return problem.isEmpty() && closed && statuses.equals(expected);
        }

        /** {@code 400}, {@code 400+405}, or {@code closed without an answer}: the outcome a drill counts. */
        String outcome() {
            if (!problem.isEmpty()) {
                return problem;
            }
            return statuses.isEmpty() ? "closed without an answer"
                    : String.join("+", statuses.stream().map(String::valueOf).toList());
        }
    }

    private RawExchange() {
    }

    static Result send(int port, List<byte[]> parts, Duration pause, Duration readTimeout) {
        return exchange(port, parts, pause, readTimeout, true);
    }

    /**
     * One request as a well-behaved client sends it: our side stays open until the server closes (a proxy such as
     * nginx takes a half-close for a client that gave up).
     */
    static Result request(int port, String request, Duration readTimeout) {
        return exchange(port, List.of(request.getBytes(StandardCharsets.ISO_8859_1)), Duration.ZERO, readTimeout, false);
    }

    private static Result exchange(int port, List<byte[]> parts, Duration pause, Duration readTimeout, boolean halfClose) {
        var received = new ByteArrayOutputStream();
        var closed = false;
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) readTimeout.toMillis());
            try {
                var out = socket.getOutputStream();
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0) {
                        Thread.sleep(pause);
                    }
                    out.write(parts.get(i));
                    out.flush();
                }
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may close as soon as it has seen enough garbage: read what it answered
            }
            closed = readUntilClosed(socket, received);
        } catch (IOException e) {
            return new Result(List.of(), List.of(), false, "could not connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return parse(received.toByteArray(), closed);
    }

    /** True when the server closed (or reset) the connection, false when the read timed out first. */
    private static boolean readUntilClosed(Socket socket, ByteArrayOutputStream received) {
        var buffer = new byte[8192];
        try {
            var in = socket.getInputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                received.write(buffer, 0, read);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset after the answer (the server closing with our bytes unread) still ends it
        }
    }

    /** Reads pipelined HTTP/1.1 responses: status line, headers, then a body by Content-Length or chunks. */
    static Result parse(byte[] bytes, boolean closed) {
        var text = new String(bytes, StandardCharsets.ISO_8859_1);
        var statuses = new ArrayList<Integer>();
        var headers = new ArrayList<String>();
        int at = 0;
        while (at < text.length()) {
            var headEnd = text.indexOf("\r\n\r\n", at);
            if (!text.startsWith("HTTP/1.1 ", at) || headEnd < 0) {
                return new Result(statuses, headers, closed, "not an HTTP/1.1 response: " + abbreviate(text.substring(at)));
            }
            var head = text.substring(at, headEnd).split("\r\n");
            statuses.add(Integer.parseInt(head[0].substring(9, 12)));
            long length = -1;
            var chunked = false;
            for (int i = 1; i < head.length; i++) {
                headers.add(head[i]);
                var lower = head[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            at = headEnd + 4;
            if (chunked) {
                at = skipChunks(text, at);
            } else if (length >= 0) {
                at += (int) length;
            } else {
                at = text.length(); // no length: the body runs to the close
            }
        }
        if (!closed) {
            return new Result(statuses, headers, false, "neither answered nor closed within the read timeout");
        }
        return new Result(statuses, headers, true, "");
    }

    private static int skipChunks(String text, int at) {
        while (true) {
            var lineEnd = text.indexOf("\r\n", at);
            var size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
            at = lineEnd + 2 + size + 2;
            if (size == 0) {
                return at;
            }
        }
    }

    private static String abbreviate(String text) {
        var printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
