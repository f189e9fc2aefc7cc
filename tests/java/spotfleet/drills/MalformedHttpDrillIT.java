package spotfleet.drills;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input: the malformed-request corpus ({@link MalformedRequests}) against one copy of the service, each case on
 * its own connection with a bounded wait. Every case must get a 4xx or a closed connection, never a 5xx, a 2xx or
 * silence, except where it names the statuses it expects (a method the service does not implement gets 501, as RFC 9110
 * says); the service must stay up and healthy, and log no error of its own.
 */
class MalformedHttpDrillIT {

    static final int MIN_CASES = 200;
    /** Long enough for a 1 MB request on a busy machine; a server that takes longer is hanging. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SLOW_CLIENT_PAUSE = Duration.ofMillis(20);
    static final int PARALLEL_CLIENTS = 16;

    @Test
    void everyMalformedRequestGetsA4xxOrAClosedConnectionAndTheServiceStaysHealthy() throws Exception {
        // given
        var corpus = MalformedRequests.all();
        assertThat(corpus).extracting(MalformedRequests.Case::name).doesNotHaveDuplicates();
        try (var service = ServiceInstance.start("service", Map.of())) {
            var port = service.port();

            // when
            var results = new ArrayList<RawExchange.Result>();
            try (var clients = Executors.newFixedThreadPool(PARALLEL_CLIENTS)) {
                var sent = new ArrayList<Future<RawExchange.Result>>();
                for (var request : corpus) {
                    sent.add(clients.submit(() -> RawExchange.send(port, request.parts(),
                            request.slow() ? SLOW_CLIENT_PAUSE : Duration.ZERO, READ_TIMEOUT)));
                }
                for (var result : sent) {
                    results.add(result.get());
                }
            }
            var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthcheck"))
                    .timeout(READ_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());

            // then
            var outcomes = new TreeMap<String, Integer>();
            var byCategory = new TreeMap<String, Integer>();
            var wrong = new ArrayList<String>();
            var injected = new ArrayList<String>();
            for (int i = 0; i < corpus.size(); i++) {
                var request = corpus.get(i);
                var result = results.get(i);
                var right = request.expected().isEmpty() ? result.refused() : result.answered(request.expected());
                outcomes.merge(right ? result.outcome() : "WRONG: " + result.outcome(), 1, Integer::sum);
                byCategory.merge(request.category(), 1, Integer::sum);
                if (!right) {
                    wrong.add("%s / %s: %s".formatted(request.category(), request.name(), result.outcome()));
                }
                result.headers().stream().filter(h -> h.regionMatches(true, 0, MalformedRequests.INJECTED_HEADER, 0,
                        MalformedRequests.INJECTED_HEADER.length())).forEach(h -> injected.add(request.name() + ": " + h));
            }
            var report = new DrillReport("malformed-http")
                    .add("cases", corpus.size());
            byCategory.forEach((category, count) -> report.add("  " + category, count));
            outcomes.forEach((outcome, count) -> report.add("outcome " + outcome, count));
            report.add("service alive afterwards", service.isAlive())
                    .add("/healthcheck afterwards", health.statusCode())
                    .add("requests the service answered 5xx (its log)", service.serverErrorsLogged())
                    .add("ERROR lines in its log", service.errorLines().size())
                    .publish();

            assertThat(corpus).hasSizeGreaterThanOrEqualTo(MIN_CASES);
            assertThat(wrong).as("requests that got something other than a 4xx or a closed connection").isEmpty();
            assertThat(injected).as("headers smuggled into a response").isEmpty();
            assertThat(service.isAlive()).as("the service is still running").isTrue();
            assertThat(health.statusCode()).as("/healthcheck after the corpus").isEqualTo(200);
            assertThat(service.serverErrorsLogged()).as("requests the service logged with a 5xx").isZero();
            assertThat(service.errorLines()).as("errors the service logged").isEmpty();
        }
    }
}
