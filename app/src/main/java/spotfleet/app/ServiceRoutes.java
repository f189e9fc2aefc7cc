package spotfleet.app;

import java.nio.charset.StandardCharsets;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The seed server's two routes, answered the way aiohttp answers them: GET and HEAD served,
 * OPTIONS describing the route (and completing CORS pre-flights), any other method 405 with Allow.
 */
final class ServiceRoutes implements HttpService {
    static final String HELLO_PATH = "/";
    static final String HEALTH_PATH = "/healthcheck";
    static final String HELLO_BODY = "<h1>HELLO WORLD</h1>";
    static final String HEALTHY_BODY = "\"Healthy\"";
    static final String DRAINING_BODY = "\"Draining\"";
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

    private static final Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    private static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header ALLOW = HeaderValues.createCached(HeaderNames.ALLOW, ALLOWED_METHODS);
    private static final Header NO_CACHE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL,
                                                                     "no-cache, no-store, must-revalidate");
    private static final Header PRAGMA_NO_CACHE = HeaderValues.createCached(HeaderNames.PRAGMA, "no-cache");
    private static final Header EXPIRES_NOW = HeaderValues.createCached(HeaderNames.EXPIRES, "0");

    private static final byte[] HELLO = HELLO_BODY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEALTHY = HEALTHY_BODY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] DRAINING = DRAINING_BODY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] METHOD_NOT_ALLOWED = "405: Method Not Allowed".getBytes(StandardCharsets.UTF_8);

    private final Draining draining;

    ServiceRoutes(Draining draining) {
        this.draining = draining;
    }

    @Override
    public void routing(HttpRules rules) {
        resource(rules, HELLO_PATH, this::hello);
        resource(rules, HEALTH_PATH, this::health);
    }

    /** Routes in order: the first match wins, so the 405 catch-all comes last. */
    private static void resource(HttpRules rules, String path, Handler getOrHead) {
        rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact(path), getOrHead)
                .options(path, ServiceRoutes::options)
                .any(path, ServiceRoutes::methodNotAllowed);
    }

    private void hello(ServerRequest req, ServerResponse res) {
        res.header(HTML);
        send(req, res, HELLO);
    }

    private void health(ServerRequest req, ServerResponse res) {
        // load balancers and proxies must see the current state, never a cached one
        res.header(JSON).header(NO_CACHE).header(PRAGMA_NO_CACHE).header(EXPIRES_NOW);
        if (draining.isDraining()) {
            res.status(Status.SERVICE_UNAVAILABLE_503);
            send(req, res, DRAINING);
        } else {
            send(req, res, HEALTHY);
        }
    }

    /** Plain OPTIONS lists the methods; for a CORS pre-flight, CorsFeature has already added its headers. */
    private static void options(ServerRequest req, ServerResponse res) {
        res.header(ALLOW).send();
    }

    private static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        res.status(Status.METHOD_NOT_ALLOWED_405)
                .header(ALLOW)
                .header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN)
                .send(METHOD_NOT_ALLOWED);
    }

    /** HEAD gets GET's headers, Content-Length included, and no body. */
    private static void send(ServerRequest req, ServerResponse res, byte[] body) {
        if (req.prologue().method() == Method.HEAD) {
            res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, body.length)).send();
        } else {
            res.send(body);
        }
    }
}
