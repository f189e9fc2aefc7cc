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
 * The machines: which instance types the Auto Scaling group may launch, the on-demand/Spot mix, and how it scales.
 *
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
        problems.throwIfAny();
    }

    public static CapacitySettings defaults() {
        return new CapacitySettings(List.of("t3.micro", "t3a.micro", "t2.micro"), 1, 0,
                SpotAllocationStrategy.CAPACITY_OPTIMIZED, 1, 4, InstanceScaling.CAPACITY_PROVIDER, 100, 70, true);
    }

    public List<InstanceType> types() {
        return instanceTypes.stream().map(name -> InstanceType.parse(name).orElseThrow()).toList();
    }

    /** The one architecture all instance types share. */
    public Architecture architecture() {
        return types().getFirst().architecture();
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
