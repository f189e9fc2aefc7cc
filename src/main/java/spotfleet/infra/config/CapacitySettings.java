package spotfleet.infra.config;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Where the tasks run. On EC2 (the default), the machines: which instance types the Auto Scaling group may launch, the
 * on-demand/Spot mix, and how it scales. On Fargate, how many tasks stay on on-demand {@code FARGATE} and the CPU
 * architecture; the instance keys then keep their defaults ({@link StackConfig} refuses them set otherwise).
 *
 * @param runOn                                ec2 (the stack's instances) or fargate
 * @param fargateOnDemandTasks                 on Fargate: tasks always on {@code FARGATE}, the rest on {@code FARGATE_SPOT}; >= 0
 * @param fargateArchitecture                  on Fargate: the tasks' CPU architecture (no instance types to derive it from)
 * @param instanceTypes                        instance type names, all of one architecture, in priority order
 * @param onDemandTasks                        on EC2: tasks ECS always places on the on-demand group's instances (the
 *                                             service strategy's base on its capacity provider), the rest on Spot; >= 0,
 *                                             and 0 with {@code instanceScaling: cpu}, where ECS places without providers
 * @param spotAllocationStrategy               how EC2 picks Spot pools
 * @param minInstances                         the Spot group's minimum size, >= 0
 * @param maxInstances                         the Spot group's maximum size, >= 1 and >= {@code minInstances}
 * @param instanceScaling                      capacity provider (default) or CPU target tracking
 * @param capacityTargetPercent                capacity provider's target utilisation of the instances, 1-100
 * @param instanceCpuTarget                    CPU target tracking's average CPU %, 1-100
 * @param instanceRefresh                      roll a new launch template version (a new AMI) out to the running
 *                                             instances with an Auto Scaling instance refresh (default true)
 * @param ecsAmiId                             the instances' AMI; empty takes the ECS-optimized AMI AWS recommends when the
 *                                             stack is created and keeps it, so an AMI release never rides along with a
 *                                             deploy; an id pins that AMI, and changing it is a deploy of its own
 */
public record CapacitySettings(
        RunOn runOn,
        int fargateOnDemandTasks,
        Architecture fargateArchitecture,
        List<String> instanceTypes,
        int onDemandTasks,
        SpotAllocationStrategy spotAllocationStrategy,
        int minInstances,
        int maxInstances,
        InstanceScaling instanceScaling,
        int capacityTargetPercent,
        int instanceCpuTarget,
        boolean instanceRefresh,
        Optional<String> ecsAmiId) {

    public CapacitySettings {
        instanceTypes = List.copyOf(instanceTypes);
        Objects.requireNonNull(runOn, "runOn");
        Objects.requireNonNull(fargateArchitecture, "fargateArchitecture");
        Objects.requireNonNull(spotAllocationStrategy, "spotAllocationStrategy");
        Objects.requireNonNull(instanceScaling, "instanceScaling");
        Objects.requireNonNull(ecsAmiId, "ecsAmiId");
        var problems = new Problems();
        checkInstanceTypes(problems, instanceTypes);
        problems.atLeast("spotfleet:minInstances", minInstances, 0);
        problems.atLeast("spotfleet:maxInstances", maxInstances, 1);
        problems.notAbove("spotfleet:minInstances", minInstances, "spotfleet:maxInstances", maxInstances);
        problems.atLeast("spotfleet:onDemandTasks", onDemandTasks, 0);
        problems.check(runOn == RunOn.FARGATE || instanceScaling != InstanceScaling.CPU || onDemandTasks == 0,
                ("spotfleet:onDemandTasks (%d) needs spotfleet:instanceScaling capacityProvider: with cpu the service places"
                        + " its tasks with launch type EC2, and nothing keeps any of them on on-demand instances; set"
                        + " onDemandTasks to 0 or use the capacity provider").formatted(onDemandTasks));
        checkCreditModes(problems, instanceTypes);
        ecsAmiId.ifPresent(id -> problems.check(AMI_ID.matcher(id).matches(),
                "spotfleet:ecsAmiId (%s) is not an AMI id such as ami-0123456789abcdef0: leave it empty for the recommended ECS AMI"
                        .formatted(id)));
        problems.between("spotfleet:capacityTargetPercent", capacityTargetPercent, 1, 100);
        problems.between("spotfleet:instanceCpuTarget", instanceCpuTarget, 1, 100);
        problems.atLeast("spotfleet:fargateOnDemandTasks", fargateOnDemandTasks, 0);
        problems.throwIfAny();
    }

    public static CapacitySettings defaults() {
        // arm64 on Fargate: Graviton's lower price, and FARGATE_SPOT runs ARM64 tasks (docs/fargate.md says where AWS says so)
        return new CapacitySettings(RunOn.EC2, 1, Architecture.ARM64, List.of("t3.micro", "t3a.micro", "t2.micro"), 1,
                SpotAllocationStrategy.CAPACITY_OPTIMIZED, 1, 4, InstanceScaling.CAPACITY_PROVIDER, DEFAULT_CAPACITY_TARGET_PERCENT,
                70, true, Optional.empty());
    }

    /**
     * Below 100, so that ECS keeps at least one Spot instance more than the tasks need (ECS API reference,
     * ManagedScaling.targetCapacity: "if you want the capacity provider to maintain 10% spare capacity, then that means
     * the utilization is 90%"): an interrupted instance's tasks find room on instances already running, instead of
     * waiting minutes for a new one (docs/interruption-timeline.md).
     */
    public static final int DEFAULT_CAPACITY_TARGET_PERCENT = 75;
    /** EC2's image ids: {@code ami-} and 8 or 17 hex digits (botocore ec2, ImageId is a plain string; the form is EC2's). */
    private static final java.util.regex.Pattern AMI_ID = java.util.regex.Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");

    /** Whether every listed type is a burstable (T) type, which the launch template then pins to standard credits. */
    public boolean allBurstable() {
        return types().stream().allMatch(InstanceType::burstable);
    }

    public List<InstanceType> types() {
        return instanceTypes.stream().map(name -> InstanceType.parse(name).orElseThrow()).toList();
    }

    public boolean onFargate() {
        return runOn == RunOn.FARGATE;
    }

    /** What the tasks run on: on Fargate {@code fargateArchitecture}, on EC2 the one architecture all instance types share. */
    public Architecture architecture() {
        return onFargate() ? fargateArchitecture : types().getFirst().architecture();
    }

    /** The listed type with the least of what {@code measure} reads, among those the {@link InstanceCatalog} knows. */
    public Optional<InstanceType> smallestKnownType(ToIntFunction<InstanceCatalog.Resources> measure) {
        return types().stream()
                .filter(type -> InstanceCatalog.lookup(type).isPresent())
                .min(Comparator.comparingInt(type -> measure.applyAsInt(InstanceCatalog.lookup(type).orElseThrow())));
    }

    private static void checkInstanceTypes(Problems problems, List<String> names) {
        if (names.isEmpty()) {
            problems.add("spotfleet:instanceTypes is empty: list at least one instance type, e.g. [\"t3.micro\"]");
            return;
        }
        var seen = new HashSet<String>();
        var duplicates = new LinkedHashSet<String>();
        for (var name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        duplicates.forEach(name -> problems.add("spotfleet:instanceTypes lists %s more than once".formatted(name)));
        var types = names.stream().map(InstanceType::parse).toList();
        for (int i = 0; i < names.size(); i++) {
            if (types.get(i).isEmpty()) {
                problems.add("spotfleet:instanceTypes entry (%s) is not an EC2 instance type name such as t3.micro or m7g.large"
                        .formatted(names.get(i)));
            }
        }
        var byArchitecture = types.stream().flatMap(Optional::stream)
                .collect(Collectors.groupingBy(InstanceType::architecture, TreeMap::new, Collectors.toList()));
        if (byArchitecture.size() > 1) {
            problems.add("spotfleet:instanceTypes (%s) mixes x86_64 types (%s) with Graviton arm64 types (%s): the group launches one AMI, so list types of one architecture"
                    .formatted(String.join(", ", names), join(byArchitecture.get(Architecture.X86_64)),
                            join(byArchitecture.get(Architecture.ARM64))));
        }
    }

    /**
     * T types mixed with others: a launch template sets one credit mode for all, and without one T3, T3a and T4g run
     * unlimited ("T4g, T3a and T3 instances launch as unlimited by default", EC2 User Guide, burstable performance
     * instances, unlimited mode), so sustained load on them is billed as surplus credits. One family kind per list
     * lets the program pin the T types to standard.
     */
    private static void checkCreditModes(Problems problems, List<String> names) {
        var types = names.stream().map(InstanceType::parse).flatMap(Optional::stream).toList();
        var burstable = types.stream().filter(InstanceType::burstable).map(InstanceType::name).toList();
        if (!burstable.isEmpty() && burstable.size() < types.size()) {
            problems.add(("spotfleet:instanceTypes mixes burstable types (%s) with others: T3, T3a and T4g instances run in"
                    + " unlimited credit mode unless the launch template says otherwise, and one launch template serves"
                    + " them all; list only burstable or only non-burstable types").formatted(String.join(", ", burstable)));
        }
    }

    private static String join(List<InstanceType> types) {
        return types.stream().map(InstanceType::name).collect(Collectors.joining(", "));
    }
}
