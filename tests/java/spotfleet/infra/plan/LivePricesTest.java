package spotfleet.infra.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import spotfleet.contract.ServiceModels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --cost --live} against a stand-in for the two AWS APIs on 127.0.0.1, with the real SDK pieces pointed at it: the
 * Price List call signed by the SDK's SigV4 signer (JSON 1.1) and EC2's Ec2Client (the EC2 query protocol, XML). The
 * stand-in answers in the APIs' own shapes, checked here against botocore's models (the newest on the machine) and
 * built like AWS's own examples in them: pricing/2017-10-15/examples-1.json's GetProducts output (each PriceList item a
 * product as a JSON string) and ec2/2016-11-15/examples-1.json's DescribeSpotPriceHistory output, serialised as the EC2
 * protocol does (spotPriceHistorySet of item elements, the members' locationNames).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePricesTest {

    static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    static final AwsCredentialsProvider KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    /** The elements of a DescribeSpotPriceHistory answer, each a locationName of botocore's ec2 model. */
    static final List<String> SPOT_ELEMENTS = List.of("spotPriceHistorySet", "item", "instanceType", "productDescription", "spotPrice",
            "timestamp", "availabilityZone", "nextToken", "requestId");

    record Request(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse("");
        }
    }

    Plan dev;
    HttpServer server;
    final List<Request> pricingRequests = new CopyOnWriteArrayList<>();
    final List<Request> ec2Requests = new CopyOnWriteArrayList<>();
    Function<JsonObject, Answer> pricing;
    Function<Map<String, String>, Answer> ec2;

    record Answer(int status, String contentType, String body) {
    }

    @BeforeAll
    void planDev() throws Exception {
        dev = Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "dev"));
    }

    @BeforeEach
    void startStandIn() throws IOException {
        pricingRequests.clear();
        ec2Requests.clear();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        pricing = request -> products(request);
        ec2 = form -> spotPrices(form);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var request = new Request(Map.copyOf(exchange.getRequestHeaders()), body);
        Answer answer;
        if (request.header("X-Amz-Target").equals(LivePrices.TARGET)) {
            pricingRequests.add(request);
            answer = pricing.apply(JsonParser.parseString(body).getAsJsonObject());
        } else {
            ec2Requests.add(request);
            answer = ec2.apply(form(body));
        }
        var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    LivePrices live(AwsCredentialsProvider credentials) {
        var endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new LivePrices(credentials, new LivePrices.Endpoints(endpoint, "us-east-1", endpoint), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void listAndSpotPricesAreReadLiveAndEachLineSaysWhereItsPricesCameFrom() {
        // given dev's estimate from the file
        var file = PriceList.committed();
        var offline = CostEstimate.of(dev, file, UsageAssumptions.defaultsOnly());
        // when
        LivePrices.Result read;
        try (var live = live(KEYS)) {
            read = live.read(offline, file);
        }
        var prices = file.with(read.prices());
        var estimate = CostEstimate.of(dev, prices, UsageAssumptions.defaultsOnly());
        var text = CostText.render(dev, estimate, prices, read.notes());
        // then: the load balancer's hour at the stand-in's price, said live
        var alb = line(estimate, "Application Load Balancer");
        assertThat(alb.origin()).isEqualTo("live");
        assertThat(alb.unverified()).isFalse();
        assertThat(alb.basis()).contains("$0.02521/hour");
        // the LCU price came from the second page (NextToken), past an Outposts decoy at $0
        assertThat(line(estimate, "load balancer capacity units").basis()).contains("$0.0081/LCU-hour");
        // the Spot group at the highest zone's current price, not the assumed discount
        var spot = line(estimate, "2 Spot t4g.micro");
        assertThat(spot.origin()).isEqualTo("live");
        assertThat(spot.basis()).contains("$0.0035/hour Spot").contains("eu-west-1a $0.003100").contains("eu-west-1b $0.003500");
        assertThat(estimate.spotSavings()).isCloseTo(2 * 730 * (0.0093 - 0.0035), org.assertj.core.data.Offset.offset(1e-9));
        // what has no lookup stays the file's, named
        assertThat(line(estimate, "dashboard").origin()).isEqualTo("file");
        assertThat(read.notes()).contains("dashboard: no Price List lookup for it here (file price)");
        assertThat(text).contains("live from AWS's Price List API").contains("Not read live, so from the price file:")
                .contains("  dashboard: no Price List lookup for it here (file price)");
        assertThat(CostText.lines(text)).anySatisfy(l -> assertThat(l).contains("loadbalancer-alb").contains(" live ")
                .contains("Application Load Balancer"));
        // and the calls were AWS's: JSON 1.1 to the Price List, signed for pricing in us-east-1
        assertThat(pricingRequests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("Content-Type")).isEqualTo(LivePrices.JSON_1_1);
            assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/pricing/aws4_request");
            var json = JsonParser.parseString(request.body()).getAsJsonObject();
            assertThat(json.get("FormatVersion").getAsString()).isEqualTo("aws_v1");
            assertThat(filters(json)).containsEntry("regionCode", "eu-west-1");
        });
        assertThat(ec2Requests).singleElement().satisfies(request -> {
            assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/ec2/aws4_request");
            var form = form(request.body());
            assertThat(form).containsEntry("Action", "DescribeSpotPriceHistory").containsEntry("Version", "2016-11-15")
                    .containsEntry("InstanceType.1", "t4g.micro").containsEntry("ProductDescription.1", "Linux/UNIX")
                    .containsEntry("StartTime", "2026-12-07T15:00:00Z").containsEntry("EndTime", "2026-12-07T15:00:00Z");
        });
    }

    @Test
    void aRefusedOrFailedCallFallsBackToTheFileSayingWhyForEveryPrice() {
        // given a Price List that refuses (as it does without pricing:GetProducts) and an EC2 that does too
        pricing = request -> new Answer(400, LivePrices.JSON_1_1,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: pricing:GetProducts\"}");
        ec2 = form -> new Answer(403, "text/xml;charset=UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                + "<Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors>"
                + "<RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>");
        var file = PriceList.committed();
        var offline = CostEstimate.of(dev, file, UsageAssumptions.defaultsOnly());
        // when
        LivePrices.Result read;
        try (var live = live(KEYS)) {
            read = live.read(offline, file);
        }
        var estimate = CostEstimate.of(dev, file.with(read.prices()), UsageAssumptions.defaultsOnly());
        // then: nothing live, one refused call and then no more, every price named with why
        assertThat(read.prices()).isEmpty();
        assertThat(pricingRequests).hasSize(1);
        assertThat(read.notes()).anySatisfy(note -> assertThat(note).contains("GetProducts refused: 400 AccessDeniedException: User is not"
                + " authorized to perform: pricing:GetProducts"));
        assertThat(read.notes()).anySatisfy(note -> assertThat(note).startsWith("applicationLoadBalancer: ")
                .containsAnyOf("not asked, GetProducts already refused", "GetProducts refused"));
        assertThat(read.notes()).anySatisfy(note -> assertThat(note).startsWith("Spot t4g.micro: DescribeSpotPriceHistory failed:")
                .contains("You are not authorized to perform this operation").endsWith("(assumed discounts)"));
        assertThat(estimate.lines()).allSatisfy(line -> assertThat(line.origin()).isEqualTo("file"));
        assertThat(line(estimate, "2 Spot t4g.micro").basis()).contains("less 60%");
    }

    @Test
    void withoutCredentialsItRefusesNamingWhatItLookedForAndCallsNothing() {
        // given a credential chain that finds nothing, as the SDK's default one reports it
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        var file = PriceList.committed();
        var offline = CostEstimate.of(dev, file, UsageAssumptions.defaultsOnly());
        // when / then
        try (var live = live(none)) {
            assertThatThrownBy(() -> live.read(offline, file)).isInstanceOf(LivePrices.NoCredentialsException.class)
                    .hasMessageContaining("--cost --live needs AWS credentials").hasMessageContaining("AWS_ACCESS_KEY_ID")
                    .hasMessageContaining("AWS_PROFILE").hasMessageContaining("Unable to load credentials");
        }
        assertThat(pricingRequests).isEmpty();
        assertThat(ec2Requests).isEmpty();
    }

    @Test
    void botocoresOwnGetProductsExampleItemIsReadAsItsPrice() throws Exception {
        // given AWS's example answer in botocore's pricing model (examples-1.json, "To retrieve a list of products")
        var models = ServiceModels.newest().directory();
        var examples = JsonParser.parseString(Files.readString(models.resolve("pricing/2017-10-15/examples-1.json"))).getAsJsonObject();
        var output = examples.getAsJsonObject("examples").getAsJsonArray("GetProducts").get(0).getAsJsonObject().getAsJsonObject("output");
        var item = output.getAsJsonArray("PriceList").get(0).getAsString();
        // when
        var found = LivePrices.product(item, new LivePrices.Lookup("AmazonEC2", Map.of(), "EBS:VolumeUsage.piops", "GB-Mo"));
        // then: "$0.138 per GB-month of Provisioned IOPS SSD (io1) provisioned storage - Canada (Central)"
        assertThat(found).hasValueSatisfying(price -> {
            assertThat(price.usd()).isEqualTo(0.138);
            assertThat(price.source()).contains("WQGC34PB2AWS8R4U", "CAN1-EBS:VolumeUsage.piops", "2017-09-01T18:22:01Z");
        });
        assertThat(LivePrices.product(item, new LivePrices.Lookup("AmazonEC2", Map.of(), "EBS:VolumeUsage.gp3", "GB-Mo"))).isEmpty();
        assertThat(LivePrices.product(item, new LivePrices.Lookup("AmazonEC2", Map.of(), "EBS:VolumeUsage.piops", "Hrs"))).isEmpty();
    }

    @Test
    void theStandInSpeaksTheApisShapesAsBotocoresModelsDefineThem() {
        // given the newest botocore models
        var models = ServiceModels.newest();
        var pricingModel = models.service("pricing").json();
        var ec2Model = models.service("ec2").json();
        // then: the Price List is JSON 1.1 under AWSPriceListService, GetProducts' members are what the stand-in and the
        // client use, and the list items are JSON values in strings
        var metadata = pricingModel.getAsJsonObject("metadata");
        assertThat(metadata.get("protocol").getAsString()).isEqualTo("json");
        assertThat(metadata.get("jsonVersion").getAsString()).isEqualTo("1.1");
        assertThat(metadata.get("targetPrefix").getAsString() + ".GetProducts").isEqualTo(LivePrices.TARGET);
        assertThat(metadata.get("signingName").getAsString()).isEqualTo("pricing");
        assertThat(metadata.get("endpointPrefix").getAsString()).isEqualTo("api.pricing");
        assertThat(LivePrices.Endpoints.fromEnvironment(Map.of()).pricing()).hasToString("https://api.pricing.us-east-1.amazonaws.com");
        var shapes = pricingModel.getAsJsonObject("shapes");
        assertThat(shapes.getAsJsonObject("GetProductsRequest").getAsJsonObject("members").keySet())
                .contains("ServiceCode", "Filters", "FormatVersion", "NextToken", "MaxResults");
        assertThat(shapes.getAsJsonObject("GetProductsResponse").getAsJsonObject("members").keySet())
                .containsExactlyInAnyOrder("FormatVersion", "PriceList", "NextToken");
        assertThat(shapes.getAsJsonObject("FilterType").getAsJsonArray("enum").toString()).contains("\"TERM_MATCH\"");
        var item = shapes.getAsJsonObject("GetProductsResponse").getAsJsonObject("members").getAsJsonObject("PriceList").get("shape").getAsString();
        var member = shapes.getAsJsonObject(item).getAsJsonObject("member");
        assertThat(member.get("jsonvalue").getAsBoolean()).isTrue();
        // and EC2 speaks its query protocol with the element names the stand-in writes
        assertThat(ec2Model.getAsJsonObject("metadata").get("protocol").getAsString()).isEqualTo("ec2");
        var names = new ArrayList<String>();
        var ec2Shapes = ec2Model.getAsJsonObject("shapes");
        for (var shape : List.of("DescribeSpotPriceHistoryResult", "SpotPrice")) {
            ec2Shapes.getAsJsonObject(shape).getAsJsonObject("members").entrySet()
                    .forEach(e -> names.add(e.getValue().getAsJsonObject().get("locationName").getAsString()));
        }
        assertThat(names).containsAll(SPOT_ELEMENTS.stream().filter(n -> !List.of("item", "requestId").contains(n)).toList());
        assertThat(ec2Shapes.getAsJsonObject("DescribeSpotPriceHistoryRequest").getAsJsonObject("members").keySet())
                .contains("InstanceTypes", "ProductDescriptions", "StartTime", "EndTime");
    }

    /** GetProducts answers: one product per price the dev stack reads, decoys that must not match, and one NextToken page. */
    private Answer products(JsonObject request) {
        var service = request.get("ServiceCode").getAsString();
        var filters = filters(request);
        var items = new ArrayList<String>();
        var next = (String) null;
        switch (service) {
            case "AWSELB" -> {
                if (!request.has("NextToken")) {
                    items.add(item("AWSELB", "EU-LoadBalancerUsage", "Hrs", "0.0252100000"));
                    items.add(item("AWSELB", "EU-Outposts-LCUUsage", "LCU-Hrs", "0.0000000000"));
                    items.add(item("AWSELB", "EU-TS-LoadBalancerUsage", "Hrs", "0.0050000000"));
                    next = "page-2";
                } else {
                    assertThat(request.get("NextToken").getAsString()).isEqualTo("page-2");
                    items.add(item("AWSELB", "EU-LCUUsage", "LCU-Hrs", "0.0081000000"));
                }
            }
            case "AmazonVPC" -> items.add(item("AmazonVPC", "EU-PublicIPv4:InUseAddress", "Hrs", "0.0050000000"));
            case "AmazonEC2" -> {
                if ("t4g.micro".equals(filters.get("instanceType"))) {
                    items.add(item("AmazonEC2", "EU-BoxUsage:t4g.micro", "Hrs", "0.0093000000"));
                } else if ("gp3".equals(filters.get("volumeApiName"))) {
                    items.add(item("AmazonEC2", "EU-EBS:VolumeUsage.gp3", "GB-Mo", "0.0880000000"));
                }
            }
            default -> {
            }
        }
        var answer = new JsonObject();
        answer.addProperty("FormatVersion", "aws_v1");
        var list = new JsonArray();
        items.forEach(list::add);
        answer.add("PriceList", list);
        if (next != null) {
            answer.addProperty("NextToken", next);
        }
        return new Answer(200, LivePrices.JSON_1_1, answer.toString());
    }

    /** A Price List item as botocore's GetProducts example has one: a product and its OnDemand terms, as JSON text. */
    static String item(String service, String usageType, String unit, String usd) {
        var sku = Integer.toHexString(usageType.hashCode()).toUpperCase();
        return """
                {"product":{"productFamily":"x","attributes":{"servicecode":"%1$s","usagetype":"%2$s","regionCode":"eu-west-1",\
                "location":"EU (Ireland)"},"sku":"%3$s"},"serviceCode":"%1$s","terms":{"OnDemand":{"%3$s.JRTCKXETXF":{"priceDimensions":\
                {"%3$s.JRTCKXETXF.6YS6EN2CT7":{"unit":"%4$s","endRange":"Inf","description":"a price","appliesTo":[],\
                "rateCode":"%3$s.JRTCKXETXF.6YS6EN2CT7","beginRange":"0","pricePerUnit":{"USD":"%5$s"}}},"sku":"%3$s",\
                "effectiveDate":"2026-11-01T00:00:00Z","offerTermCode":"JRTCKXETXF","termAttributes":{}}}},\
                "version":"20261201000000","publicationDate":"2026-12-01T00:00:00Z"}""".formatted(service, usageType, sku, unit, usd);
    }

    /** DescribeSpotPriceHistory's answer for t4g.micro in two zones, with an older price in one that must not count. */
    private Answer spotPrices(Map<String, String> form) {
        var rows = List.of(List.of("t4g.micro", "eu-west-1a", "0.003100", "2026-12-07T11:02:13.000Z"),
                List.of("t4g.micro", "eu-west-1a", "0.004900", "2026-12-01T08:00:00.000Z"),
                List.of("t4g.micro", "eu-west-1b", "0.003500", "2026-12-06T22:41:09.000Z"));
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeSpotPriceHistoryResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n"
                + "    <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>\n    <spotPriceHistorySet>\n");
        for (var row : rows) {
            xml.append("""
                            <item>
                                <instanceType>%s</instanceType>
                                <productDescription>Linux/UNIX</productDescription>
                                <spotPrice>%s</spotPrice>
                                <timestamp>%s</timestamp>
                                <availabilityZone>%s</availabilityZone>
                            </item>
                    """.formatted(row.get(0), row.get(2), row.get(3), row.get(1)));
        }
        xml.append("    </spotPriceHistorySet>\n    <nextToken/>\n</DescribeSpotPriceHistoryResponse>\n");
        return new Answer(200, "text/xml;charset=UTF-8", xml.toString());
    }

    private static Map<String, String> filters(JsonObject request) {
        var filters = new LinkedHashMap<String, String>();
        for (var filter : request.getAsJsonArray("Filters")) {
            var f = filter.getAsJsonObject();
            assertThat(f.get("Type").getAsString()).isEqualTo("TERM_MATCH");
            filters.put(f.get("Field").getAsString(), f.get("Value").getAsString());
        }
        return filters;
    }

    private static Map<String, String> form(String body) {
        var form = new LinkedHashMap<String, String>();
        for (var pair : body.split("&")) {
            var eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static CostEstimate.Line line(CostEstimate estimate, String what) {
        return estimate.lines().stream().filter(line -> line.what().equals(what)).findFirst().orElseThrow(() -> new AssertionError(
                "no line " + what + " in " + estimate.lines().stream().map(CostEstimate.Line::what).toList()));
    }
}
