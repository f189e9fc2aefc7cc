package spotfleet.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * The service's settings, parsed and validated once at start-up: a bad value stops the service
 * before it listens, with a message naming the key, its environment variable and the value.
 *
 * @param host               address to listen on; default {@code 0.0.0.0}
 * @param port               port to listen on, 0 for any free port; default 5000
 * @param corsAllowedOrigins {@code ["*"]} for any origin, or exact origins; default any
 * @param shutdownGrace      most time from SIGTERM to exit; default 10 s
 * @param drainDelay         time after SIGTERM during which new connections are still served
 *                           (with /healthcheck at 503); default 3 s, must be below the grace
 * @param requestLog         one JSON line per request on stdout; default on
 */
record AppSettings(String host,
                   int port,
                   List<String> corsAllowedOrigins,
                   Duration shutdownGrace,
                   Duration drainDelay,
                   boolean requestLog) {

    static final String ANY_ORIGIN = "*";
    private static final Duration LONGEST_GRACE = Duration.ofHours(1);
    /** Whole seconds with up to three decimals (milliseconds); BigDecimal would cost milliseconds of start-up. */
    private static final Pattern SECONDS = Pattern.compile("(-?)(\\d{1,9})(?:\\.(\\d{1,3})0*)?");

    AppSettings {
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        require(!host.isBlank(), Setting.HOST + " must not be blank");
        require(port >= 0 && port <= 65535, Setting.PORT + " (" + port + ") must be from 0 to 65535");
        validateOrigins(corsAllowedOrigins);
        require(shutdownGrace.isPositive() && shutdownGrace.compareTo(LONGEST_GRACE) <= 0,
                Setting.SHUTDOWN_GRACE_SECONDS + " (" + seconds(shutdownGrace) + ") must be more than 0 and at most "
                        + seconds(LONGEST_GRACE));
        require(!drainDelay.isNegative(), Setting.SHUTDOWN_DRAIN_SECONDS + " (" + seconds(drainDelay) + ") must not be negative");
        require(drainDelay.compareTo(shutdownGrace) < 0,
                Setting.SHUTDOWN_DRAIN_SECONDS + " (" + seconds(drainDelay) + ") must be less than "
                        + Setting.SHUTDOWN_GRACE_SECONDS + " (" + seconds(shutdownGrace) + ")");
    }

    /** The defaults application.yaml also spells out. */
    static AppSettings defaults() {
        return new AppSettings("0.0.0.0", 5000, List.of(ANY_ORIGIN), Duration.ofSeconds(10), Duration.ofSeconds(3), true);
    }

    /** Reads the settings from config; a missing key keeps its default. */
    static AppSettings from(Config config) {
        AppSettings defaults = defaults();
        return new AppSettings(
                text(config, Setting.HOST).orElse(defaults.host()),
                text(config, Setting.PORT).map(AppSettings::parsePort).orElse(defaults.port()),
                origins(config).orElse(defaults.corsAllowedOrigins()),
                text(config, Setting.SHUTDOWN_GRACE_SECONDS).map(value -> parseSeconds(Setting.SHUTDOWN_GRACE_SECONDS, value))
                        .orElse(defaults.shutdownGrace()),
                text(config, Setting.SHUTDOWN_DRAIN_SECONDS).map(value -> parseSeconds(Setting.SHUTDOWN_DRAIN_SECONDS, value))
                        .orElse(defaults.drainDelay()),
                text(config, Setting.REQUEST_LOG_ENABLED).map(AppSettings::parseSwitch).orElse(defaults.requestLog()));
    }

    AppSettings withCorsAllowedOrigins(List<String> origins) {
        return new AppSettings(host, port, origins, shutdownGrace, drainDelay, requestLog);
    }

    AppSettings withListener(String listenHost, int listenPort) {
        return new AppSettings(listenHost, listenPort, corsAllowedOrigins, shutdownGrace, drainDelay, requestLog);
    }

    AppSettings withShutdown(Duration grace, Duration drain) {
        return new AppSettings(host, port, corsAllowedOrigins, grace, drain, requestLog);
    }

    boolean anyOriginAllowed() {
        return corsAllowedOrigins.equals(List.of(ANY_ORIGIN));
    }

    private static Optional<String> text(Config config, Setting setting) {
        return config.get(setting.key).asString().asOptional().map(String::trim);
    }

    /**
     * One comma-separated string, as an environment variable gives it, or else a YAML list. The string is
     * looked at first: a higher-priority source's value must win over application.yaml's list.
     */
    private static Optional<List<String>> origins(Config config) {
        Optional<List<String>> fromText = text(config, Setting.CORS_ALLOWED_ORIGINS)
                .map(value -> Arrays.stream(value.split(",", -1)).map(String::trim).toList());
        if (fromText.isPresent()) {
            return fromText;
        }
        Config node = config.get(Setting.CORS_ALLOWED_ORIGINS.key);
        return node.isList()
                ? Optional.of(node.asList(String.class).get().stream().map(String::trim).toList())
                : Optional.empty();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Setting.PORT + " (\"" + value + "\") must be a whole number from 0 to 65535");
        }
    }

    private static Duration parseSeconds(Setting setting, String value) {
        Matcher matcher = SECONDS.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(setting + " (\"" + value + "\") must be a number of seconds, e.g. 10 or 2.5");
        }
        String fraction = matcher.group(3) == null ? "" : matcher.group(3);
        long millis = Long.parseLong(matcher.group(2)) * 1_000 + Long.parseLong((fraction + "000").substring(0, 3));
        return Duration.ofMillis(matcher.group(1).isEmpty() ? millis : -millis);
    }

    private static boolean parseSwitch(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(Setting.REQUEST_LOG_ENABLED + " (\"" + value + "\") must be true or false");
        };
    }

    private static void validateOrigins(List<String> origins) {
        require(!origins.isEmpty(), Setting.CORS_ALLOWED_ORIGINS + " must list at least one origin, or " + ANY_ORIGIN);
        if (origins.contains(ANY_ORIGIN)) {
            require(origins.size() == 1, Setting.CORS_ALLOWED_ORIGINS + " " + origins + " mixes " + ANY_ORIGIN
                    + " (any origin) with specific origins; give one or the other");
            return;
        }
        for (String origin : origins) {
            require(isOrigin(origin), Setting.CORS_ALLOWED_ORIGINS + " entry \"" + origin
                    + "\" is not an origin: expected scheme://host[:port] with no path, e.g. https://www.example.com");
        }
    }

    /** Browsers send Origin as scheme://host[:port], exactly; anything else would never match. */
    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** 10s, 2.5s, 0.001s: the way the settings are written. */
    private static String seconds(Duration duration) {
        long millis = Math.abs(duration.toMillis());
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "").append(millis / 1_000);
        if (millis % 1_000 != 0) {
            text.append('.').append(Long.toString(1_000 + millis % 1_000).substring(1).replaceAll("0+$", ""));
        }
        return text.append('s').toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
