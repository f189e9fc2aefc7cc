package spotfleet.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings from application.yaml and the environment, and the messages bad values get. */
class AppSettingsTest {

    @Test
    void applicationYamlGivesTheDocumentedDefaults() {
        // when
        AppSettings settings = AppSettings.from(AppConfig.load(Map.of()));

        // then
        assertEquals(AppSettings.defaults(), settings);
        assertEquals(new AppSettings("0.0.0.0", 5000, List.of("*"), Duration.ofSeconds(10), Duration.ofSeconds(3), true),
                     settings);
    }

    @Test
    void environmentVariablesOverrideApplicationYaml() {
        // given
        Map<String, String> environment = Map.of("PORT", "8080",
                                                  "HOST", "127.0.0.1",
                                                  "CORS_ALLOWED_ORIGINS", "https://a.example.com, http://localhost:3000",
                                                  "SHUTDOWN_GRACE_SECONDS", "25",
                                                  "SHUTDOWN_DRAIN_SECONDS", "2.5",
                                                  "REQUEST_LOG_ENABLED", "false");

        // when
        AppSettings settings = AppSettings.from(AppConfig.load(environment));

        // then
        assertEquals(new AppSettings("127.0.0.1", 8080, List.of("https://a.example.com", "http://localhost:3000"),
                                     Duration.ofSeconds(25), Duration.ofMillis(2500), false),
                     settings);
    }

    @Test
    void missingKeysKeepTheirDefaults() {
        // when
        AppSettings settings = AppSettings.from(Config.just(ConfigSources.create(Map.of("server.port", "0"))));

        // then
        assertEquals(AppSettings.defaults().host(), settings.host());
        assertEquals(0, settings.port());
        assertEquals(AppSettings.defaults().shutdownGrace(), settings.shutdownGrace());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PORT|abc|server.port (env PORT) (\"abc\") must be a whole number from 0 to 65535",
            "PORT|70000|server.port (env PORT) (70000) must be from 0 to 65535",
            "PORT|-1|server.port (env PORT) (-1) must be from 0 to 65535",
            "HOST|' '|server.host (env HOST) must not be blank",
            "SHUTDOWN_GRACE_SECONDS|ten|app.shutdown.grace-seconds (env SHUTDOWN_GRACE_SECONDS) (\"ten\") must be a number of seconds, e.g. 10 or 2.5",
            "SHUTDOWN_GRACE_SECONDS|0|app.shutdown.grace-seconds (env SHUTDOWN_GRACE_SECONDS) (0s) must be more than 0 and at most 3600s",
            "SHUTDOWN_GRACE_SECONDS|2|app.shutdown.drain-seconds (env SHUTDOWN_DRAIN_SECONDS) (3s) must be less than app.shutdown.grace-seconds (env SHUTDOWN_GRACE_SECONDS) (2s)",
            "SHUTDOWN_DRAIN_SECONDS|-1|app.shutdown.drain-seconds (env SHUTDOWN_DRAIN_SECONDS) (-1s) must not be negative",
            "SHUTDOWN_DRAIN_SECONDS|0.0005|app.shutdown.drain-seconds (env SHUTDOWN_DRAIN_SECONDS) (\"0.0005\") must be a number of seconds, e.g. 10 or 2.5",
            "REQUEST_LOG_ENABLED|yes|app.request-log.enabled (env REQUEST_LOG_ENABLED) (\"yes\") must be true or false",
            "CORS_ALLOWED_ORIGINS|''|app.cors.allowed-origins (env CORS_ALLOWED_ORIGINS) entry \"\" is not an origin: expected scheme://host[:port] with no path, e.g. https://www.example.com",
            "CORS_ALLOWED_ORIGINS|https://a.example.com/|app.cors.allowed-origins (env CORS_ALLOWED_ORIGINS) entry \"https://a.example.com/\" is not an origin: expected scheme://host[:port] with no path, e.g. https://www.example.com",
            "CORS_ALLOWED_ORIGINS|www.example.com|app.cors.allowed-origins (env CORS_ALLOWED_ORIGINS) entry \"www.example.com\" is not an origin: expected scheme://host[:port] with no path, e.g. https://www.example.com",
            "CORS_ALLOWED_ORIGINS|ftp://a.example.com|app.cors.allowed-origins (env CORS_ALLOWED_ORIGINS) entry \"ftp://a.example.com\" is not an origin: expected scheme://host[:port] with no path, e.g. https://www.example.com",
            "CORS_ALLOWED_ORIGINS|'*, https://a.example.com'|app.cors.allowed-origins (env CORS_ALLOWED_ORIGINS) [*, https://a.example.com] mixes * (any origin) with specific origins; give one or the other",
    })
    void badValuesAreRefusedNamingTheKeyTheVariableAndTheValue(String variable, String value, String message) {
        // given
        Config config = AppConfig.load(Map.of(variable, value));

        // when
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AppSettings.from(config));

        // then
        assertEquals(message, error.getMessage());
    }
}
