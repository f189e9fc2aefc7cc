package spotfleet.infra.offline;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Pulumi's mock engine, answered without AWS or Docker: every resource the program declares is recorded
 * (in the order the engine registers it) and given plausible computed outputs derived from its inputs (ids,
 * ARNs, names, DNS names, a repository URL, an image digest), so Output wiring can be followed; every invoke
 * the program makes is answered with clearly placeholder values (account {@value #ACCOUNT_ID}). Unknown
 * resource types get their inputs back as state and unknown invokes an empty map: it never throws.
 * Every value it makes up is also kept as text ({@link #madeUpValues()}), so a reader of the declared inputs
 * can tell the program's own values from the stand-ins for what only AWS or Docker would know.
 */
public final class OfflineMocks implements Mocks {

    /** The placeholder account the AWS documentation uses in its examples. */
    public static final String ACCOUNT_ID = "123456789012";
    /** The region when the stack sets no {@code aws:region}. */
    public static final String DEFAULT_REGION = "mock-region-1";
    public static final String AWS_PROVIDER_TYPE = "pulumi:providers:aws";
    public static final String STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
    /** Invokes whose answers follow from the configured region alone, so are no more made up than the region. */
    private static final Set<String> REGION_FACTS = Set.of(
            "aws:index/getRegion:getRegion", "aws:index/getPartition:getPartition");

    /** A resource as the engine received it, and the id and state the mock answered with. */
    public record RecordedResource(String type, String name, Map<String, Object> inputs, String provider, String id,
                                   Map<String, Object> outputs) {
    }

    /** An invoke as the engine received it. */
    public record RecordedInvoke(String token, Map<String, Object> args, String provider) {
    }

    /**
     * What a stack this one reads (a {@code StackReference}) exports, as the offline evaluation knows it.
     *
     * @param outputs its outputs
     * @param madeUp  the values in them that are stand-ins (another offline evaluation's, or placeholders): they stay marked
     */
    public record StackOutputs(Map<String, Object> outputs, Set<String> madeUp) {
        public StackOutputs {
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            madeUp = Set.copyOf(madeUp);
        }
    }

    private final int availabilityZoneCount;
    private final Map<String, StackOutputs> stacks;
    private final List<RecordedResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedInvoke> invokes = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> madeUp = Collections.synchronizedSet(new LinkedHashSet<>());

    /** A region with six Availability Zones, as many as the program can use. */
    public OfflineMocks() {
        this(6);
    }

    public OfflineMocks(int availabilityZoneCount) {
        this(availabilityZoneCount, Map.of());
    }

    /** A region with six Availability Zones, and the outputs of the stacks the program may read, by qualified name. */
    public OfflineMocks(Map<String, StackOutputs> stacks) {
        this(6, stacks);
    }

    public OfflineMocks(int availabilityZoneCount, Map<String, StackOutputs> stacks) {
        this.availabilityZoneCount = availabilityZoneCount;
        this.stacks = Map.copyOf(stacks);
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

    /**
     * Every value this mock made up so far, as text: ids, generated names and the computed outputs it added to
     * a resource's inputs, and the answers to invokes (less what echoes the invoke's arguments or the configured
     * region). A declared input that contains one of these was wired from something only a deploy can know.
     */
    public Set<String> madeUpValues() {
        synchronized (madeUp) {
            return Set.copyOf(madeUp);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var inputs = args.inputs == null ? Map.<String, Object>of() : args.inputs;
        if (STACK_REFERENCE_TYPE.equals(args.type)) {
            return stackReference(args, inputs);
        }
        var physicalName = String.valueOf(inputs.getOrDefault("name", autoName(args.type, args.name)));
        var state = new LinkedHashMap<String, Object>(inputs);
        state.putIfAbsent("name", physicalName);
        state.putAll(ComputedOutputs.of(args.type, physicalName, inputs, region(args.provider)));
        var id = id(args.type, physicalName);
        // An output that repeats one of the resource's own inputs (an alarm's id is the name the program gave it,
        // a certificate's validation options repeat its domain) is the program's value, not a stand-in.
        var ownInputs = leaves(inputs, true).collect(Collectors.toSet());
        recordMadeUp(Stream.concat(Stream.of(id), state.entrySet().stream()
                .filter(output -> !output.getValue().equals(inputs.get(output.getKey())))
                .flatMap(output -> leaves(output.getValue(), true))), ownInputs);
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
            case "aws:index/getPartition:getPartition" -> partition(region);
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of("accountId", ACCOUNT_ID, "id", ACCOUNT_ID,
                    "arn", "arn:aws:iam::%s:user/offline".formatted(ACCOUNT_ID), "userId", "OFFLINEPLACEHOLDER");
            case "aws:ssm/getParameter:getParameter" -> ssmParameter(String.valueOf(callArgs.get("name")), region);
            case "aws:route53/getZone:getZone" -> hostedZone(callArgs);
            case "aws:elb/getServiceAccount:getServiceAccount" -> elbServiceAccount(String.valueOf(callArgs.getOrDefault("region", region)));
            case "aws:ecr/getAuthorizationToken:getAuthorizationToken" -> Map.of(
                    "userName", "AWS", "password", "offline-placeholder-password",
                    "authorizationToken", "QVdTOm9mZmxpbmUtcGxhY2Vob2xkZXItcGFzc3dvcmQ=",
                    "expiresAt", "1970-01-01T00:00:00Z", "id", region,
                    "proxyEndpoint", "https://%s.dkr.ecr.%s.amazonaws.com".formatted(ACCOUNT_ID, region),
                    "registryId", String.valueOf(callArgs.getOrDefault("registryId", ACCOUNT_ID)));
            default -> Map.of();
        };
        var configuredRegion = !region.equals(DEFAULT_REGION);
        // The configured region, and what follows from it alone, are the stack's own values, not stand-ins.
        if (!(configuredRegion && REGION_FACTS.contains(args.token))) {
            var echoes = new LinkedHashSet<String>();
            leaves(callArgs, true).forEach(echoes::add);
            if (configuredRegion) {
                echoes.add(region);
            }
            // Counts and versions in answers are wired nowhere; as text ("2") they would match too much.
            recordMadeUp(leaves(result, false), echoes);
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * A read of another stack's outputs, answered from the outputs this mock was given, never from a backend; a stack it
     * was given none for fails the read, as a stack that does not exist fails {@code pulumi preview}.
     */
    private CompletableFuture<ResourceResult> stackReference(ResourceArgs args, Map<String, Object> inputs) {
        var name = String.valueOf(inputs.get("name"));
        var stack = stacks.get(name);
        if (stack == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(("the offline evaluation was given no outputs of stack %s,"
                    + " which the program reads (a StackReference); it knows %s").formatted(name,
                    stacks.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(stacks.keySet())))));
        }
        var state = new LinkedHashMap<String, Object>();
        state.put("name", name);
        state.put("outputs", stack.outputs());
        state.put("secretOutputNames", List.of());
        // The organization is the deploying one's, which offline cannot know; the rest of the name is the stack file's.
        if (name.startsWith(OfflineEvaluation.ORGANIZATION + "/")) {
            madeUp.add(OfflineEvaluation.ORGANIZATION);
        }
        madeUp.addAll(stack.madeUp());
        resources.add(new RecordedResource(args.type, args.name, ordered(inputs), nullToEmpty(args.provider), name, ordered(state)));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name), state));
    }

    /** The partition a region belongs to, as AWS names it: the program builds service principals from it. */
    private static Map<String, Object> partition(String region) {
        var name = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        var dnsSuffix = name.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        return Map.of("partition", name, "id", name, "dnsSuffix", dnsSuffix,
                "reverseDnsPrefix", name.equals("aws-cn") ? "cn.com.amazonaws" : "com.amazonaws");
    }

    /**
     * The Elastic Load Balancing account that delivers access logs in {@code region}: a placeholder account that differs
     * per region (the real ids are the provider's to know).
     */
    private static Map<String, Object> elbServiceAccount(String region) {
        var account = "%012d".formatted(Long.parseLong(hex("elb " + region, 10), 16) % 1_000_000_000_000L);
        var partition = String.valueOf(partition(region).get("partition"));
        return Map.of("id", account, "arn", "arn:%s:iam::%s:root".formatted(partition, account), "region", region);
    }

    /**
     * The name Pulumi gives a resource the program does not name: its logical name, a hyphen and 7 random hex digits.
     * A hash of type and logical name stands in for the random part, so a plan reads the same on every run.
     */
    public static String autoName(String type, String logicalName) {
        return logicalName + "-" + hex(type + logicalName, 7);
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

    /**
     * The public hosted zone asked for. By name, it is that name; by id, the mock cannot know the name, so it
     * answers a placeholder one ({@code offline.invalid}, a name reserved never to resolve).
     */
    private static Map<String, Object> hostedZone(Map<String, Object> callArgs) {
        var name = String.valueOf(callArgs.getOrDefault("name", "offline.invalid")).replaceAll("\\.$", "");
        var zoneId = String.valueOf(callArgs.getOrDefault("zoneId", hostedZoneId(name)));
        return Map.of("zoneId", zoneId, "id", zoneId, "name", name, "privateZone", false,
                "arn", "arn:aws:route53:::hostedzone/" + zoneId, "callerReference", "offline", "comment", "",
                "nameServers", List.of("ns-1.awsdns-00.org", "ns-2.awsdns-00.com"),
                "primaryNameServer", "ns-1.awsdns-00.org", "resourceRecordSetCount", 2);
    }

    /** The id the mocked hosted zone {@code zoneName} has: {@code Z} and 20 characters that differ per name. */
    public static String hostedZoneId(String zoneName) {
        return "Z" + hex(zoneName, 20).toUpperCase(java.util.Locale.ROOT);
    }

    /** A version-4-shaped UUID derived from {@code seed}, for ids such as KMS key ids. */
    static String uuid(String seed) {
        var h = hex(seed, 32);
        return "%s-%s-4%s-8%s-%s".formatted(h.substring(0, 8), h.substring(8, 12), h.substring(13, 16), h.substring(17, 20),
                h.substring(20, 32));
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

    private void recordMadeUp(Stream<String> values, Set<String> notMadeUp) {
        values.filter(value -> !value.isEmpty() && !notMadeUp.contains(value)).forEach(madeUp::add);
    }

    /**
     * The strings in {@code value}, however deep, and its numbers as written ({@code 1}, not {@code 1.0}) if
     * {@code withNumbers}. Flags are left out: {@code true} and {@code false} are never worth marking.
     */
    private static Stream<String> leaves(Object value, boolean withNumbers) {
        return switch (value) {
            case null -> Stream.empty();
            case Map<?, ?> map -> map.values().stream().flatMap(inner -> leaves(inner, withNumbers));
            case List<?> list -> list.stream().flatMap(inner -> leaves(inner, withNumbers));
            case Boolean flag -> Stream.empty();
            case Double number when number == Math.rint(number) ->
                    withNumbers ? Stream.of(String.valueOf(number.longValue())) : Stream.empty();
            case Number number -> withNumbers ? Stream.of(String.valueOf(number)) : Stream.empty();
            default -> Stream.of(String.valueOf(value));
        };
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
