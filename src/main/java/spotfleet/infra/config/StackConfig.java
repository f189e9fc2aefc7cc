package spotfleet.infra.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stack's config keys and the one place raw config becomes {@link StackSettings}. Parsing is a pure
 * function of the raw values, keyed as Pulumi keys them ({@code spotfleet:taskMemory}, {@code aws:region}),
 * so the program, the tests and an offline reader of {@code Pulumi.<stack>.yaml} share it.
 */
public final class StackConfig {

    public static final String NAMESPACE = "spotfleet";

    /** Every {@code spotfleet:} key, in the order Pulumi.yaml and docs/configuration.md list them. */
    public static final List<ConfigKey<?>> KEYS = List.of(
            ConfigKey.choice("runOn", RunOn.class, StackSettings.Builder::runOn, s -> s.capacity().runOn()),
            ConfigKey.integer("fargateOnDemandTasks", StackSettings.Builder::fargateOnDemandTasks,
                    s -> s.capacity().fargateOnDemandTasks()),
            ConfigKey.choice("fargateArchitecture", Architecture.class, StackSettings.Builder::fargateArchitecture,
                    s -> s.capacity().fargateArchitecture()),
            ConfigKey.stringList("instanceTypes", StackSettings.Builder::instanceTypes, s -> s.capacity().instanceTypes()),
            ConfigKey.integer("onDemandTasks", StackSettings.Builder::onDemandTasks, s -> s.capacity().onDemandTasks()),
            ConfigKey.choice("spotAllocationStrategy", SpotAllocationStrategy.class, StackSettings.Builder::spotAllocationStrategy,
                    s -> s.capacity().spotAllocationStrategy()),
            ConfigKey.integer("minInstances", StackSettings.Builder::minInstances, s -> s.capacity().minInstances()),
            ConfigKey.integer("maxInstances", StackSettings.Builder::maxInstances, s -> s.capacity().maxInstances()),
            ConfigKey.choice("instanceScaling", InstanceScaling.class, StackSettings.Builder::instanceScaling,
                    s -> s.capacity().instanceScaling()),
            ConfigKey.integer("capacityTargetPercent", StackSettings.Builder::capacityTargetPercent, s -> s.capacity().capacityTargetPercent()),
            ConfigKey.integer("instanceCpuTarget", StackSettings.Builder::instanceCpuTarget, s -> s.capacity().instanceCpuTarget()),
            ConfigKey.bool("instanceRefresh", StackSettings.Builder::instanceRefresh, s -> s.capacity().instanceRefresh()),
            ConfigKey.string("ecsAmiId", StackSettings.Builder::ecsAmiId, s -> s.capacity().ecsAmiId().orElse("")),
            ConfigKey.integer("serviceMinTasks", StackSettings.Builder::serviceMinTasks, s -> s.service().serviceMinTasks()),
            ConfigKey.integer("serviceMaxTasks", StackSettings.Builder::serviceMaxTasks, s -> s.service().serviceMaxTasks()),
            ConfigKey.choice("serviceScalingMetric", ServiceScalingMetric.class, StackSettings.Builder::serviceScalingMetric,
                    s -> s.service().serviceScalingMetric()),
            ConfigKey.integer("serviceCpuTarget", StackSettings.Builder::serviceCpuTarget, s -> s.service().serviceCpuTarget()),
            ConfigKey.integer("serviceRequestsPerTarget", StackSettings.Builder::serviceRequestsPerTarget,
                    s -> s.service().serviceRequestsPerTarget()),
            ConfigKey.integer("scaleInCooldown", StackSettings.Builder::scaleInCooldown, s -> s.service().scaleInCooldown()),
            ConfigKey.integer("scaleOutCooldown", StackSettings.Builder::scaleOutCooldown, s -> s.service().scaleOutCooldown()),
            ConfigKey.integer("taskCpu", StackSettings.Builder::taskCpu, s -> s.service().taskCpu()),
            ConfigKey.integer("taskMemory", StackSettings.Builder::taskMemory, s -> s.service().taskMemory()),
            ConfigKey.string("image", StackSettings.Builder::image, s -> s.image().source().configValue()),
            ConfigKey.stringList("promotionTargets", "[\"prod\", \"111122223333/prod\"]", StackSettings.Builder::promotionTargets,
                    s -> s.image().promotionTargets().stream().map(PromotionTarget::configValue).toList()),
            ConfigKey.integer("containerPort", StackSettings.Builder::containerPort, s -> s.service().containerPort()),
            ConfigKey.string("healthCheckPath", StackSettings.Builder::healthCheckPath, s -> s.service().healthCheckPath()),
            ConfigKey.stringList("environment", "[\"LOG_LEVEL=info\"]", StackSettings.Builder::environment,
                    s -> s.service().environment().stream().map(EnvironmentVariable::configValue).toList()),
            ConfigKey.stringList("secrets", "[\"DB_PASSWORD=arn:aws:ssm:eu-west-1:111122223333:parameter/app/db-password\"]",
                    StackSettings.Builder::secrets,
                    s -> s.service().secrets().stream().map(ContainerSecret::configValue).toList()),
            ConfigKey.integer("stopTimeoutSeconds", StackSettings.Builder::stopTimeoutSeconds, s -> s.service().stopTimeoutSeconds()),
            ConfigKey.integer("azCount", StackSettings.Builder::azCount, s -> s.network().azCount()),
            ConfigKey.choice("natGateways", NatGateways.class, StackSettings.Builder::natGateways, s -> s.network().natGateways()),
            ConfigKey.string("vpcCidr", StackSettings.Builder::vpcCidr, s -> s.network().vpcCidr()),
            ConfigKey.choice("flowLogs", FlowLogDestination.class, StackSettings.Builder::flowLogs, s -> s.network().flowLogs()),
            ConfigKey.integer("logRetentionDays", StackSettings.Builder::logRetentionDays, s -> s.cluster().logRetentionDays()),
            ConfigKey.choice("containerInsights", ContainerInsights.class, StackSettings.Builder::containerInsights,
                    s -> s.cluster().containerInsights()),
            ConfigKey.bool("accessLogs", StackSettings.Builder::accessLogs, StackSettings::accessLogs),
            ConfigKey.string("domainName", StackSettings.Builder::domainName, s -> s.domain().domainName().orElse("")),
            ConfigKey.string("hostedZoneId", StackSettings.Builder::hostedZoneId, s -> s.domain().hostedZoneId().orElse("")),
            ConfigKey.string("hostedZoneName", StackSettings.Builder::hostedZoneName, s -> s.domain().hostedZoneName().orElse("")),
            ConfigKey.string("alarmEmail", StackSettings.Builder::alarmEmail, s -> s.monitoring().alarmEmail().orElse("")),
            ConfigKey.integer("latencyP99ThresholdMs", StackSettings.Builder::latencyP99ThresholdMs,
                    s -> s.monitoring().latencyP99ThresholdMs()),
            ConfigKey.bool("protect", StackSettings.Builder::protect, StackSettings::protect),
            ConfigKey.bool("spotInterruptionDrill", StackSettings.Builder::spotInterruptionDrill,
                    StackSettings::spotInterruptionDrill));

    /** The keys that only mean something on EC2 instances: on a Fargate stack they must keep their defaults. */
    public static final List<String> EC2_ONLY_KEYS = List.of("instanceTypes", "onDemandTasks",
            "spotAllocationStrategy", "minInstances", "maxInstances", "instanceScaling",
            "capacityTargetPercent", "instanceCpuTarget", "instanceRefresh", "ecsAmiId");
    /** The keys that only mean something on Fargate: on an EC2 stack they must keep their defaults. */
    public static final List<String> FARGATE_ONLY_KEYS = List.of("fargateOnDemandTasks", "fargateArchitecture");

    /**
     * Keys earlier versions had, with what replaced them: a stack file that still sets one is told what to write
     * instead, rather than that the key is unknown.
     */
    public static final Map<String, String> RETIRED_KEYS = Map.of(
            "onDemandBaseCapacity", "it counted instances, which ECS could leave empty and release: set spotfleet:onDemandTasks,"
                    + " the tasks ECS keeps on on-demand capacity (docs/design.md, \"Tasks on on-demand capacity\")",
            "onDemandPercentageAboveBaseCapacity", "the Spot group is all Spot now: raise spotfleet:onDemandTasks for more"
                    + " on-demand capacity (docs/design.md, \"Tasks on on-demand capacity\")");

    /**
     * A stack names its region: the AWS provider alone would take AWS_REGION, AWS_DEFAULT_REGION or the profile's
     * region (pulumi-aws provider/resources.go: region's default EnvVars; then the AWS SDK's chain), so the same
     * stack file would deploy to whichever region the deploying shell happens to have.
     */
    public static final String REGION_MISSING = "aws:region is not set: a stack names its region in its stack file,"
            + " under config: (aws:region: eu-west-1), or with pulumi config set aws:region eu-west-1 -s <stack>. The"
            + " program does not take it from AWS_REGION, AWS_DEFAULT_REGION or the AWS profile, so that a stack deploys"
            + " to the same region from every machine";

    private StackConfig() {
    }

    /** Whether {@code key} (without its namespace) does anything on a stack that runs on {@code runOn}. */
    public static boolean usedOn(String key, RunOn runOn) {
        return !(runOn == RunOn.FARGATE ? EC2_ONLY_KEYS : FARGATE_ONLY_KEYS).contains(key);
    }

    /** {@link #parse(RawConfig)} of config without secrets. */
    public static StackSettings parse(Map<String, String> raw) {
        return parse(RawConfig.of(raw));
    }

    /**
     * The settings of a whole stack, as {@code pulumi up} and {@code ./plan} read it: {@link #parse(RawConfig)}, and
     * what only a whole stack must say, its region ({@link #REGION_MISSING}). Tests of one key parse without it.
     */
    public static StackSettings parseStack(RawConfig config) {
        return parse(config, true);
    }

    /**
     * The settings for {@code config} (qualified key to the text Pulumi stores), defaults for keys it
     * leaves out. Throws {@link InvalidConfigException} listing every problem, unknown {@code spotfleet:}
     * and {@code aws:} keys included (a typo would otherwise silently deploy the default).
     */
    public static StackSettings parse(RawConfig config) {
        return parse(config, false);
    }

    private static StackSettings parse(RawConfig config, boolean wholeStack) {
        var raw = config.values();
        var problems = new Problems();
        problems.check(!wholeStack || raw.containsKey(AwsConfig.NAMESPACE + ":region"), REGION_MISSING);
        var builder = StackSettings.defaults().toBuilder();
        var keys = KEYS.stream().collect(Collectors.toMap(ConfigKey::qualifiedName, Function.identity()));
        new TreeSet<>(raw.keySet()).stream()
                .filter(key -> key.startsWith(NAMESPACE + ":") && RETIRED_KEYS.containsKey(key.substring(NAMESPACE.length() + 1)))
                .forEach(key -> problems.add("%s was retired: %s".formatted(key, RETIRED_KEYS.get(key.substring(NAMESPACE.length() + 1)))));
        new TreeSet<>(raw.keySet()).stream()
                .filter(key -> key.startsWith(NAMESPACE + ":") && !keys.containsKey(key)
                        && !RETIRED_KEYS.containsKey(key.substring(NAMESPACE.length() + 1)))
                .forEach(key -> problems.add(unknownKey(key)));
        KEYS.forEach(key -> {
            var value = raw.get(key.qualifiedName());
            if (value != null) {
                key.apply(value, builder, problems);
            }
        });
        builder.aws(AwsConfig.parse(raw, config.secretKeys(), problems));
        StackSettings settings = null;
        try {
            settings = builder.build();
            checkKeysOfTheOtherPlatform(settings, problems);
        } catch (InvalidConfigException e) {
            problems.addAll(e);
        }
        problems.throwIfAny();
        return settings;
    }

    /** An unknown {@code spotfleet:} key: the close known key (a typo), or all of them. */
    private static String unknownKey(String qualified) {
        var name = qualified.substring(NAMESPACE.length() + 1);
        var known = KEYS.stream().map(ConfigKey::name).toList();
        return DidYouMean.closest(name, known)
                .map(candidate -> "%s is not a config key of this program: did you mean %s:%s?".formatted(qualified, NAMESPACE, candidate))
                .orElseGet(() -> "%s is not a config key of this program (known keys: %s)"
                        .formatted(qualified, String.join(", ", known)));
    }

    /**
     * A key of the other platform set to anything but its default is refused, not ignored: the stack file would say
     * something (instance types, an on-demand base) the stack does not do. Judged by value, not by presence: the Pulumi
     * CLI hands the program Pulumi.yaml's default of every key the stack file leaves out (pulumi/pulumi
     * sdk/go/common/workspace/config.go, mergeConfig), so a key at its default cannot be told from one left out.
     */
    private static void checkKeysOfTheOtherPlatform(StackSettings settings, Problems problems) {
        var runOn = settings.capacity().runOn();
        var defaults = StackSettings.defaults();
        KEYS.stream()
                .filter(key -> !usedOn(key.name(), runOn))
                .filter(key -> !Objects.equals(key.get().apply(settings), key.get().apply(defaults)))
                .forEach(key -> problems.add(("%s (%s) only applies when spotfleet:runOn is %s, and this stack runs on %s:"
                        + " remove it from the stack file").formatted(key.qualifiedName(), text(key.get().apply(settings)),
                        runOn == RunOn.FARGATE ? RunOn.EC2.configValue() : RunOn.FARGATE.configValue(), runOn.configValue())));
    }

    private static String text(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                : String.valueOf(value);
    }

    /** The value of every key in {@code settings}, typed as Pulumi.yaml writes it: the effective config. */
    public static Map<String, Object> values(StackSettings settings) {
        var values = new LinkedHashMap<String, Object>();
        KEYS.forEach(key -> values.put(key.name(), key.get().apply(settings)));
        return values;
    }
}
