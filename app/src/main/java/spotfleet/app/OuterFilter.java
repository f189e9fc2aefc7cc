package spotfleet.app;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;

/**
 * Runs a filter ahead of CorsFeature's (weight 850) and of the routes (100): features run by
 * descending weight, and a plain {@code addFilter} would come after CORS, missing the requests CORS refuses.
 *
 * @param filter the filter
 * @param weight its place: higher runs first
 */
record OuterFilter(Filter filter, double weight) implements HttpFeature, Weighted {
    @Override
    public void setup(HttpRouting.Builder routing) {
        routing.addFilter(filter);
    }
}
