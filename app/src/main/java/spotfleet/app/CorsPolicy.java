package spotfleet.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.helidon.webserver.cors.CorsFeature;
import io.helidon.webserver.cors.CorsPathConfig;

/**
 * The seed's aiohttp_cors defaults through Helidon's CorsFeature: credentials allowed, every method and
 * requested header allowed, on every path; origins from settings (default any).
 * A disallowed origin gets 403 and no CORS headers, on pre-flights and on actual requests alike.
 */
final class CorsPolicy {
    /**
     * "Any origin" as Helidon's origin pattern rather than the literal {@code *}: with credentials the
     * browser needs its own origin echoed back (the Fetch standard rejects {@code *} there), and Helidon
     * refuses {@code *} combined with credentials, but echoes any origin a pattern matches.
     */
    static final String ANY_ORIGIN_PATTERN = ".*";
    /** How long browsers may cache a pre-flight answer: a pre-flight per call would double the requests. */
    static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private CorsPolicy() {
    }

    static CorsFeature feature(AppSettings settings) {
        List<String> origins = settings.anyOriginAllowed() ? List.of(ANY_ORIGIN_PATTERN) : settings.corsAllowedOrigins();
        return CorsFeature.builder()
                // not Helidon's default name "cors", which its service registry claims for a CorsFeature of its own
                .name("spotfleet-cors")
                .enabled(true)
                // Helidon's default entry allows any origin without credentials; ours replaces it
                .addDefaults(false)
                // only the path declared here; looking for more would start Helidon's service registry (tens of ms)
                .pathsDiscoverServices(false)
                .addPath(CorsPathConfig.builder()
                                 .pathPattern("/*")
                                 .allowOrigins(Set.copyOf(origins))
                                 .allowCredentials(true)
                                 .maxAge(PREFLIGHT_MAX_AGE)
                                 .build())
                .build();
    }
}
