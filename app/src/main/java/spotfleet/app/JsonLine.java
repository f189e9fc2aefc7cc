package spotfleet.app;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Builds one JSON object on one line, the shape CloudWatch Logs Insights parses into fields:
 * {@code {"time":"...","level":"INFO","logger":"...",...}}. Hand-rolled, because it runs once per request
 * and a JSON library would cost more than the request itself.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The formatted second, reused for every line in that second: formatting is the costly part. */
    private static volatile CachedSecond cachedSecond = new CachedSecond(Long.MIN_VALUE, "");

    private final StringBuilder text = new StringBuilder(192);

    private JsonLine(long epochMillis, String level, String logger) {
        text.append("{\"time\":\"");
        appendTimestamp(epochMillis);
        text.append('"');
        add("level", level);
        add("logger", logger);
    }

    static JsonLine start(long epochMillis, String level, String logger) {
        return new JsonLine(epochMillis, level, logger);
    }

    /** One of the service's own life-cycle events (started, draining, stopped...). */
    static JsonLine event(String level, String message) {
        return start(System.currentTimeMillis(), level, "spotfleet.app").add("msg", message);
    }

    JsonLine add(String name, String value) {
        if (value != null) {
            appendName(name);
            appendString(value);
        }
        return this;
    }

    JsonLine add(String name, long value) {
        appendName(name);
        text.append(value);
        return this;
    }

    /** A duration in milliseconds with microsecond precision, e.g. 1.234. */
    JsonLine addMillis(String name, long nanos) {
        long micros = nanos / 1_000;
        appendName(name);
        text.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            text.append('0');
        }
        if (fraction < 10) {
            text.append('0');
        }
        text.append(fraction);
        return this;
    }

    String end() {
        return text.append('}').toString();
    }

    private void appendName(String name) {
        text.append(",\"").append(name).append("\":");
    }

    /** Escapes per RFC 8259: request paths and header values are client input and may hold anything. */
    private void appendString(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    // control characters and lone surrogates (which have no UTF-8 form) as JSON unicode escapes
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
                        text.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    private static boolean isPairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    private void appendTimestamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1_000);
        CachedSecond cached = cachedSecond;
        if (cached.epochSecond != second) {
            // "2025-01-02T03:04:05" without the zone; millis and 'Z' are appended per line
            String formatted = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
            cached = new CachedSecond(second, formatted.substring(0, formatted.length() - 1));
            cachedSecond = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1_000);
        text.append(cached.prefix).append('.')
                .append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10))
                .append('Z');
    }

    private record CachedSecond(long epochSecond, String prefix) {
    }
}
