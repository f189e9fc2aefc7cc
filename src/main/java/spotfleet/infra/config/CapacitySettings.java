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
 * @param onDemandBaseCapacity                 instances always bought on demand, at most {@code maxInstances}
 * @param onDemandPercentageAboveBaseCapacity  share of on-demand instances above the base, 0-100
 * @param spotAllocationStrategy               how EC2 picks Spot pools
 * @param minInstances                         the group's minimum size, >= 0
 * @param maxInstances                         the group's maximum size, >= 1 and >= {@code minInstances}
 * @param instanceScaling                      capacity provider (default) or CPU target tracking
 * @param capacityTargetPercent                capacity provider's target utilisation of the instances, 1-100
 * @param instanceCpuTarget                    CPU target tracking's average CPU %, 1-100
 * @param instanceRefresh                      roll a new launch template version (a new AMI) out to the running
 *                                             instances with an Auto Scaling instance refresh (default true)
 */
public record CapacitySettings(
        RunOn runOn,
        int fargateOnDemandTasks,
        Architecture fargateArchitecture,
        List<String> instanceTypes,
        int onDemandBaseCapacity,
        int onDemandPercentageAboveBaseCapacity,
        SpotAllocationStrategy spotAllocationStrategy,
        int minInstances,
        int maxInstances,
        InstanceScaling instanceScaling,
        int capacityTargetPercent,
        int instanceCpuTarget,
        boolean instanceRefresh) {

    public CapacitySettings {
        instanceTypes = List.copyOf(instanceTypes);
        Objects.requireNonNull(runOn, "runOn");
        Objects.requireNonNull(fargateArchitecture, "fargateArchitecture");
        Objects.requireNonNull(spotAllocationStrategy, "spotAllocationStrategy");
        Objects.requireNonNull(instanceScaling, "instanceScaling");
        var problems = new Problems();
        checkInstanceTypes(problems, instanceTypes);
        problems.atLeast("spotfleet:minInstances", minInstances, 0);
        problems.atLeast("spotfleet:maxInstances", maxInstances, 1);
        problems.notAbove("spotfleet:minInstances", minInstances, "spotfleet:maxInstances", maxInstances);
        problems.atLeast("spotfleet:onDemandBaseCapacity", onDemandBaseCapacity, 0);
        problems.notAbove("spotfleet:onDemandBaseCapacity", onDemandBaseCapacity, "spotfleet:maxInstances", maxInstances);
        problems.between("spotfleet:onDemandPercentageAboveBaseCapacity", onDemandPercentageAboveBaseCapacity, 0, 100);
        problems.between("spotfleet:capacityTargetPercent", capacityTargetPercent, 1, 100);
        problems.between("spotfleet:instanceCpuTarget", instanceCpuTarget, 1, 100);
        problems.atLeast("spotfleet:fargateOnDemandTasks", fargateOnDemandTasks, 0);
        problems.throwIfAny();
    }

    public static CapacitySettings defaults() {
        // arm64 on Fargate: Graviton's lower price, and FARGATE_SPOT runs ARM64 tasks (docs/fargate.md says where AWS says so)
        return new CapacitySettings(RunOn.EC2, 1, Architecture.ARM64, List.of("t3.micro", "t3a.micro", "t2.micro"), 1, 0,
                SpotAllocationStrategy.CAPACITY_OPTIMIZED, 1, 4, InstanceScaling.CAPACITY_PROVIDER, 100, 70, true);
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

    private static String join(List<InstanceType> types) {
        return types.stream().map(InstanceType::name).collect(Collectors.joining(", "));
    }
}
