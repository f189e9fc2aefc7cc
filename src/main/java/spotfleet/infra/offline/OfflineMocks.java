package spotfleet.infra.offline;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Pulumi's mock engine, answered without AWS or Docker: every resource the program declares is recorded
 * (in the order the engine registers it) and given plausible computed outputs derived from its inputs (ids,
 * ARNs, names, DNS names, a repository URL, an image digest), so Output wiring can be followed; every invoke
 * the program makes is answered with clearly placeholder values (account {@value #ACCOUNT_ID}). Unknown
 * resource types get their inputs back as state and unknown invokes an empty map: it never throws.
 */
public final class OfflineMocks implements Mocks {

    /** The placeholder account the AWS documentation uses in its examples. */
    public static final String ACCOUNT_ID = "123456789012";
    /** The region when the stack sets no {@code aws:region}. */
    public static final String DEFAULT_REGION = "mock-region-1";
    public static final String AWS_PROVIDER_TYPE = "pulumi:providers:aws";

    /** A resource as the engine received it, and the id and state the mock answered with. */
    public record RecordedResource(String type, String name, Map<String, Object> inputs, String provider, String id,
                                   Map<String, Object> outputs) {
    }

    /** An invoke as the engine received it. */
    public record RecordedInvoke(String token, Map<String, Object> args, String provider) {
    }

    private final int availabilityZoneCount;
    private final List<RecordedResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedInvoke> invokes = Collections.synchronizedList(new ArrayList<>());

    /** A region with six Availability Zones, as many as the program can use. */
    public OfflineMocks() {
        this(6);
    }

    public OfflineMocks(int availabilityZoneCount) {
        this.availabilityZoneCount = availabilityZoneCount;
    }

    public List<RecordedResource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    public List<RecordedInvoke> invokes() {
        synchronized (invokes) {
            return List.copyOf(invokes);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var inputs = args.inputs == null ? Map.<String, Object>of() : args.inputs;
        // Pulumi would add a random suffix to an auto-named resource; a hash of type and name stands in for it.
        var physicalName = String.valueOf(inputs.getOrDefault("name", args.name + "-" + hex(args.type + args.name, 7)));
        var state = new LinkedHashMap<String, Object>(inputs);
        state.putIfAbsent("name", physicalName);
        state.putAll(ComputedOutputs.of(args.type, physicalName, inputs, region(args.provider)));
        var id = id(args.type, physicalName);
        resources.add(new RecordedResource(args.type, args.name, ordered(inputs), nullToEmpty(args.provider), id, ordered(state)));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        var callArgs = args.args == null ? Map.<String, Object>of() : ordered(args.args);
        invokes.add(new RecordedInvoke(args.token, callArgs, nullToEmpty(args.provider)));
        var region = region(args.provider);
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> availabilityZones(region);
            case "aws:index/getRegion:getRegion" -> Map.of("name", region, "id", region,
                    "endpoint", "ec2.%s.amazonaws.com".formatted(region), "description", "offline placeholder region");
            case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "id", "aws",
                    "dnsSuffix", "amazonaws.com", "reverseDnsPrefix", "com.amazonaws");
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of("accountId", ACCOUNT_ID, "id", ACCOUNT_ID,
                    "arn", "arn:aws:iam::%s:user/offline".formatted(ACCOUNT_ID), "userId", "OFFLINEPLACEHOLDER");
            case "aws:ssm/getParameter:getParameter" -> ssmParameter(String.valueOf(callArgs.get("name")), region);
            case "aws:ecr/getAuthorizationToken:getAuthorizationToken" -> Map.of(
                    "userName", "AWS", "password", "offline-placeholder-password",
                    "authorizationToken", "QVdTOm9mZmxpbmUtcGxhY2Vob2xkZXItcGFzc3dvcmQ=",
                    "expiresAt", "1970-01-01T00:00:00Z", "id", region,
                    "proxyEndpoint", "https://%s.dkr.ecr.%s.amazonaws.com".formatted(ACCOUNT_ID, region),
                    "registryId", String.valueOf(callArgs.getOrDefault("registryId", ACCOUNT_ID)));
            default -> Map.of();
        };
        return CompletableFuture.completedFuture(result);
    }

    /** The value the mocked SSM parameter {@code name} holds: a placeholder AMI id that differs per parameter. */
    public static String amiFor(String parameterName) {
        return "ami-" + hex(parameterName, 17);
    }

    private Map<String, Object> availabilityZones(String region) {
        var letters = IntStream.range(0, availabilityZoneCount).mapToObj(i -> String.valueOf((char) ('a' + i))).toList();
        return Map.of(
                "names", letters.stream().map(letter -> region + letter).toList(),
                "zoneIds", letters.stream().map(letter -> "mock-az" + letter).toList(),
                "groupNames", List.of(region),
                "id", region,
                "state", "available");
    }

    private static Map<String, Object> ssmParameter(String name, String region) {
        var ami = amiFor(name);
        return Map.of("name", name, "id", name, "value", ami, "insecureValue", ami, "type", "String", "version", 1,
                "arn", "arn:aws:ssm:%s::parameter%s".formatted(region, name));
    }

    /** The region of the AWS provider behind {@code providerReference}, as the program configured it. */
    private String region(String providerReference) {
        var providerName = providerName(nullToEmpty(providerReference));
        synchronized (resources) {
            return resources.stream()
                    .filter(r -> r.type().equals(AWS_PROVIDER_TYPE) && r.name().equals(providerName))
                    .map(r -> r.inputs().get("region"))
                    .filter(region -> region instanceof String)
                    .map(String.class::cast)
                    .findFirst()
                    .orElse(DEFAULT_REGION);
        }
    }

    /** A provider reference is {@code <urn>::<id>}, and a URN ends in {@code ::<name>}. */
    public static String providerName(String providerReference) {
        var parts = providerReference.split("::");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    /** EC2 ids carry their kind as a prefix; other resources are known by their name. */
    private static String id(String type, String physicalName) {
        var prefix = switch (type) {
            case "aws:ec2/vpc:Vpc" -> "vpc-";
            case "aws:ec2/subnet:Subnet" -> "subnet-";
            case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" -> "sg-";
            case "aws:ec2/internetGateway:InternetGateway" -> "igw-";
            case "aws:ec2/natGateway:NatGateway" -> "nat-";
            case "aws:ec2/eip:Eip" -> "eipalloc-";
            case "aws:ec2/routeTable:RouteTable" -> "rtb-";
            case "aws:ec2/launchTemplate:LaunchTemplate" -> "lt-";
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                 "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" -> "sgr-";
            default -> "";
        };
        return prefix.isEmpty() ? physicalName : prefix + hex(physicalName, 17);
    }

    static String hex(String text, int length) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A read-only copy in the engine's order, so what is printed from it reads the same every run. */
    private static Map<String, Object> ordered(Map<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
