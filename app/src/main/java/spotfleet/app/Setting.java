package spotfleet.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's own settings: each config key in application.yaml and the environment variable that
 * overrides it. Container platforms set plain names such as {@code PORT}, which Helidon's generic
 * environment mapping ({@code SERVER_PORT}) would not pick up, hence this explicit table.
 */
enum Setting {
    HOST("server.host", "HOST"),
    PORT("server.port", "PORT"),
    CORS_ALLOWED_ORIGINS("app.cors.allowed-origins", "CORS_ALLOWED_ORIGINS"),
    SHUTDOWN_GRACE_SECONDS("app.shutdown.grace-seconds", "SHUTDOWN_GRACE_SECONDS"),
    SHUTDOWN_DRAIN_SECONDS("app.shutdown.drain-seconds", "SHUTDOWN_DRAIN_SECONDS"),
    REQUEST_LOG_ENABLED("app.request-log.enabled", "REQUEST_LOG_ENABLED");

    final String key;
    final String envVar;

    Setting(String key, String envVar) {
        this.key = key;
        this.envVar = envVar;
    }

    /** The config entries the given environment sets, keyed by config key. */
    static Map<String, String> overridesFrom(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Setting setting : values()) {
            String value = environment.get(setting.envVar);
            if (value != null) {
                overrides.put(setting.key, value);
            }
        }
        return overrides;
    }

    /** How error messages name the setting, so the reader finds it whichever way they set it. */
    @Override
    public String toString() {
        return key + " (env " + envVar + ")";
    }
}
