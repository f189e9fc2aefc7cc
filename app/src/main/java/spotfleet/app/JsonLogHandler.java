package spotfleet.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Sends java.util.logging records (Helidon's own start-up and error messages) to stdout as JSON
 * lines, through the same writer as the request log so lines never interleave.
 */
final class JsonLogHandler extends Handler {
    private static final SimpleFormatter MESSAGE_FORMATTER = new SimpleFormatter();
    private final StdoutLines out;

    JsonLogHandler(StdoutLines out) {
        this.out = out;
    }

    /**
     * Makes this the only root handler, at INFO, unless the operator pointed
     * {@code java.util.logging.config.file} at a configuration of their own.
     */
    static synchronized void installUnlessConfigured(StdoutLines out) {
        Logger root = Logger.getLogger("");
        if (System.getProperty("java.util.logging.config.file") != null
                || Arrays.stream(root.getHandlers()).anyMatch(JsonLogHandler.class::isInstance)) {
            return;
        }
        LogManager.getLogManager().reset();
        root.setLevel(Level.INFO);
        root.addHandler(new JsonLogHandler(out));
    }

    @Override
    public void publish(LogRecord logRecord) {
        if (!isLoggable(logRecord)) {
            return;
        }
        out.println(JsonLine.start(logRecord.getMillis(), levelName(logRecord.getLevel()), logRecord.getLoggerName())
                .add("msg", MESSAGE_FORMATTER.formatMessage(logRecord))
                .add("error", stackTrace(logRecord.getThrown()))
                .end());
    }

    @Override
    public void flush() {
        // lines are written by StdoutLines' own thread
    }

    @Override
    public void close() {
        // stdout stays open for the rest of the process
    }

    /** The names Logs Insights users filter on, instead of JUL's SEVERE/FINE. */
    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /**
     * Helidon's hook for logging set-up (registered in META-INF/services): without one, Helidon prints
     * a plain-text notice to stderr, and whichever code logs first gets JSON either way.
     */
    public static final class Provider implements LoggingProvider {
        @Override
        public void initialization() {
            installUnlessConfigured(StdoutLines.shared());
        }

        @Override
        public void runTime() {
            installUnlessConfigured(StdoutLines.shared());
        }
    }
}
