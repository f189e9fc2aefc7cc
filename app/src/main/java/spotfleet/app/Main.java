package spotfleet.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerFeature;

/**
 * The spotfleet web service: the seed's hello-world and health routes with CORS, JSON request logs on
 * stdout and a graceful SIGTERM, on Helidon SE.
 */
public final class Main {
    static final int EXIT_BAD_CONFIG = 2;
    private static final double REQUEST_LOG_WEIGHT = 1000;
    private static final double CONNECTION_CLOSE_WEIGHT = 950;
    private static final double DRAINING_WEIGHT = 900;

    private Main() {
    }

    public static void main(String[] args) {
        StdoutLines out = StdoutLines.shared();
        JsonLogHandler.installUnlessConfigured(out);

        Config config;
        AppSettings settings;
        try {
            config = AppConfig.load(System.getenv());
            settings = AppSettings.from(config);
        } catch (IllegalArgumentException | ConfigException e) {
            out.println(JsonLine.event("ERROR", "invalid configuration").add("error", e.getMessage()).end());
            out.flush(1, TimeUnit.SECONDS);
            System.exit(EXIT_BAD_CONFIG);
            return;
        }

        Draining draining = new Draining();
        WebServer server = server(config, settings, draining);
        new GracefulShutdown(server, draining, settings, out).onSigterm();
        start(server, settings, out);
    }

    /** The server for these settings, ready to start. */
    static WebServer server(Config config, AppSettings settings, Draining draining) {
        WebServerConfig.Builder builder = WebServer.builder()
                .config(config.get("server"))
                .host(settings.host())
                .port(settings.port())
                // GracefulShutdown bounds the whole sequence by the grace; Helidon's own wait must not be shorter
                .shutdownGracePeriod(settings.shutdownGrace())
                .directHandlers(UnparsedRequestErrors.directHandlers());
        RequestMethods.install(builder, Http1Config.create(config.get("server.protocols.http_1_1")));
        configure(builder, settings, draining, requestLog(settings));
        return builder.build();
    }

    /** Starts listening, then says so on stdout with the port (which may have been picked by the system). */
    static void start(WebServer server, AppSettings settings, StdoutLines out) {
        server.start();
        out.println(JsonLine.event("INFO", "started")
                            .add("host", settings.host())
                            .add("port", server.port())
                            .add("corsAllowedOrigins", String.join(",", settings.corsAllowedOrigins()))
                            .add("requestLog", String.valueOf(settings.requestLog()))
                            .end());
    }

    /** Everything but the listener: the features and the routing, as the tests set them up too. */
    static void configure(WebServerConfig.Builder server,
                          AppSettings settings,
                          Draining draining,
                          Optional<RequestLog> requestLog) {
        // only the features declared here, whatever a library on the classpath offers to add
        server.featuresDiscoverServices(false)
                .features(features(settings))
                .routing(routing -> routing(routing, draining, requestLog));
    }

    static List<ServerFeature> features(AppSettings settings) {
        return List.of(CorsPolicy.feature(settings));
    }

    /** The service's routing with default settings (what the quick-start tests use). */
    public static void routing(HttpRouting.Builder routing) {
        routing(routing, new Draining(), requestLog(AppSettings.defaults()));
    }

    static void routing(HttpRouting.Builder routing, Draining draining, Optional<RequestLog> requestLog) {
        requestLog.ifPresent(log -> routing.addFeature(new OuterFilter(log, REQUEST_LOG_WEIGHT)));
        routing.addFeature(new OuterFilter(new ConnectionClose(), CONNECTION_CLOSE_WEIGHT))
                .addFeature(new OuterFilter(draining, DRAINING_WEIGHT))
                .addFilter(new StrictRequestGrammar())
                .addFilter(new ExposeResponseHeaders())
                .register(new ServiceRoutes(draining));
    }

    private static Optional<RequestLog> requestLog(AppSettings settings) {
        return settings.requestLog() ? Optional.of(new RequestLog(StdoutLines.shared())) : Optional.empty();
    }
}
