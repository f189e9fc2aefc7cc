package spotfleet.infra.config;

import spotfleet.infra.config.ConfigKey.Scope;
import spotfleet.infra.config.ConfigKey.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();

    // Every spotfleet: key, declared once, in the order Pulumi.yaml and docs/configuration.md list them: its value type
    // and bounds, default, where it applies, the range the reference states, and Pulumi.yaml's description.
    public static final ConfigKey<RunOn> RUN_ON = declare("runOn", ValueType.choice(RunOn.class), RunOn.EC2, Scope.ANY,
            "one of `ec2`, `fargate`",
            "Where the tasks run. ec2 (the stack's own Auto Scaling group of on-demand and Spot instances) "
            + "or fargate (Fargate, an on-demand base on FARGATE and the rest on FARGATE_SPOT; no instances, "
            + "so the instance keys below must keep their defaults, and taskCpu/taskMemory must be a size "
            + "Fargate runs, e.g. 256/512). docs/fargate.md compares the two.");
    public static final ConfigKey<Integer> FARGATE_ON_DEMAND_TASKS = declare("fargateOnDemandTasks", ValueType.integerAtLeast(0), 1, Scope.FARGATE,
            "0 to `serviceMaxTasks`; only with `fargate`",
            "With fargate, the tasks that always run on on-demand FARGATE (the capacity provider strategy's "
            + "base); the rest run on FARGATE_SPOT. 0 to serviceMaxTasks.");
    // arm64 on Fargate: Graviton's lower price, and FARGATE_SPOT runs ARM64 tasks (docs/fargate.md says where AWS says so)
    public static final ConfigKey<Architecture> FARGATE_ARCHITECTURE = declare("fargateArchitecture", ValueType.choice(Architecture.class), Architecture.ARM64, Scope.FARGATE,
            "one of `arm64`, `x86_64`; only with `fargate`",
            "With fargate, the tasks' CPU architecture (the task definition's runtimePlatform and the "
            + "image's build platform). arm64 (Graviton, the lower Fargate price) or x86_64.");
    public static final ConfigKey<List<String>> INSTANCE_TYPES = declare("instanceTypes", ValueType.stringList("[\"t3.micro\", \"t3a.micro\"]"), List.of("t3.micro", "t3a.micro", "t2.micro"), Scope.EC2,
            "not empty, no duplicates, valid type names, one architecture",
            "Instance types the Auto Scaling group may launch, in priority order; all x86_64 or all "
            + "Graviton (arm64). No duplicates.");
    public static final ConfigKey<Integer> ON_DEMAND_TASKS = declare("onDemandTasks", ValueType.integerAtLeast(0), 1, Scope.EC2,
            "0 to `serviceMaxTasks`; 0 with `instanceScaling: cpu`",
            "Tasks ECS always runs on on-demand instances (the service's capacity provider strategy base on "
            + "the on-demand group, which ECS sizes to them); the rest run on the Spot group. 0 to "
            + "serviceMaxTasks; 0 with instanceScaling cpu.");
    public static final ConfigKey<SpotAllocationStrategy> SPOT_ALLOCATION_STRATEGY = declare("spotAllocationStrategy", ValueType.choice(SpotAllocationStrategy.class), SpotAllocationStrategy.CAPACITY_OPTIMIZED, Scope.EC2,
            "one of `capacity-optimized`, `price-capacity-optimized`, `capacity-optimized-prioritized`, "
            + "`lowest-price`",
            "How EC2 picks Spot pools. capacity-optimized, price-capacity-optimized, "
            + "capacity-optimized-prioritized or lowest-price.");
    public static final ConfigKey<Integer> MIN_INSTANCES = declare("minInstances", ValueType.integerAtLeast(0), 1, Scope.EC2,
            "0 to `maxInstances`",
            "The Spot group's minimum size. 0 to maxInstances.");
    public static final ConfigKey<Integer> MAX_INSTANCES = declare("maxInstances", ValueType.integerAtLeast(1), 4, Scope.EC2,
            "at least 1",
            "The Spot group's maximum size. At least 1; a third of it (at least 1) is the Spot capacity "
            + "provider's minimum scaling step.");
    public static final ConfigKey<InstanceScaling> INSTANCE_SCALING = declare("instanceScaling", ValueType.choice(InstanceScaling.class), InstanceScaling.CAPACITY_PROVIDER, Scope.EC2,
            "one of `capacityProvider`, `cpu`",
            "What scales the instances. capacityProvider (ECS managed scaling, draining and termination "
            + "protection) or cpu (target tracking on average CPU).");
    /**
     * Below 100, so that ECS keeps at least one Spot instance more than the tasks need (ECS API reference,
     * ManagedScaling.targetCapacity: "if you want the capacity provider to maintain 10% spare capacity, then that means
     * the utilization is 90%"): an interrupted instance's tasks find room on instances already running, instead of
     * waiting minutes for a new one (docs/interruption-timeline.md).
     */
    public static final ConfigKey<Integer> CAPACITY_TARGET_PERCENT = declare("capacityTargetPercent", ValueType.integer(1, 100), 75, Scope.EC2,
            "1 to 100",
            "With capacityProvider, the share of the Spot instances that tasks should use. 1 to 100; below "
            + "100 keeps a spare instance, where an interrupted instance's tasks are placed at once "
            + "(docs/interruption-timeline.md).");
    public static final ConfigKey<Integer> INSTANCE_CPU_TARGET = declare("instanceCpuTarget", ValueType.integer(1, 100), 70, Scope.EC2,
            "1 to 100",
            "With cpu, the average instance CPU percentage to hold. 1 to 100.");
    public static final ConfigKey<Boolean> INSTANCE_REFRESH = declare("instanceRefresh", ValueType.bool(), true, Scope.EC2,
            "one of `true`, `false`",
            "Replace the running instances when the launch template changes (a new ECS AMI, new user data) "
            + "with an Auto Scaling instance refresh that launches new instances before it drains and "
            + "terminates old ones. false leaves running instances alone until they are replaced for another "
            + "reason.");
    public static final ConfigKey<String> ECS_AMI_ID = declare("ecsAmiId", ValueType.string(), "", Scope.EC2,
            "empty, or an AMI id `ami-` and 8 or 17 hex digits",
            "The instances' AMI. Empty takes the ECS-optimized Amazon Linux 2023 AMI AWS recommends when "
            + "the stack is created and keeps it (or keeps the last pinned one), so an AMI release never "
            + "rides along with an application deploy; an id (ami-...) pins that AMI, and changing it is a "
            + "deploy of its own that replaces the instances (docs/operations.md, Taking a new ECS AMI).");
    public static final ConfigKey<Integer> SERVICE_MIN_TASKS = declare("serviceMinTasks", ValueType.integerAtLeast(1), 2, Scope.ANY,
            "1 to `serviceMaxTasks`",
            "The fewest tasks the service keeps. At least 1, at most serviceMaxTasks.");
    public static final ConfigKey<Integer> SERVICE_MAX_TASKS = declare("serviceMaxTasks", ValueType.integer(), 4, Scope.ANY,
            "at least `serviceMinTasks`",
            "The most tasks the service scales out to.");
    public static final ConfigKey<ServiceScalingMetric> SERVICE_SCALING_METRIC = declare("serviceScalingMetric", ValueType.choice(ServiceScalingMetric.class), ServiceScalingMetric.CPU, Scope.ANY,
            "one of `cpu`, `requests`",
            "What the service's task count tracks. cpu (the tasks' average CPU, held at serviceCpuTarget) "
            + "or requests (the load balancer's requests per task per minute, held at "
            + "serviceRequestsPerTarget; for services that wait on I/O).");
    public static final ConfigKey<Integer> SERVICE_CPU_TARGET = declare("serviceCpuTarget", ValueType.integer(1, 100), 70, Scope.ANY,
            "1 to 100",
            "With cpu, the service's average CPU percentage its task count tracks. 1 to 100.");
    public static final ConfigKey<Integer> SERVICE_REQUESTS_PER_TARGET = declare("serviceRequestsPerTarget", ValueType.integerAtLeast(1), ServiceSettings.DEFAULT_REQUESTS_PER_TARGET, Scope.ANY,
            "at least 1",
            "With requests, the requests per task per minute its task count tracks "
            + "(ALBRequestCountPerTarget). At least 1.");
    public static final ConfigKey<Integer> SCALE_IN_COOLDOWN = declare("scaleInCooldown", ValueType.integerAtLeast(0), 300, Scope.ANY,
            "at least 0",
            "Seconds after removing a task before removing another. At least 0.");
    public static final ConfigKey<Integer> SCALE_OUT_COOLDOWN = declare("scaleOutCooldown", ValueType.integerAtLeast(0), 60, Scope.ANY,
            "at least 0",
            "Seconds after adding a task before adding another. At least 0.");
    public static final ConfigKey<Integer> TASK_CPU = declare("taskCpu", ValueType.integerAtLeast(ServiceSettings.MIN_TASK_CPU), 256, Scope.ANY,
            "at least 128; at most what the smallest instance type has; with `fargate` one of 256, 512, "
            + "1024, 2048, 4096, 8192, 16384",
            "CPU units reserved for a task (1024 = one vCPU). At least 128, at most the smallest instance "
            + "type has; on fargate 256, 512, 1024, 2048, 4096, 8192 or 16384.");
    // 256 MiB: the image's JVM flags bound its memory to about 220 MiB; bench/RESULTS.md has the measurement
    public static final ConfigKey<Integer> TASK_MEMORY = declare("taskMemory", ValueType.integer(), 256, Scope.ANY,
            "at least 256; at most what the smallest instance type leaves for tasks (below); with `fargate` "
            + "a size Fargate runs with `taskCpu` ([table](fargate.md#task-sizes))",
            "MiB of memory per task, its hard limit. At least 256 (the JVM), at most what the smallest "
            + "known instance type leaves for tasks; on fargate one of the sizes Fargate runs with taskCpu "
            + "(512, 1024 or 2048 with 256). The default fits the image's JVM flags, which bound the service "
            + "to about 220 MiB (docs/performance.md).");
    public static final ConfigKey<String> IMAGE = declare("image", ValueType.string(), "build", Scope.ANY,
            "`build`, a digest-pinned `<registry>/<repository>@sha256:<64 hex digits>`, `promote:<stack>` "
            + "or `promote:<org>/<project>/<stack>`",
            "Where the service's image comes from. build (from app/ by the deploying machine's Docker "
            + "engine, pushed to the stack's repository); a prebuilt image pinned by digest, "
            + "<registry>/<repository>@sha256:<64 hex digits> (nothing built, no Docker engine needed); or "
            + "promote:<stack> (or promote:<org>/<project>/<stack>), the image that stack runs, read from its "
            + "outputs (nothing built; its architecture must be this stack's).",
            s -> s.image().source().configValue());
    public static final ConfigKey<List<String>> PROMOTION_TARGETS = declare("promotionTargets", ValueType.stringList("[\"prod\", \"111122223333/prod\"]"), List.of(), Scope.ANY,
            "`<stack>` or `<12-digit account id>/<stack>` each, no duplicates; only with `build`",
            "With build, the stacks that promote this stack's image; its repository's policy lets their "
            + "task execution roles pull it. <stack> for a stack in this stack's account, <12-digit account "
            + "id>/<stack> for one in another.",
            s -> s.image().promotionTargets().stream().map(PromotionTarget::configValue).toList());
    public static final ConfigKey<Integer> CONTAINER_PORT = declare("containerPort", ValueType.integer(1, 65535), 5000, Scope.ANY,
            "1 to 65535",
            "The port the app listens on in its container (passed as PORT). 1 to 65535.");
    public static final ConfigKey<String> HEALTH_CHECK_PATH = declare("healthCheckPath", ValueType.string(), ServiceSettings.DEFAULT_HEALTH_CHECK_PATH, Scope.ANY,
            "starts with `/`; 1 to 1024 characters of RFC 3986 (percent-encode the rest)",
            "The path the load balancer asks each task for; 200 means healthy. Starts with /, at most 1024 "
            + "characters of RFC 3986 (percent-encode anything else).");
    public static final ConfigKey<List<String>> ENVIRONMENT = declare("environment", ValueType.stringList("[\"LOG_LEVEL=info\"]"), List.of(), Scope.ANY,
            "`NAME=value` each, POSIX names, each once across `environment` and `secrets`; not `PORT`, "
            + "`SHUTDOWN_GRACE_SECONDS` or a variable the ECS agent sets",
            "Plain environment variables of the container, NAME=value each. POSIX names; not PORT or "
            + "SHUTDOWN_GRACE_SECONDS (the program sets them) nor a variable the ECS agent sets. Nothing "
            + "secret: use secrets.",
            s -> s.service().environment().stream().map(EnvironmentVariable::configValue).toList());
    public static final ConfigKey<List<String>> SECRETS = declare("secrets", ValueType.stringList("[\"DB_PASSWORD=arn:aws:ssm:eu-west-1:111122223333:parameter/app/db-password\"]"), List.of(), Scope.ANY,
            "`NAME=<full ARN>` each: an SSM parameter, or a Secrets Manager secret (with its 6-character "
            + "suffix, optionally `:<json-key>:<version-stage>:<version-id>`; quote that form in YAML)",
            "Environment variables ECS fills from SSM Parameter Store or Secrets Manager when a task "
            + "starts, NAME=<full ARN> each. The task execution role may read exactly these parameters and "
            + "secrets.",
            s -> s.service().secrets().stream().map(ContainerSecret::configValue).toList());
    public static final ConfigKey<Integer> STOP_TIMEOUT_SECONDS = declare("stopTimeoutSeconds", ValueType.integer(), 30, Scope.ANY,
            "6 to 104; 6 to 120 with `fargate`",
            "Seconds a task gets between SIGTERM and SIGKILL; the app's shutdown grace "
            + "(SHUTDOWN_GRACE_SECONDS) is 2 s less. 6 to 104 on ec2 (the agent's poll, the scheduler, "
            + "deregistration and stopping fit the two-minute Spot notice); 6 to 120 on fargate (the SIGTERM "
            + "comes with the notice).");
    public static final ConfigKey<Integer> AZ_COUNT = declare("azCount", ValueType.integer(), 2, Scope.ANY,
            "2 to 6; 4 at most with a /24 `vpcCidr`",
            "Availability Zones to spread subnets, instances and tasks over. 2 to 6 (4 with a /24 vpcCidr).");
    public static final ConfigKey<NatGateways> NAT_GATEWAYS = declare("natGateways", ValueType.choice(NatGateways.class), NatGateways.SINGLE, Scope.ANY,
            "one of `single`, `perAz`, `none`",
            "How instances (or Fargate tasks) reach the internet. single (private subnets behind one NAT "
            + "gateway) or perAz (one NAT gateway per AZ, survives an AZ outage); none (no NAT gateway and no "
            + "private subnets, each instance or task in a public subnet with its own public IPv4 address, "
            + "reachable only from the load balancer, as AWS Copilot does; cheapest, egress addresses not "
            + "stable). docs/cost.md compares them.");
    public static final ConfigKey<String> VPC_CIDR = declare("vpcCidr", ValueType.string(), "10.0.0.0/16", Scope.ANY,
            "a private (10/8, 172.16/12, 192.168/16) /16 to /24, host bits clear",
            "The VPC's IPv4 block. A private (RFC 1918) /16 to /24.");
    public static final ConfigKey<FlowLogDestination> FLOW_LOGS = declare("flowLogs", ValueType.choice(FlowLogDestination.class), FlowLogDestination.CLOUD_WATCH_LOGS, Scope.ANY,
            "one of `cloudWatchLogs`, `s3`",
            "Where the VPC's flow log records of rejected traffic go. cloudWatchLogs (a log group of the "
            + "stack, kept logRetentionDays) or s3 (the stack's log bucket under flowlogs/, expired after "
            + "logRetentionDays; about half the ingestion price, read with Athena).");
    public static final ConfigKey<Integer> LOG_RETENTION_DAYS = declare("logRetentionDays", ValueType.integer(), 14, Scope.ANY,
            "one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            + "2922, 3288, 3653",
            "Days the service's logs are kept. One of CloudWatch Logs' periods (1, 3, 5, 7, 14, 30, 60, 90, "
            + "...).");
    public static final ConfigKey<ContainerInsights> CONTAINER_INSIGHTS = declare("containerInsights", ValueType.choice(ContainerInsights.class), ContainerInsights.ENABLED, Scope.ANY,
            "one of `enabled`, `disabled`",
            "The cluster's Container Insights. enabled (task and service metrics per minute, billed as "
            + "custom metrics; the too-few-tasks alarm counts running tasks) or disabled (no Container "
            + "Insights charges; the alarm and the dashboard count the load balancer's healthy targets "
            + "instead).");
    public static final ConfigKey<Boolean> ACCESS_LOGS = declare("accessLogs", ValueType.bool(), true, Scope.ANY,
            "one of `true`, `false`",
            "Log every request to the load balancer in an S3 bucket of the stack (SSE-S3, no public access, "
            + "TLS only, kept logRetentionDays). false keeps no access logs.");
    public static final ConfigKey<String> DOMAIN_NAME = declare("domainName", ValueType.string(), "", Scope.ANY,
            "empty, or a host name of two or more labels, at most 64 characters (ACM's limit)",
            "The DNS name to serve the service at over HTTPS, e.g. app.example.com. Empty serves plain HTTP "
            + "on the load balancer's name. Needs hostedZoneId or hostedZoneName; at most 64 characters (ACM).",
            s -> s.domain().domainName().orElse(""));
    public static final ConfigKey<String> HOSTED_ZONE_ID = declare("hostedZoneId", ValueType.string(), "", Scope.ANY,
            "empty, or a zone id (`Z…`)",
            "The public Route 53 hosted zone holding domainName, by id (e.g. Z1D633PJN98FT9). Set this or "
            + "hostedZoneName, not both.",
            s -> s.domain().hostedZoneId().orElse(""));
    public static final ConfigKey<String> HOSTED_ZONE_NAME = declare("hostedZoneName", ValueType.string(), "", Scope.ANY,
            "empty, or a host name that `domainName` is or is below",
            "The public Route 53 hosted zone holding domainName, by name (e.g. example.com), looked up at "
            + "deploy time; domainName must be inside it. Set this or hostedZoneId, not both.",
            s -> s.domain().hostedZoneName().orElse(""));
    public static final ConfigKey<String> ALARM_EMAIL = declare("alarmEmail", ValueType.string(), "", Scope.ANY,
            "empty, or an email address",
            "An email address subscribed to the alert topic (alarms and Spot events); it must confirm the "
            + "subscription once. Empty subscribes nobody.",
            s -> s.monitoring().alarmEmail().orElse(""));
    public static final ConfigKey<Integer> LATENCY_P99_THRESHOLD_MS = declare("latencyP99ThresholdMs", ValueType.integer(1, MonitoringSettings.MAX_LATENCY_THRESHOLD_MS), 1000, Scope.ANY,
            "1 to 60000",
            "The p99 target response time, in ms, above which (for 5 minutes) the latency alarm fires. 1 to "
            + "60000.");
    public static final ConfigKey<Boolean> PROTECT = declare("protect", ValueType.bool(), false, Scope.ANY,
            "one of `true`, `false`",
            "A production stack. true turns on the load balancer's deletion protection, keeps images in ECR "
            + "and access logs in S3 on destroy, and makes Pulumi refuse to delete the image repository, the "
            + "log groups and the access log bucket.");
    public static final ConfigKey<Boolean> SPOT_INTERRUPTION_DRILL = declare("spotInterruptionDrill", ValueType.bool(), false, Scope.ANY,
            "one of `true`, `false`; `true` only with `ec2`",
            "Declare an AWS Fault Injection Service experiment template that sends one running Spot "
            + "instance of the stack's Spot group the two-minute interruption notice "
            + "(aws:ec2:send-spot-instance-interruptions), stopped by the stack's 5xx alarms, and the role it "
            + "runs with, which may interrupt only that group's instances; its id is the stack output "
            + "spotInterruptionExperimentTemplateId. Declaring it interrupts nothing; starting it does (aws "
            + "fis start-experiment, or ./acceptance). ec2 only. docs/acceptance.md.");

    /** Every {@code spotfleet:} key, in the order Pulumi.yaml and docs/configuration.md list them. */
    public static final List<ConfigKey<?>> KEYS = List.copyOf(DECLARED);

    /** The keys that only mean something on EC2 instances: on a Fargate stack they must keep their defaults. */
    public static final List<String> EC2_ONLY_KEYS = names(ConfigKey.Scope.EC2);
    /** The keys that only mean something on Fargate: on an EC2 stack they must keep their defaults. */
    public static final List<String> FARGATE_ONLY_KEYS = names(ConfigKey.Scope.FARGATE);

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

    private static <T> ConfigKey<T> declare(String name, ConfigKey.ValueType<T> type, T defaultValue, ConfigKey.Scope scope,
                                            String range, String description) {
        var key = new ConfigKey<>(name, type, defaultValue, scope, range, description, Optional.empty());
        DECLARED.add(key);
        return key;
    }

    /** A key whose value the settings normalise: {@code readBack} reads it, as Pulumi.yaml writes it, out of them. */
    private static <T> ConfigKey<T> declare(String name, ConfigKey.ValueType<T> type, T defaultValue, ConfigKey.Scope scope,
                                            String range, String description, Function<StackSettings, Object> readBack) {
        var key = new ConfigKey<>(name, type, defaultValue, scope, range, description, Optional.of(readBack));
        DECLARED.add(key);
        return key;
    }

    private static List<String> names(ConfigKey.Scope scope) {
        return DECLARED.stream().filter(key -> key.scope() == scope).map(ConfigKey::name).toList();
    }

    /** Whether {@code key} (without its namespace) does anything on a stack that runs on {@code runOn}. */
    public static boolean usedOn(String key, RunOn runOn) {
        return KEYS.stream().filter(declared -> declared.name().equals(key)).allMatch(declared -> declared.usedOn(runOn));
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
        var runOn = settings.value(RUN_ON);
        var defaults = StackSettings.defaults();
        KEYS.stream()
                .filter(key -> !key.usedOn(runOn))
                .filter(key -> !Objects.equals(key.get(settings), key.get(defaults)))
                .forEach(key -> problems.add(("%s (%s) only applies when spotfleet:runOn is %s, and this stack runs on %s:"
                        + " remove it from the stack file").formatted(key.qualifiedName(), text(key.get(settings)),
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
        KEYS.forEach(key -> values.put(key.name(), key.get(settings)));
        return values;
    }
}
