package spotfleet.infra.config;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything the program needs to declare one stack, validated: building one with bad values throws
 * an {@link InvalidConfigException} listing every problem, so nothing is declared from a bad config.
 * Tests vary one value with {@code StackSettings.defaults().toBuilder().taskMemory(1024).build()}.
 *
 * @param image      where the service's image comes from, and which stacks may pull it from this stack's repository
 * @param domain     the custom domain and its hosted zone; none serves plain HTTP on the load balancer's name
 * @param monitoring who is told about alarms and Spot events, and the latency alarm's threshold
 * @param accessLogs the load balancer logs every request to an S3 bucket of the stack, kept {@code logRetentionDays}
 * @param protect    a production stack: deletion protection on the load balancer, and Pulumi {@code protect}
 *                   on what holds data (the image repository, the log groups and the access log bucket)
 * @param spotInterruptionDrill the stack declares an AWS FIS experiment template that interrupts one of its Spot
 *                   instances, and the role it runs with (EC2 only): the acceptance run's drill, or a team's by hand
 */
public record StackSettings(
        AwsSettings aws,
        NetworkSettings network,
        ClusterSettings cluster,
        CapacitySettings capacity,
        ServiceSettings service,
        ImageSettings image,
        DomainSettings domain,
        MonitoringSettings monitoring,
        boolean accessLogs,
        boolean protect,
        boolean spotInterruptionDrill) {

    public StackSettings {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(monitoring, "monitoring");
        var problems = new Problems();
        if (capacity.onFargate()) {
            checkFargateTaskSize(problems, service);
            problems.notAbove("spotfleet:fargateOnDemandTasks", capacity.fargateOnDemandTasks(), "spotfleet:serviceMaxTasks",
                    service.serviceMaxTasks());
        } else {
            checkTaskFitsInstances(problems, capacity, service);
            problems.notAbove("spotfleet:onDemandTasks", capacity.onDemandTasks(), "spotfleet:serviceMaxTasks",
                    service.serviceMaxTasks());
        }
        checkStopTimeout(problems, capacity, service);
        problems.check(!(spotInterruptionDrill && capacity.onFargate()), "spotfleet:spotInterruptionDrill is true on a stack"
                + " with spotfleet:runOn fargate: the drill interrupts a Spot instance of the stack's Auto Scaling group, and a"
                + " Fargate stack has none (AWS FIS has no action that interrupts Fargate Spot tasks)");
        problems.throwIfAny();
    }

    /** Settings without a custom domain, with the default monitoring, access logs on and no protection. */
    public StackSettings(AwsSettings aws, NetworkSettings network, ClusterSettings cluster, CapacitySettings capacity,
                         ServiceSettings service) {
        this(aws, network, cluster, capacity, service, ImageSettings.defaults(), DomainSettings.none(), MonitoringSettings.defaults(),
                true, false, false);
    }

    public static StackSettings defaults() {
        return new StackSettings(AwsSettings.fromEnvironment(), NetworkSettings.defaults(), ClusterSettings.defaults(),
                CapacitySettings.defaults(), ServiceSettings.defaults(), ImageSettings.defaults(), DomainSettings.none(),
                MonitoringSettings.defaults(), true, false, false);
    }

    public Builder toBuilder() {
        return new Builder(this);
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
        var max = capacity.onFargate() ? ServiceSettings.FARGATE_MAX_STOP_TIMEOUT_SECONDS : ServiceSettings.MAX_STOP_TIMEOUT_SECONDS;
        var why = capacity.onFargate()
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
    private static void checkTaskFitsInstances(Problems problems, CapacitySettings capacity, ServiceSettings service) {
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
     * One setter per config key. {@link #build()} validates each group and then the whole, collecting every
     * problem into one {@link InvalidConfigException}; checks across groups run once the groups are valid.
     */
    public static final class Builder {
        private AwsSettings aws;
        private String vpcCidr;
        private int azCount;
        private NatGateways natGateways;
        private FlowLogDestination flowLogs;
        private int logRetentionDays;
        private ContainerInsights containerInsights;
        private RunOn runOn;
        private int fargateOnDemandTasks;
        private Architecture fargateArchitecture;
        private List<String> instanceTypes;
        private int onDemandTasks;
        private SpotAllocationStrategy spotAllocationStrategy;
        private int minInstances;
        private int maxInstances;
        private InstanceScaling instanceScaling;
        private int capacityTargetPercent;
        private int instanceCpuTarget;
        private boolean instanceRefresh;
        private Optional<String> ecsAmiId;
        private int containerPort;
        private int taskCpu;
        private int taskMemory;
        private int serviceMinTasks;
        private int serviceMaxTasks;
        private ServiceScalingMetric serviceScalingMetric;
        private int serviceCpuTarget;
        private int serviceRequestsPerTarget;
        private int scaleInCooldown;
        private int scaleOutCooldown;
        private int stopTimeoutSeconds;
        private String healthCheckPath;
        private List<String> environment;
        private List<String> secrets;
        private String image;
        private List<String> promotionTargets;
        private Optional<String> domainName;
        private Optional<String> hostedZoneId;
        private Optional<String> hostedZoneName;
        private Optional<String> alarmEmail;
        private int latencyP99ThresholdMs;
        private boolean accessLogs;
        private boolean protect;
        private boolean spotInterruptionDrill;

        private Builder(StackSettings from) {
            aws = from.aws;
            vpcCidr = from.network.vpcCidr();
            azCount = from.network.azCount();
            natGateways = from.network.natGateways();
            flowLogs = from.network.flowLogs();
            logRetentionDays = from.cluster.logRetentionDays();
            containerInsights = from.cluster.containerInsights();
            var c = from.capacity;
            runOn = c.runOn();
            fargateOnDemandTasks = c.fargateOnDemandTasks();
            fargateArchitecture = c.fargateArchitecture();
            instanceTypes = c.instanceTypes();
            onDemandTasks = c.onDemandTasks();
            spotAllocationStrategy = c.spotAllocationStrategy();
            minInstances = c.minInstances();
            maxInstances = c.maxInstances();
            instanceScaling = c.instanceScaling();
            capacityTargetPercent = c.capacityTargetPercent();
            instanceCpuTarget = c.instanceCpuTarget();
            instanceRefresh = c.instanceRefresh();
            ecsAmiId = c.ecsAmiId();
            var s = from.service;
            containerPort = s.containerPort();
            taskCpu = s.taskCpu();
            taskMemory = s.taskMemory();
            serviceMinTasks = s.serviceMinTasks();
            serviceMaxTasks = s.serviceMaxTasks();
            serviceScalingMetric = s.serviceScalingMetric();
            serviceCpuTarget = s.serviceCpuTarget();
            serviceRequestsPerTarget = s.serviceRequestsPerTarget();
            scaleInCooldown = s.scaleInCooldown();
            scaleOutCooldown = s.scaleOutCooldown();
            stopTimeoutSeconds = s.stopTimeoutSeconds();
            healthCheckPath = s.healthCheckPath();
            environment = s.environment().stream().map(EnvironmentVariable::configValue).toList();
            secrets = s.secrets().stream().map(ContainerSecret::configValue).toList();
            image = from.image.source().configValue();
            promotionTargets = from.image.promotionTargets().stream().map(PromotionTarget::configValue).toList();
            domainName = from.domain.domainName();
            hostedZoneId = from.domain.hostedZoneId();
            hostedZoneName = from.domain.hostedZoneName();
            alarmEmail = from.monitoring.alarmEmail();
            latencyP99ThresholdMs = from.monitoring.latencyP99ThresholdMs();
            accessLogs = from.accessLogs;
            protect = from.protect;
            spotInterruptionDrill = from.spotInterruptionDrill;
        }

        public Builder aws(AwsSettings v) { aws = v; return this; }
        public Builder awsRegion(String v) { aws = aws.with("region", v); return this; }
        public Builder awsProfile(String v) { aws = aws.with("profile", v); return this; }
        public Builder vpcCidr(String v) { vpcCidr = v; return this; }
        public Builder azCount(int v) { azCount = v; return this; }
        public Builder natGateways(NatGateways v) { natGateways = v; return this; }
        public Builder flowLogs(FlowLogDestination v) { flowLogs = v; return this; }
        public Builder logRetentionDays(int v) { logRetentionDays = v; return this; }
        public Builder containerInsights(ContainerInsights v) { containerInsights = v; return this; }
        public Builder runOn(RunOn v) { runOn = v; return this; }
        public Builder fargateOnDemandTasks(int v) { fargateOnDemandTasks = v; return this; }
        public Builder fargateArchitecture(Architecture v) { fargateArchitecture = v; return this; }
        public Builder instanceTypes(List<String> v) { instanceTypes = List.copyOf(v); return this; }
        public Builder onDemandTasks(int v) { onDemandTasks = v; return this; }
        public Builder spotAllocationStrategy(SpotAllocationStrategy v) { spotAllocationStrategy = v; return this; }
        public Builder minInstances(int v) { minInstances = v; return this; }
        public Builder maxInstances(int v) { maxInstances = v; return this; }
        public Builder instanceScaling(InstanceScaling v) { instanceScaling = v; return this; }
        public Builder capacityTargetPercent(int v) { capacityTargetPercent = v; return this; }
        public Builder instanceCpuTarget(int v) { instanceCpuTarget = v; return this; }
        public Builder instanceRefresh(boolean v) { instanceRefresh = v; return this; }
        /** Empty or blank: the recommended ECS AMI, taken when the stack is created (Pulumi.yaml's default is the empty string). */
        public Builder ecsAmiId(String v) { ecsAmiId = presentUnlessBlank(v); return this; }
        public Builder containerPort(int v) { containerPort = v; return this; }
        public Builder taskCpu(int v) { taskCpu = v; return this; }
        public Builder taskMemory(int v) { taskMemory = v; return this; }
        public Builder serviceMinTasks(int v) { serviceMinTasks = v; return this; }
        public Builder serviceMaxTasks(int v) { serviceMaxTasks = v; return this; }
        public Builder serviceScalingMetric(ServiceScalingMetric v) { serviceScalingMetric = v; return this; }
        public Builder serviceCpuTarget(int v) { serviceCpuTarget = v; return this; }
        public Builder serviceRequestsPerTarget(int v) { serviceRequestsPerTarget = v; return this; }
        public Builder scaleInCooldown(int v) { scaleInCooldown = v; return this; }
        public Builder scaleOutCooldown(int v) { scaleOutCooldown = v; return this; }
        public Builder stopTimeoutSeconds(int v) { stopTimeoutSeconds = v; return this; }
        public Builder healthCheckPath(String v) { healthCheckPath = v; return this; }
        /** {@code NAME=value} items, as spotfleet:environment writes them. */
        public Builder environment(List<String> v) { environment = List.copyOf(v); return this; }
        /** {@code NAME=<ARN>} items, as spotfleet:secrets writes them. */
        public Builder secrets(List<String> v) { secrets = List.copyOf(v); return this; }
        /** {@code build}, {@code promote:<stack>} or a digest-pinned reference, as spotfleet:image writes it. */
        public Builder image(String v) { image = v; return this; }
        /** {@code <stack>} or {@code <account id>/<stack>} items, as spotfleet:promotionTargets writes them. */
        public Builder promotionTargets(List<String> v) { promotionTargets = List.copyOf(v); return this; }
        /** Empty or blank: no custom domain (Pulumi.yaml's default is the empty string). */
        public Builder domainName(String v) { domainName = presentUnlessBlank(v); return this; }
        public Builder hostedZoneId(String v) { hostedZoneId = presentUnlessBlank(v); return this; }
        public Builder hostedZoneName(String v) { hostedZoneName = presentUnlessBlank(v); return this; }
        public Builder alarmEmail(String v) { alarmEmail = presentUnlessBlank(v); return this; }
        public Builder latencyP99ThresholdMs(int v) { latencyP99ThresholdMs = v; return this; }
        public Builder accessLogs(boolean v) { accessLogs = v; return this; }
        public Builder protect(boolean v) { protect = v; return this; }
        public Builder spotInterruptionDrill(boolean v) { spotInterruptionDrill = v; return this; }

        public StackSettings build() {
            var problems = new Problems();
            var network = validated(problems, () -> new NetworkSettings(vpcCidr, azCount, natGateways, flowLogs));
            var cluster = validated(problems, () -> new ClusterSettings(logRetentionDays, containerInsights));
            var capacity = validated(problems, () -> new CapacitySettings(runOn, fargateOnDemandTasks, fargateArchitecture,
                    instanceTypes, onDemandTasks, spotAllocationStrategy, minInstances, maxInstances,
                    instanceScaling, capacityTargetPercent, instanceCpuTarget, instanceRefresh, ecsAmiId));
            var service = validated(problems, () -> new ServiceSettings(containerPort, taskCpu, taskMemory,
                    serviceMinTasks, serviceMaxTasks, serviceScalingMetric, serviceCpuTarget, serviceRequestsPerTarget,
                    scaleInCooldown, scaleOutCooldown, stopTimeoutSeconds, healthCheckPath,
                    ItemList.parse(problems, "spotfleet:environment", environment, EnvironmentVariable::parse),
                    ItemList.parse(problems, "spotfleet:secrets", secrets, ContainerSecret::parse)));
            var source = ItemList.parseOne(problems, "spotfleet:image", this.image, ImageSource::parse);
            var targets = ItemList.parse(problems, "spotfleet:promotionTargets", promotionTargets, PromotionTarget::parse);
            var image = source == null ? null : validated(problems, () -> new ImageSettings(source, targets));
            var domain = validated(problems, () -> new DomainSettings(domainName, hostedZoneId, hostedZoneName));
            var monitoring = validated(problems, () -> new MonitoringSettings(alarmEmail, latencyP99ThresholdMs));
            problems.throwIfAny();
            return new StackSettings(aws, network, cluster, capacity, service, image, domain, monitoring, accessLogs, protect,
                    spotInterruptionDrill);
        }

        private static Optional<String> presentUnlessBlank(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
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
