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
 * Where the tasks run, decided once where the config is read ({@link StackSettings.Builder#build()}): on EC2 (the
 * default) the machines, which instance types the Auto Scaling group may launch, the on-demand/Spot mix and how it
 * scales; on Fargate how many tasks stay on on-demand {@code FARGATE} and the CPU architecture. The other platform's
 * keys keep their defaults ({@link StackConfig} refuses them set otherwise).
 */
public sealed interface CapacitySettings {

    /** The {@code spotfleet:runOn} value. */
    RunOn runOn();

    /** What the tasks run on: on Fargate {@code fargateArchitecture}, on EC2 the one architecture all instance types share. */
    Architecture architecture();

    /**
     * On Fargate.
     *
     * @param onDemandTasks tasks always on {@code FARGATE}, the rest on {@code FARGATE_SPOT}; >= 0
     * @param architecture  the tasks' CPU architecture (no instance types to derive it from)
     */
    record OnFargate(int onDemandTasks, Architecture architecture) implements CapacitySettings {
        public OnFargate {
            Objects.requireNonNull(architecture, "fargateArchitecture");
        }

        @Override
        public RunOn runOn() {
            return RunOn.FARGATE;
        }
    }

    /**
     * The Spot group's size.
     *
     * @param min >= 0
     * @param max >= 1 and >= {@code min}
     */
    record InstanceCount(int min, int max) {
    }

    /**
     * How the Spot group scales.
     *
     * @param mode                  capacity provider (default) or CPU target tracking
     * @param capacityTargetPercent capacity provider's target utilisation of the instances, 1-100
     * @param cpuTarget             CPU target tracking's average CPU %, 1-100
     */
    record InstanceTarget(InstanceScaling mode, int capacityTargetPercent, int cpuTarget) {
        public InstanceTarget {
            Objects.requireNonNull(mode, "instanceScaling");
        }
    }

    /**
     * On the stack's EC2 instances.
     *
     * @param instanceTypes          instance type names, all of one architecture, in priority order
     * @param onDemandTasks          tasks ECS always places on the on-demand group's instances (the service strategy's
     *                               base on its capacity provider), the rest on Spot; >= 0, and 0 with
     *                               {@code instanceScaling: cpu}, where ECS places without providers
     * @param spotAllocationStrategy how EC2 picks Spot pools
     * @param instances              the Spot group's size
     * @param target                 how the Spot group scales
     * @param instanceRefresh        roll a new launch template version (a new AMI) out to the running instances with an
     *                               Auto Scaling instance refresh (default true)
     * @param ecsAmiId               the instances' AMI; empty takes the ECS-optimized AMI AWS recommends when the stack is
     *                               created and keeps it, so an AMI release never rides along with a deploy; an id pins
     *                               that AMI, and changing it is a deploy of its own
     */
    record OnEc2(List<String> instanceTypes, int onDemandTasks, SpotAllocationStrategy spotAllocationStrategy,
                 InstanceCount instances, InstanceTarget target, boolean instanceRefresh, Optional<String> ecsAmiId)
            implements CapacitySettings {

        public OnEc2 {
            instanceTypes = List.copyOf(instanceTypes);
            Objects.requireNonNull(spotAllocationStrategy, "spotAllocationStrategy");
            Objects.requireNonNull(ecsAmiId, "ecsAmiId");
            var problems = new Problems();
            checkInstanceTypes(problems, instanceTypes);
            problems.notAbove("spotfleet:minInstances", instances.min(), "spotfleet:maxInstances", instances.max());
            problems.check(target.mode() != InstanceScaling.CPU || onDemandTasks == 0,
                    ("spotfleet:onDemandTasks (%d) needs spotfleet:instanceScaling capacityProvider: with cpu the service places"
                            + " its tasks with launch type EC2, and nothing keeps any of them on on-demand instances; set"
                            + " onDemandTasks to 0 or use the capacity provider").formatted(onDemandTasks));
            checkCreditModes(problems, instanceTypes);
            ecsAmiId.ifPresent(id -> problems.check(AMI_ID.matcher(id).matches(),
                    "spotfleet:ecsAmiId (%s) is not an AMI id such as ami-0123456789abcdef0: leave it empty for the recommended ECS AMI"
                            .formatted(id)));
            problems.throwIfAny();
        }

        @Override
        public RunOn runOn() {
            return RunOn.EC2;
        }

        @Override
        public Architecture architecture() {
            return types().getFirst().architecture();
        }

        public int minInstances() {
            return instances.min();
        }

        public int maxInstances() {
            return instances.max();
        }

        public InstanceScaling instanceScaling() {
            return target.mode();
        }

        public int capacityTargetPercent() {
            return target.capacityTargetPercent();
        }

        public int instanceCpuTarget() {
            return target.cpuTarget();
        }

        /** Whether every listed type is a burstable (T) type, which the launch template then pins to standard credits. */
        public boolean allBurstable() {
            return types().stream().allMatch(InstanceType::burstable);
        }

        public List<InstanceType> types() {
            return instanceTypes.stream().map(name -> InstanceType.parse(name).orElseThrow()).toList();
        }

        /** The listed type with the least of what {@code measure} reads, among those the {@link InstanceCatalog} knows. */
        public Optional<InstanceType> smallestKnownType(ToIntFunction<InstanceCatalog.Resources> measure) {
            return types().stream()
                    .filter(type -> InstanceCatalog.lookup(type).isPresent())
                    .min(Comparator.comparingInt(type -> measure.applyAsInt(InstanceCatalog.lookup(type).orElseThrow())));
        }
    }

    /** EC2's image ids: {@code ami-} and 8 or 17 hex digits (botocore ec2, ImageId is a plain string; the form is EC2's). */
    java.util.regex.Pattern AMI_ID = java.util.regex.Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");

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
