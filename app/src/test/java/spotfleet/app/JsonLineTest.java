package spotfleet.app;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-rolled JSON must stay valid JSON whatever a client puts in a path or header. */
class JsonLineTest {
    private static final long NOON = Instant.parse("2025-03-04T12:00:00.007Z").toEpochMilli();

    @Test
    void fieldsFollowTheTimestampLevelAndLogger() {
        // when
        String line = JsonLine.start(NOON, "INFO", "request").add("method", "GET").add("status", 200).end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:00.007Z\",\"level\":\"INFO\",\"logger\":\"request\","
                             + "\"method\":\"GET\",\"status\":200}", line);
    }

    @Test
    void millisecondsKeepMicrosecondPrecision() {
        // when
        String line = JsonLine.start(NOON, "INFO", "t")
                .addMillis("a", 1_234_567L)
                .addMillis("b", 5_000L)
                .addMillis("c", 12_000_000_000L)
                .end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:00.007Z\",\"level\":\"INFO\",\"logger\":\"t\","
                             + "\"a\":1.234,\"b\":0.005,\"c\":12000.000}", line);
    }

    @Test
    void stringsAreEscaped() {
        // when
        String line = JsonLine.start(NOON, "INFO", "t")
                .add("path", "/a\"b\\c\nd\re\tf\u0000g\u001fh\u007fi")
                .end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:00.007Z\",\"level\":\"INFO\",\"logger\":\"t\","
                             + "\"path\":\"/a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001fh\\u007fi\"}", line);
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        // when
        String line = JsonLine.start(NOON, "INFO", "t").add("s", "\uD83D\uDE00|\uD83D|\uDE00").end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:00.007Z\",\"level\":\"INFO\",\"logger\":\"t\","
                             + "\"s\":\"\uD83D\uDE00|\\ud83d|\\ude00\"}", line);
    }

    @Test
    void absentValuesAreLeftOut() {
        // when
        String line = JsonLine.start(NOON, "INFO", "t").add("traceId", null).end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:00.007Z\",\"level\":\"INFO\",\"logger\":\"t\"}", line);
    }

    @Test
    void timestampsFollowTheSecondBothWays() {
        // when: the cached second must change with the second, also going backwards
        String later = JsonLine.start(NOON + 1_000, "INFO", "t").end();
        String earlier = JsonLine.start(NOON - 8, "INFO", "t").end();

        // then
        assertEquals("{\"time\":\"2025-03-04T12:00:01.007Z\",\"level\":\"INFO\",\"logger\":\"t\"}", later);
        assertEquals("{\"time\":\"2025-03-04T11:59:59.999Z\",\"level\":\"INFO\",\"logger\":\"t\"}", earlier);
    }
}
