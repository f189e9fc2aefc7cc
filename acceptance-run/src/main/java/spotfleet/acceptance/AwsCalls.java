package spotfleet.acceptance;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every AWS call of the run. STS, ECS and CloudWatch through the AWS SDK for Java v2. FIS has no SDK module the project
 * can use (software.amazon.awssdk:fis is not on this project's registry), so its two calls (StartExperiment,
 * GetExperiment: rest-json, botocore's fis model) are built here and signed with the SDK's own SigV4 signer. Endpoints
 * and credentials come from the SDK's standard chain: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_&lt;SERVICE&gt; point every
 * client elsewhere (the tests' stand-in endpoints), as they do for the SDK's own clients.
 */
final class AwsCalls implements AutoCloseable {

    private final String region;
    private final Map<String, String> env;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final StsClient sts;
    private final EcsClient ecs;
    private final CloudWatchClient cloudWatch;

    AwsCalls(String region, Map<String, String> env) {
        this.region = region;
        this.env = env;
        var awsRegion = Region.of(region);
        sts = StsClient.builder().region(awsRegion).httpClient(http).credentialsProvider(credentials).build();
        ecs = EcsClient.builder().region(awsRegion).httpClient(http).credentialsProvider(credentials).build();
        cloudWatch = CloudWatchClient.builder().region(awsRegion).httpClient(http).credentialsProvider(credentials).build();
    }

    /** The account the credentials belong to (STS GetCallerIdentity: needs no permission). */
    String callerAccount() {
        return sts.getCallerIdentity().account();
    }

    /** FIS StartExperiment: the experiment's id. */
    String startExperiment(String templateId, String stackName) {
        var body = new JsonObject();
        body.addProperty("clientToken", UUID.randomUUID().toString());
        body.addProperty("experimentTemplateId", templateId);
        var tags = new JsonObject();
        tags.addProperty("spotfleet:acceptance", stackName);
        body.add("tags", tags);
        var answer = fis(SdkHttpMethod.POST, "/experiments", body.toString());
        return answer.getAsJsonObject("experiment").get("id").getAsString();
    }

    /** FIS GetExperiment: its state, and when its action started and ended. */
    Experiment experiment(String id) {
        var experiment = fis(SdkHttpMethod.GET, "/experiments/" + id, null).getAsJsonObject("experiment");
        var state = experiment.getAsJsonObject("state");
        Optional<Instant> actionStart = Optional.empty();
        Optional<Instant> actionEnd = Optional.empty();
        if (experiment.has("actions")) {
            for (var action : experiment.getAsJsonObject("actions").entrySet()) {
                var a = action.getValue().getAsJsonObject();
                actionStart = a.has("startTime") ? Optional.of(fisTime(a.get("startTime").getAsDouble())) : actionStart;
                actionEnd = a.has("endTime") ? Optional.of(fisTime(a.get("endTime").getAsDouble())) : actionEnd;
            }
        }
        return new Experiment(id, state.get("status").getAsString(),
                state.has("reason") ? state.get("reason").getAsString() : "", actionStart, actionEnd);
    }

    /** The service's deployments and counts (ECS DescribeServices). */
    ServiceState service(String cluster, String service) {
        var described = ecs.describeServices(r -> r.cluster(cluster).services(service));
        if (described.services().isEmpty()) {
            throw new IllegalStateException("ECS does not know the service %s in %s: %s".formatted(service, cluster,
                    described.failures()));
        }
        var s = described.services().getFirst();
        var rollouts = s.deployments().stream().map(d -> d.rolloutStateAsString() == null ? "" : d.rolloutStateAsString()).toList();
        return new ServiceState(s.desiredCount(), s.runningCount(), s.deployments().size(), rollouts);
    }

    /**
     * The load balancer's own counts for [from, to), per minute, summed: HTTPCode_ELB_5XX_Count,
     * HTTPCode_Target_5XX_Count, RequestCount, and the maximum of TargetResponseTime's p99 (seconds).
     */
    Map<String, Double> loadBalancerCounts(String loadBalancerDimension, Instant from, Instant to) {
        var metrics = new LinkedHashMap<String, String>();
        metrics.put("elb5xx", "HTTPCode_ELB_5XX_Count");
        metrics.put("target5xx", "HTTPCode_Target_5XX_Count");
        metrics.put("requests", "RequestCount");
        var queries = new java.util.ArrayList<MetricDataQuery>();
        metrics.forEach((id, name) -> queries.add(query(id, name, "Sum", loadBalancerDimension)));
        queries.add(query("p99", "TargetResponseTime", "p99", loadBalancerDimension));
        var answer = cloudWatch.getMetricData(r -> r.startTime(from).endTime(to).metricDataQueries(queries));
        var totals = new LinkedHashMap<String, Double>();
        for (var result : answer.metricDataResults()) {
            var values = result.values();
            totals.put(result.id(), result.id().equals("p99")
                    ? values.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    : values.stream().mapToDouble(Double::doubleValue).sum());
        }
        return totals;
    }

    private static MetricDataQuery query(String id, String metric, String stat, String loadBalancer) {
        return MetricDataQuery.builder().id(id).metricStat(MetricStat.builder()
                .metric(Metric.builder().namespace("AWS/ApplicationELB").metricName(metric)
                        .dimensions(d -> d.name("LoadBalancer").value(loadBalancer)).build())
                .period(60).stat(stat).build()).build();
    }

    /** FIS's timestamps: rest-json's default, epoch seconds. */
    private static Instant fisTime(double seconds) {
        return Instant.ofEpochMilli((long) (seconds * 1000));
    }

    private JsonObject fis(SdkHttpMethod method, String path, String body) {
        var endpoint = URI.create(env.getOrDefault("AWS_ENDPOINT_URL_FIS",
                env.getOrDefault("AWS_ENDPOINT_URL", "https://fis.%s.amazonaws.com".formatted(region))));
        var request = SdkHttpRequest.builder().method(method).uri(endpoint.resolve(path))
                .putHeader("Content-Type", "application/json").build();
        var payload = body == null ? null : ContentStreamProvider.fromUtf8String(body);
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(payload)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "fis")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            var response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            var text = response.responseBody().isPresent()
                    ? new String(response.responseBody().get().readAllBytes(), StandardCharsets.UTF_8) : "";
            if (!response.httpResponse().isSuccessful()) {
                throw new IllegalStateException("FIS %s %s answered %d: %s".formatted(method, path,
                        response.httpResponse().statusCode(), text));
            }
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("FIS %s %s: %s".formatted(method, path, e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        sts.close();
        ecs.close();
        cloudWatch.close();
        http.close();
        credentials.close();
    }

    /** A FIS experiment as GetExperiment shows it. */
    record Experiment(String id, String status, String reason, Optional<Instant> actionStart, Optional<Instant> actionEnd) {
        boolean finished() {
            return List.of("completed", "stopped", "failed", "cancelled").contains(status);
        }
    }

    /** An ECS service's counts, and each deployment's rollout state (IN_PROGRESS, COMPLETED, FAILED). */
    record ServiceState(int desired, int running, int deployments, List<String> rolloutStates) {
        boolean steady() {
            return deployments == 1 && running == desired && rolloutStates.equals(List.of("COMPLETED"));
        }
    }
}
