package spotfleet.infra.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything the program needs to declare one stack, validated: building one with bad values throws
 * an {@link InvalidConfigException} listing every problem, so nothing is declared from a bad config.
 * Tests vary one value with {@code StackSettings.defaults().toBuilder().taskMemory(1024).build()}.
 *
 * @param config   every {@code spotfleet:} key's value ({@link #value}): what a component reads a key by
 * @param capacity EC2 or Fargate, and how much of it
 * @param image    where the service's image comes from, and which stacks may pull it from this stack's repository
 */
public record StackSettings(
        AwsSettings aws,
        ConfigValues config,
        NetworkSettings network,
        ClusterSettings cluster,
        CapacitySettings capacity,
        ServiceSettings service,
        ImageSettings image) {

    public StackSettings {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        var problems = new Problems();
        switch (capacity) {
            case CapacitySettings.OnFargate fargate -> {
                checkFargateTaskSize(problems, service);
                problems.notAbove("spotfleet:fargateOnDemandTasks", fargate.onDemandTasks(), "spotfleet:serviceMaxTasks",
                        service.serviceMaxTasks());
            }
            case CapacitySettings.OnEc2 ec2 -> {
                checkTaskFitsInstances(problems, ec2, service);
                problems.notAbove("spotfleet:onDemandTasks", ec2.onDemandTasks(), "spotfleet:serviceMaxTasks",
                        service.serviceMaxTasks());
            }
        }
        checkStopTimeout(problems, capacity, service);
        problems.check(!(config.get(StackConfig.SPOT_INTERRUPTION_DRILL) && capacity instanceof CapacitySettings.OnFargate),
                "spotfleet:spotInterruptionDrill is true on a stack with spotfleet:runOn fargate: the drill interrupts a Spot"
                        + " instance of the stack's Auto Scaling group, and a Fargate stack has none (AWS FIS has no action that"
                        + " interrupts Fargate Spot tasks)");
        problems.throwIfAny();
    }

    public static StackSettings defaults() {
        return new Builder(AwsSettings.fromEnvironment(), ConfigValues.defaults()).build();
    }

    /** The value of {@code key}, as its declaration parses it. */
    public <T> T value(ConfigKey<T> key) {
        return config.get(key);
    }

    /** The custom domain and its hosted zone; none serves plain HTTP on the load balancer's name. */
    public DomainSettings domain() {
        return domain(config);
    }

    /** Who is told about alarms and Spot events, and the latency alarm's threshold. */
    public MonitoringSettings monitoring() {
        return monitoring(config);
    }

    /** The load balancer logs every request to an S3 bucket of the stack, kept {@code logRetentionDays}. */
    public boolean accessLogs() {
        return value(StackConfig.ACCESS_LOGS);
    }

    /**
     * A production stack: deletion protection on the load balancer, and Pulumi {@code protect} on what holds data (the
     * image repository, the log groups and the access log bucket).
     */
    public boolean protect() {
        return value(StackConfig.PROTECT);
    }

    /**
     * The stack declares an AWS FIS experiment template that interrupts one of its Spot instances, and the role it runs
     * with (EC2 only): the acceptance run's drill, or a team's by hand.
     */
    public boolean spotInterruptionDrill() {
        return value(StackConfig.SPOT_INTERRUPTION_DRILL);
    }

    private static DomainSettings domain(ConfigValues config) {
        return new DomainSettings(presentUnlessBlank(config.get(StackConfig.DOMAIN_NAME)),
                presentUnlessBlank(config.get(StackConfig.HOSTED_ZONE_ID)), presentUnlessBlank(config.get(StackConfig.HOSTED_ZONE_NAME)));
    }

    private static MonitoringSettings monitoring(ConfigValues config) {
        return new MonitoringSettings(presentUnlessBlank(config.get(StackConfig.ALARM_EMAIL)),
                config.get(StackConfig.LATENCY_P99_THRESHOLD_MS));
    }

    /** Empty or blank: not set (Pulumi.yaml's default of these keys is the empty string). */
    private static Optional<String> presentUnlessBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Builder toBuilder() {
        return new Builder(aws, config);
    }

    /** Fargate runs only the CPU and memory pairs it lists ({@link FargateTaskSizes}). */
    private static void checkFargateTaskSize(Problems problems, ServiceSettings service) {
        var memory = FargateTaskSizes.memoryFor(service.taskCpu());
        if (memory.isEmpty()) {
            problems.add("spotfleet:taskCpu (%d) is not a task size Fargate runs: use one of %s"
                    .formatted(service.taskCpu(), list(FargateTaskSizes.MEMORY_BY_CPU.keySet())));
        } else if (!memory.contains(service.taskMemory())) {
            problems.add(("spotfleet:taskMemory (%d) is not a memory size Fargate runs with spotfleet:taskCpu %d: use one of %s"
                    + " (Pulumi.yaml's default of 256 MiB is for ec2; a fargate stack sets taskMemory)")
                    .formatted(service.taskMemory(), service.taskCpu(), list(memory)));
        }
    }

    /**
     * The stop timeout must end inside the two-minute Spot notice: on EC2 after the target's deregistration, on Fargate
     * from the notice itself ({@link ServiceSettings#MAX_STOP_TIMEOUT_SECONDS}, {@link ServiceSettings#FARGATE_MAX_STOP_TIMEOUT_SECONDS}).
     */
    private static void checkStopTimeout(Problems problems, CapacitySettings capacity, ServiceSettings service) {
        var stopTimeout = service.stopTimeoutSeconds();
        var onFargate = capacity instanceof CapacitySettings.OnFargate;
        var max = onFargate ? ServiceSettings.FARGATE_MAX_STOP_TIMEOUT_SECONDS : ServiceSettings.MAX_STOP_TIMEOUT_SECONDS;
        var why = onFargate
                ? "on Fargate the SIGTERM comes with the %d s Spot interruption warning, and ECS allows no more"
                        .formatted(ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS)
                : ("the agent's %d s poll, the scheduler's %d s allowance, the %d s target deregistration and the stop timeout"
                        + " must end inside the %d s Spot interruption notice").formatted(ServiceSettings.AGENT_NOTICE_POLL_SECONDS,
                        ServiceSettings.SCHEDULER_REACTION_SECONDS, ServiceSettings.DEREGISTRATION_DELAY_SECONDS,
                        ServiceSettings.SPOT_INTERRUPTION_NOTICE_SECONDS);
        problems.check(stopTimeout >= ServiceSettings.MIN_STOP_TIMEOUT_SECONDS && stopTimeout <= max,
                "spotfleet:stopTimeoutSeconds (%d) must be between %d (the app drains for %d s, then needs %d s to exit before SIGKILL) and %d (%s)"
                        .formatted(stopTimeout, ServiceSettings.MIN_STOP_TIMEOUT_SECONDS, ServiceSettings.APP_DRAIN_SECONDS,
                                ServiceSettings.EXIT_MARGIN_SECONDS, max, why));
    }

    private static String list(Collection<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Every instance type the group may launch must hold one task, or some launches place nothing. */
    private static void checkTaskFitsInstances(Problems problems, CapacitySettings.OnEc2 capacity, ServiceSettings service) {
        capacity.smallestKnownType(InstanceCatalog.Resources::taskMemoryMib).ifPresent(type -> {
            var size = InstanceCatalog.lookup(type).orElseThrow();
            problems.check(service.taskMemory() <= size.taskMemoryMib(),
                    ("spotfleet:taskMemory (%d) is too large for the smallest instance type %s: about %d of its %d MiB"
                            + " are left for tasks after the kernel and the %d MiB kept for the ECS agent and the OS")
                            .formatted(service.taskMemory(), type, size.taskMemoryMib(), size.memoryMib(),
                                    InstanceCatalog.ECS_RESERVED_MEMORY_MIB));
        });
        capacity.smallestKnownType(InstanceCatalog.Resources::cpuUnits).ifPresent(type -> {
            var units = InstanceCatalog.lookup(type).orElseThrow().cpuUnits();
            problems.check(service.taskCpu() <= units,
                    "spotfleet:taskCpu (%d) is more than the smallest instance type %s has (%d CPU units)"
                            .formatted(service.taskCpu(), type, units));
        });
    }

    /**
     * The config's values by key, defaults for those not set. {@link #build()} checks each key's bounds, validates each
     * group and then the whole, collecting every problem into one {@link InvalidConfigException}; checks across groups
     * run once the groups are valid. The named setters are the tests' shorthand for {@link #set}.
     */
    public static final class Builder {
        private AwsSettings aws;
        private final Map<ConfigKey<?>, Object> values;

        private Builder(AwsSettings aws, ConfigValues config) {
            this.aws = aws;
            this.values = new LinkedHashMap<>(config.values());
        }

        /** A null is kept, for the group that needs the value to say so (serviceScalingMetric must be set). */
        public <T> Builder set(ConfigKey<T> key, T value) {
            values.put(key, value);
            return this;
        }

        @SuppressWarnings("unchecked") // set() puts each key's own type
        <T> T get(ConfigKey<T> key) {
            return (T) values.get(key);
        }

        public Builder aws(AwsSettings v) { aws = v; return this; }
        public Builder awsRegion(String v) { aws = aws.with("region", v); return this; }
        public Builder awsProfile(String v) { aws = aws.with("profile", v); return this; }
        public Builder vpcCidr(String v) { return set(StackConfig.VPC_CIDR, v); }
        public Builder azCount(int v) { return set(StackConfig.AZ_COUNT, v); }
        public Builder natGateways(NatGateways v) { return set(StackConfig.NAT_GATEWAYS, v); }
        public Builder flowLogs(FlowLogDestination v) { return set(StackConfig.FLOW_LOGS, v); }
        public Builder logRetentionDays(int v) { return set(StackConfig.LOG_RETENTION_DAYS, v); }
        public Builder containerInsights(ContainerInsights v) { return set(StackConfig.CONTAINER_INSIGHTS, v); }
        public Builder runOn(RunOn v) { return set(StackConfig.RUN_ON, v); }
        public Builder fargateOnDemandTasks(int v) { return set(StackConfig.FARGATE_ON_DEMAND_TASKS, v); }
        public Builder fargateArchitecture(Architecture v) { return set(StackConfig.FARGATE_ARCHITECTURE, v); }
        public Builder instanceTypes(List<String> v) { return set(StackConfig.INSTANCE_TYPES, List.copyOf(v)); }
        public Builder onDemandTasks(int v) { return set(StackConfig.ON_DEMAND_TASKS, v); }
        public Builder spotAllocationStrategy(SpotAllocationStrategy v) { return set(StackConfig.SPOT_ALLOCATION_STRATEGY, v); }
        public Builder minInstances(int v) { return set(StackConfig.MIN_INSTANCES, v); }
        public Builder maxInstances(int v) { return set(StackConfig.MAX_INSTANCES, v); }
        public Builder instanceScaling(InstanceScaling v) { return set(StackConfig.INSTANCE_SCALING, v); }
        public Builder capacityTargetPercent(int v) { return set(StackConfig.CAPACITY_TARGET_PERCENT, v); }
        public Builder instanceCpuTarget(int v) { return set(StackConfig.INSTANCE_CPU_TARGET, v); }
        public Builder instanceRefresh(boolean v) { return set(StackConfig.INSTANCE_REFRESH, v); }
        /** Empty or blank: the recommended ECS AMI, taken when the stack is created (Pulumi.yaml's default is the empty string). */
        public Builder ecsAmiId(String v) { return set(StackConfig.ECS_AMI_ID, v); }
        public Builder containerPort(int v) { return set(StackConfig.CONTAINER_PORT, v); }
        public Builder taskCpu(int v) { return set(StackConfig.TASK_CPU, v); }
        public Builder taskMemory(int v) { return set(StackConfig.TASK_MEMORY, v); }
        public Builder serviceMinTasks(int v) { return set(StackConfig.SERVICE_MIN_TASKS, v); }
        public Builder serviceMaxTasks(int v) { return set(StackConfig.SERVICE_MAX_TASKS, v); }
        public Builder serviceScalingMetric(ServiceScalingMetric v) { return set(StackConfig.SERVICE_SCALING_METRIC, v); }
        public Builder serviceCpuTarget(int v) { return set(StackConfig.SERVICE_CPU_TARGET, v); }
        public Builder serviceRequestsPerTarget(int v) { return set(StackConfig.SERVICE_REQUESTS_PER_TARGET, v); }
        public Builder scaleInCooldown(int v) { return set(StackConfig.SCALE_IN_COOLDOWN, v); }
        public Builder scaleOutCooldown(int v) { return set(StackConfig.SCALE_OUT_COOLDOWN, v); }
        public Builder stopTimeoutSeconds(int v) { return set(StackConfig.STOP_TIMEOUT_SECONDS, v); }
        public Builder healthCheckPath(String v) { return set(StackConfig.HEALTH_CHECK_PATH, v); }
        /** {@code NAME=value} items, as spotfleet:environment writes them. */
        public Builder environment(List<String> v) { return set(StackConfig.ENVIRONMENT, List.copyOf(v)); }
        /** {@code NAME=<ARN>} items, as spotfleet:secrets writes them. */
        public Builder secrets(List<String> v) { return set(StackConfig.SECRETS, List.copyOf(v)); }
        /** {@code build}, {@code promote:<stack>} or a digest-pinned reference, as spotfleet:image writes it. */
        public Builder image(String v) { return set(StackConfig.IMAGE, v); }
        /** {@code <stack>} or {@code <account id>/<stack>} items, as spotfleet:promotionTargets writes them. */
        public Builder promotionTargets(List<String> v) { return set(StackConfig.PROMOTION_TARGETS, List.copyOf(v)); }
        /** Empty or blank: no custom domain (Pulumi.yaml's default is the empty string). */
        public Builder domainName(String v) { return set(StackConfig.DOMAIN_NAME, v); }
        public Builder hostedZoneId(String v) { return set(StackConfig.HOSTED_ZONE_ID, v); }
        public Builder hostedZoneName(String v) { return set(StackConfig.HOSTED_ZONE_NAME, v); }
        public Builder alarmEmail(String v) { return set(StackConfig.ALARM_EMAIL, v); }
        public Builder latencyP99ThresholdMs(int v) { return set(StackConfig.LATENCY_P99_THRESHOLD_MS, v); }
        public Builder accessLogs(boolean v) { return set(StackConfig.ACCESS_LOGS, v); }
        public Builder protect(boolean v) { return set(StackConfig.PROTECT, v); }
        public Builder spotInterruptionDrill(boolean v) { return set(StackConfig.SPOT_INTERRUPTION_DRILL, v); }

        public StackSettings build() {
            var problems = new Problems();
            StackConfig.KEYS.forEach(key -> key.checkBounds(values.get(key), problems));
            var network = validated(problems, () -> new NetworkSettings(get(StackConfig.VPC_CIDR), get(StackConfig.AZ_COUNT),
                    get(StackConfig.NAT_GATEWAYS), get(StackConfig.FLOW_LOGS)));
            var cluster = validated(problems, () -> new ClusterSettings(get(StackConfig.LOG_RETENTION_DAYS),
                    get(StackConfig.CONTAINER_INSIGHTS)));
            // Both platforms' keys are validated (the other's keep valid defaults), then the stack's platform is chosen.
            var ec2 = validated(problems, () -> new CapacitySettings.OnEc2(get(StackConfig.INSTANCE_TYPES),
                    get(StackConfig.ON_DEMAND_TASKS), get(StackConfig.SPOT_ALLOCATION_STRATEGY),
                    new CapacitySettings.InstanceCount(get(StackConfig.MIN_INSTANCES), get(StackConfig.MAX_INSTANCES)),
                    new CapacitySettings.InstanceTarget(get(StackConfig.INSTANCE_SCALING), get(StackConfig.CAPACITY_TARGET_PERCENT),
                            get(StackConfig.INSTANCE_CPU_TARGET)),
                    get(StackConfig.INSTANCE_REFRESH), presentUnlessBlank(get(StackConfig.ECS_AMI_ID))));
            var fargate = new CapacitySettings.OnFargate(get(StackConfig.FARGATE_ON_DEMAND_TASKS), get(StackConfig.FARGATE_ARCHITECTURE));
            CapacitySettings capacity = get(StackConfig.RUN_ON) == RunOn.FARGATE ? fargate : ec2;
            var service = validated(problems, () -> new ServiceSettings(
                    new ServiceSettings.Container(get(StackConfig.CONTAINER_PORT), get(StackConfig.TASK_CPU), get(StackConfig.TASK_MEMORY),
                            get(StackConfig.STOP_TIMEOUT_SECONDS), get(StackConfig.HEALTH_CHECK_PATH),
                            ItemList.parse(problems, "spotfleet:environment", get(StackConfig.ENVIRONMENT), EnvironmentVariable::parse),
                            ItemList.parse(problems, "spotfleet:secrets", get(StackConfig.SECRETS), ContainerSecret::parse)),
                    new ServiceSettings.Scaling(get(StackConfig.SERVICE_MIN_TASKS), get(StackConfig.SERVICE_MAX_TASKS),
                            get(StackConfig.SERVICE_SCALING_METRIC), get(StackConfig.SERVICE_CPU_TARGET),
                            get(StackConfig.SERVICE_REQUESTS_PER_TARGET), get(StackConfig.SCALE_IN_COOLDOWN),
                            get(StackConfig.SCALE_OUT_COOLDOWN)), new ConfigValues(values)));
            var source = ItemList.parseOne(problems, "spotfleet:image", get(StackConfig.IMAGE), ImageSource::parse);
            var targets = ItemList.parse(problems, "spotfleet:promotionTargets", get(StackConfig.PROMOTION_TARGETS), PromotionTarget::parse);
            var image = source == null ? null : validated(problems, () -> new ImageSettings(source, targets));
            var config = new ConfigValues(values);
            validated(problems, () -> domain(config));
            validated(problems, () -> monitoring(config));
            problems.throwIfAny();
            return new StackSettings(aws, config, network, cluster, capacity, service, image);
        }

        private static <T> T validated(Problems problems, Supplier<T> group) {
            try {
                return group.get();
            } catch (InvalidConfigException e) {
                problems.addAll(e);
                return null;
            }
        }
    }
}
