package spotfleet.infra.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code ./plan <stack> --cost --live}: the prices an estimate uses, read now from AWS where it can be. List prices come
 * from the AWS Price List API ({@code pricing:GetProducts}, JSON 1.1, botocore's pricing model 2017-10-15: each
 * {@code PriceList} item is a product as a JSON string), Spot prices from EC2's {@code DescribeSpotPriceHistory} for the
 * stack's Spot instance types in its region. Both calls only read; the preview role's policy allows exactly them
 * ({@link #ACTIONS}). A price it cannot read live stays the price file's, with a note saying which and why: never a
 * silent fallback. Without credentials it refuses ({@link NoCredentialsException}) rather than guess.
 *
 * <p>The Price List API has no module on this project's registry (software.amazon.awssdk:pricing is not served), so its
 * call is built here and signed with the SDK's own SigV4 signer, as acceptance-run does for FIS; EC2 goes through the
 * SDK's Ec2Client. Both are the plan tool's only: nothing in the program's components or config uses this class or these
 * SDK modules.
 */
public final class LivePrices implements AutoCloseable {

    /** The price id of a live Spot price: {@code spot:<instance type>}. */
    static final String SPOT_PREFIX = "spot:";
    /** What these calls need in IAM; policies/preview-role.json allows exactly these for the cost estimate. */
    public static final List<String> ACTIONS = List.of("pricing:GetProducts", "ec2:DescribeSpotPriceHistory");
    /**
     * The Price List API answers in two regions only: "Amazon Web Services Price List service API provides the following
     * two endpoints: https://api.pricing.us-east-1.amazonaws.com, https://api.pricing.ap-south-1.amazonaws.com" (the
     * service's documentation as the AWS SDK for Rust's aws-sdk-pricing 0.24.0 carries it, docs.rs); botocore's model
     * gives the host prefix, api.pricing.
     */
    static final String PRICING_REGION = "us-east-1";
    static final String TARGET = "AWSPriceListService.GetProducts";
    static final String JSON_1_1 = "application/x-amz-json-1.1";
    /** Spot prices are those of Linux instances, the only operating system the stacks run. */
    static final List<String> PRODUCT_DESCRIPTIONS = List.of("Linux/UNIX", "Linux/UNIX (Amazon VPC)");
    private static final int MAX_PAGES = 10;

    /**
     * How a file price is found in the Price List: the service code, TERM_MATCH filters besides the region, the usage
     * type without its region prefix (a prefixed one like EU-Outposts-LCUUsage or EU-TS-LoadBalancerUsage is another
     * product) and the unit the price must be in.
     */
    record Lookup(String serviceCode, Map<String, String> filters, String usageType, String unit) {
    }

    /** The endpoints: the Price List API's and EC2's; a null EC2 endpoint is the SDK's own for the region. */
    public record Endpoints(URI pricing, String pricingRegion, URI ec2) {

        /** AWS's, or AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL_EC2 where set (the SDK's own variables). */
        static Endpoints fromEnvironment(Map<String, String> env) {
            var pricing = env.getOrDefault("AWS_ENDPOINT_URL_PRICING", "https://api.pricing.%s.amazonaws.com".formatted(PRICING_REGION));
            var ec2 = env.get("AWS_ENDPOINT_URL_EC2");
            return new Endpoints(URI.create(pricing), PRICING_REGION, ec2 == null ? null : URI.create(ec2));
        }
    }

    /** What was read live, and a note for every price that was not. */
    public record Result(List<PriceList.Price> prices, List<String> notes) {
    }

    /** No credentials: {@code --live} says what it looked for instead of pricing from the file as if asked to. */
    public static final class NoCredentialsException extends RuntimeException {
        NoCredentialsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AwsCredentialsProvider credentials;
    private final Endpoints endpoints;
    private final Clock clock;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    LivePrices(AwsCredentialsProvider credentials, Endpoints endpoints, Clock clock) {
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** With the SDK's default credential chain and AWS's endpoints (or the environment's overrides). */
    public static LivePrices fromEnvironment() {
        return new LivePrices(DefaultCredentialsProvider.builder().build(), Endpoints.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    /**
     * Live prices for what {@code estimate} (made from {@code file}) used: every price with a {@link #lookup} and the
     * current Spot price of each Spot type. Throws {@link NoCredentialsException} before any call when the chain finds none.
     */
    public Result read(CostEstimate estimate, PriceList file) {
        requireCredentials();
        var region = estimate.region();
        var prices = new ArrayList<PriceList.Price>();
        var notes = new ArrayList<String>();
        var used = new LinkedHashSet<String>();
        estimate.lines().forEach(line -> line.prices().forEach(price -> used.add(price.id())));
        String refused = null;
        for (var id : used) {
            var lookup = lookup(id);
            if (lookup.isEmpty()) {
                notes.add("%s: no Price List lookup for it here (file price)".formatted(id));
                continue;
            }
            if (refused != null) {
                notes.add("%s: not asked, GetProducts already refused: %s".formatted(id, refused));
                continue;
            }
            try {
                var found = find(lookup.get(), region);
                var filePrice = file.price(id, region);
                prices.add(new PriceList.Price(id, region, filePrice.unit(), found.usd(), found.source(), found.date(),
                        PriceList.Status.LIVE, null));
            } catch (NotFound e) {
                notes.add("%s: %s".formatted(id, e.getMessage()));
            } catch (Refused e) {
                refused = e.getMessage();
                notes.add("%s: GetProducts refused: %s".formatted(id, refused));
            } catch (RuntimeException e) {
                notes.add("%s: GetProducts failed: %s".formatted(id, e.getMessage()));
            }
        }
        if (!estimate.spotTypes().isEmpty()) {
            try {
                prices.addAll(spot(estimate.spotTypes(), region));
                estimate.spotTypes().stream().filter(type -> prices.stream().noneMatch(p -> p.id().equals(SPOT_PREFIX + type)))
                        .forEach(type -> notes.add("Spot %s: DescribeSpotPriceHistory has no %s price for it in %s (assumed discount)"
                                .formatted(type, String.join(" or ", PRODUCT_DESCRIPTIONS), region)));
            } catch (SdkException e) {
                notes.add("Spot %s: DescribeSpotPriceHistory failed: %s (assumed discounts)".formatted(String.join(", ",
                        estimate.spotTypes()), e.getMessage()));
            }
        }
        return new Result(List.copyOf(prices), List.copyOf(notes));
    }

    private void requireCredentials() {
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new NoCredentialsException(("--cost --live needs AWS credentials to call pricing:GetProducts and"
                    + " ec2:DescribeSpotPriceHistory, and the AWS SDK's default chain found none (it looks at AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, web identity, SSO, container and instance roles): %s."
                    + " Without --live the estimate uses the price file.").formatted(e.getMessage()), e);
        }
    }

    /** The Price List lookup of a price id of the file, if it has one. */
    static Optional<Lookup> lookup(String id) {
        if (id.startsWith("instance:")) {
            var type = id.substring("instance:".length());
            var filters = new LinkedHashMap<String, String>();
            filters.put("instanceType", type);
            filters.put("operatingSystem", "Linux");
            filters.put("tenancy", "Shared");
            filters.put("preInstalledSw", "NA");
            filters.put("capacitystatus", "Used");
            return Optional.of(new Lookup("AmazonEC2", filters, "BoxUsage:" + type, "Hrs"));
        }
        return Optional.ofNullable(switch (id) {
            case "natGateway" -> new Lookup("AmazonEC2", Map.of("productFamily", "NAT Gateway"), "NatGateway-Hours", "Hrs");
            case "natGatewayData" -> new Lookup("AmazonEC2", Map.of("productFamily", "NAT Gateway"), "NatGateway-Bytes", "GB");
            case "publicIpv4" -> new Lookup("AmazonVPC", Map.of("group", "VPCPublicIPv4Address"), "PublicIPv4:InUseAddress", "Hrs");
            case "applicationLoadBalancer" -> new Lookup("AWSELB", Map.of("productFamily", "Load Balancer-Application"),
                    "LoadBalancerUsage", "Hrs");
            case "loadBalancerCapacityUnit" -> new Lookup("AWSELB", Map.of("productFamily", "Load Balancer-Application"),
                    "LCUUsage", "LCU-Hrs");
            case "gp3Storage" -> new Lookup("AmazonEC2", Map.of("productFamily", "Storage", "volumeApiName", "gp3"),
                    "EBS:VolumeUsage.gp3", "GB-Mo");
            default -> null;
        });
    }

    /** A price found in the Price List, with where it came from. */
    record Found(double usd, String source, String date) {
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The one on-demand price the Price List has for {@code lookup} in {@code region}. */
    private Found find(Lookup lookup, String region) {
        var filters = new LinkedHashMap<String, String>();
        filters.put("regionCode", region);
        filters.putAll(lookup.filters());
        var matches = new TreeMap<String, Found>();
        String token = null;
        for (var page = 0; page < MAX_PAGES; page++) {
            var answer = getProducts(lookup.serviceCode(), filters, token);
            for (var item : answer.getAsJsonArray("PriceList")) {
                product(item.getAsString(), lookup).ifPresent(found -> matches.put(found.source(), found));
            }
            token = answer.has("NextToken") && !answer.get("NextToken").isJsonNull() ? answer.get("NextToken").getAsString() : null;
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        var distinct = matches.values().stream().map(Found::usd).distinct().toList();
        if (distinct.isEmpty()) {
            throw new NotFound("GetProducts(%s, %s) has no on-demand %s price in %s for usage type %s (file price)".formatted(
                    lookup.serviceCode(), filters, lookup.unit(), region, lookup.usageType()));
        }
        if (distinct.size() > 1) {
            throw new NotFound("GetProducts(%s, %s) has %d different prices for usage type %s: %s (file price)".formatted(
                    lookup.serviceCode(), filters, distinct.size(), lookup.usageType(), matches.keySet()));
        }
        return matches.firstEntry().getValue();
    }

    /**
     * The on-demand price of one Price List item (a product as JSON text) if it is the lookup's usage type and unit: its
     * first tier (beginRange 0), as botocore's GetProducts example shows the shape.
     */
    static Optional<Found> product(String item, Lookup lookup) {
        var json = JsonParser.parseString(item).getAsJsonObject();
        var product = json.getAsJsonObject("product");
        var attributes = product.getAsJsonObject("attributes");
        var usageType = attributes.has("usagetype") ? attributes.get("usagetype").getAsString() : "";
        if (!usageType.matches("(?:[A-Z]{2,4}[0-9]?-)?" + Pattern.quote(lookup.usageType()))) {
            return Optional.empty();
        }
        var terms = json.getAsJsonObject("terms");
        if (terms == null || !terms.has("OnDemand")) {
            return Optional.empty();
        }
        for (var term : terms.getAsJsonObject("OnDemand").entrySet()) {
            for (var dimension : term.getValue().getAsJsonObject().getAsJsonObject("priceDimensions").entrySet()) {
                var rate = dimension.getValue().getAsJsonObject();
                var begin = rate.has("beginRange") ? rate.get("beginRange").getAsString() : "0";
                if (!"0".equals(begin) || !lookup.unit().equals(rate.get("unit").getAsString())) {
                    continue;
                }
                var usd = Double.parseDouble(rate.getAsJsonObject("pricePerUnit").get("USD").getAsString());
                var published = json.has("publicationDate") ? json.get("publicationDate").getAsString() : "?";
                return Optional.of(new Found(usd, "Price List %s sku %s (%s), published %s".formatted(json.get("serviceCode").getAsString(),
                        product.get("sku").getAsString(), usageType, published), published.length() >= 10 ? published.substring(0, 10) : published));
            }
        }
        return Optional.empty();
    }

    /** One GetProducts call: JSON 1.1 (POST /, X-Amz-Target), signed for the service "pricing". */
    private JsonObject getProducts(String serviceCode, Map<String, String> filters, String token) {
        var body = new JsonObject();
        body.addProperty("ServiceCode", serviceCode);
        var list = new JsonArray();
        filters.forEach((field, value) -> {
            var filter = new JsonObject();
            filter.addProperty("Type", "TERM_MATCH");
            filter.addProperty("Field", field);
            filter.addProperty("Value", value);
            list.add(filter);
        });
        body.add("Filters", list);
        body.addProperty("FormatVersion", "aws_v1");
        body.addProperty("MaxResults", 100);
        if (token != null) {
            body.addProperty("NextToken", token);
        }
        var request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoints.pricing().resolve("/"))
                .putHeader("Content-Type", JSON_1_1).putHeader("X-Amz-Target", TARGET).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body.toString()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "pricing")
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoints.pricingRegion()));
        try {
            var response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            var text = response.responseBody().isPresent()
                    ? new String(response.responseBody().get().readAllBytes(), StandardCharsets.UTF_8) : "";
            var status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                var error = errorOf(text);
                var message = "%d %s".formatted(status, error);
                // a refusal (credentials, permission) will refuse every call; throttling or a fault may not
                if (status == 400 || status == 403) {
                    if (!error.startsWith("ThrottlingException") && !error.startsWith("InvalidParameterException")
                            && !error.startsWith("NotFoundException")) {
                        throw new Refused(message);
                    }
                }
                throw new IllegalStateException(message);
            }
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("GetProducts: " + e.getMessage(), e);
        }
    }

    /** A JSON 1.1 error: its __type (without the namespace) and message. */
    private static String errorOf(String text) {
        try {
            var json = JsonParser.parseString(text).getAsJsonObject();
            var type = json.has("__type") ? json.get("__type").getAsString() : "error";
            var message = json.has("message") ? json.get("message").getAsString()
                    : json.has("Message") ? json.get("Message").getAsString() : "";
            return (type.substring(type.lastIndexOf('#') + 1) + ": " + message).strip();
        } catch (RuntimeException e) {
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }

    /**
     * The current Spot price of each type: DescribeSpotPriceHistory from now to now returns, per zone, "the last price
     * change before the start time, which is the effective price as of the start time" (the API reference); the estimate
     * takes the highest zone's, since the group may launch in any of the region's zones.
     */
    private List<PriceList.Price> spot(List<String> types, String region) {
        var builder = Ec2Client.builder().region(Region.of(region)).credentialsProvider(credentials).httpClient(http);
        if (endpoints.ec2() != null) {
            builder.endpointOverride(endpoints.ec2());
        }
        var now = clock.instant();
        var latest = new TreeMap<String, SpotPrice>();
        try (var ec2 = builder.build()) {
            for (var page : ec2.describeSpotPriceHistoryPaginator(r -> r.instanceTypesWithStrings(types)
                    .productDescriptions(PRODUCT_DESCRIPTIONS).startTime(now).endTime(now))) {
                for (var price : page.spotPriceHistory()) {
                    var key = price.instanceTypeAsString() + "@" + price.availabilityZone();
                    var before = latest.get(key);
                    if (before == null || (price.timestamp() != null && before.timestamp() != null && price.timestamp().isAfter(before.timestamp()))) {
                        latest.put(key, price);
                    }
                }
            }
        }
        var prices = new ArrayList<PriceList.Price>();
        for (var type : types) {
            var zones = latest.values().stream().filter(p -> p.instanceTypeAsString().equals(type)).toList();
            if (zones.isEmpty()) {
                continue;
            }
            var highest = zones.stream().mapToDouble(p -> Double.parseDouble(p.spotPrice())).max().orElseThrow();
            var each = zones.stream().map(p -> "%s $%s".formatted(p.availabilityZone(), p.spotPrice())).toList();
            var today = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            prices.add(new PriceList.Price(SPOT_PREFIX + type, region, "hour", highest,
                    "DescribeSpotPriceHistory %s, the highest of %d zones: %s".formatted(today, zones.size(), String.join(", ", each)),
                    today, PriceList.Status.LIVE, null));
        }
        return prices;
    }

    @Override
    public void close() {
        http.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing held that matters once the prices are read
            }
        }
    }

}
