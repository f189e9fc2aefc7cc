package spotfleet.infra.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * vCPUs and memory of the common ECS instance types, enough to reject a task that can never be placed.
 * Figures are the nominal ones of the EC2 instance type specifications. Types outside this table
 * (other families, metal sizes) are accepted without the check.
 */
public final class InstanceCatalog {

    /**
     * Memory the ECS agent keeps back for the OS, dockerd, containerd and the ECS and SSM agents (the user
     * data sets {@code ECS_RESERVED_MEMORY} to this), so tasks cannot starve the processes that run them.
     */
    public static final int ECS_RESERVED_MEMORY_MIB = 256;

    /**
     * Share of the nominal memory the kernel and firmware keep before the agent registers the rest.
     * AWS's m4.large example registers 7985 of 8192 MiB (2.5%); small types lose proportionally more,
     * so 8% is assumed to stay on the safe side for t3.micro-sized instances.
     */
    static final double KERNEL_SHARE = 0.08;

    /** Nominal size of one instance type. */
    public record Resources(int vcpus, int memoryMib) {
        /** Memory left for tasks: nominal, less the kernel's share, less the ECS reservation. */
        public int taskMemoryMib() {
            return (int) Math.floor(memoryMib * (1 - KERNEL_SHARE)) - ECS_RESERVED_MEMORY_MIB;
        }

        public int cpuUnits() {
            return vcpus * 1024;
        }
    }

    /** A burstable size: t2's nano to small sizes have one vCPU where t3, t3a and t4g have two. */
    private record BurstableSize(int vcpus, int t2Vcpus, int memoryMib) {
    }

    private static final Map<String, BurstableSize> BURSTABLE_SIZES = Map.of(
            "nano", new BurstableSize(2, 1, 512),
            "micro", new BurstableSize(2, 1, 1024),
            "small", new BurstableSize(2, 1, 2048),
            "medium", new BurstableSize(2, 2, 4096),
            "large", new BurstableSize(2, 2, 8192),
            "xlarge", new BurstableSize(4, 4, 16384),
            "2xlarge", new BurstableSize(8, 8, 32768));

    private static final Map<String, Integer> GIB_PER_VCPU = gibPerVcpu();

    private InstanceCatalog() {
    }

    /** The nominal size of {@code type}, or empty when the table does not know it. */
    public static Optional<Resources> lookup(InstanceType type) {
        var family = type.family();
        if (family.equals("t2") || family.equals("t3") || family.equals("t3a") || family.equals("t4g")) {
            return Optional.ofNullable(BURSTABLE_SIZES.get(type.size()))
                    .map(size -> new Resources(family.equals("t2") ? size.t2Vcpus() : size.vcpus(), size.memoryMib()));
        }
        return Optional.ofNullable(GIB_PER_VCPU.get(family))
                .flatMap(gib -> vcpus(type.size()).map(vcpus -> new Resources(vcpus, vcpus * gib * 1024)));
    }

    /** vCPUs by size name in the m, c and r families: medium 1, large 2, xlarge 4, Nxlarge 4N. */
    private static Optional<Integer> vcpus(String size) {
        return switch (size) {
            case "medium" -> Optional.of(1);
            case "large" -> Optional.of(2);
            case "xlarge" -> Optional.of(4);
            default -> size.matches("[1-9][0-9]*xlarge")
                    ? Optional.of(4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length())))
                    : Optional.empty();
        };
    }

    /** GiB of memory per vCPU in the m (general purpose), c (compute) and r (memory) families, generations 5 to 8. */
    private static Map<String, Integer> gibPerVcpu() {
        var table = new HashMap<String, Integer>();
        for (var family : new String[]{"m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6g", "m6gd",
                "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8g", "m8gd"}) {
            table.put(family, 4);
        }
        // c5n is left out: its memory (5.25 GiB per 2 vCPUs) breaks the family's 2 GiB per vCPU.
        for (var family : new String[]{"c5", "c5a", "c5ad", "c5d", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id",
                "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8g", "c8gd"}) {
            table.put(family, 2);
        }
        for (var family : new String[]{"r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd",
                "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz", "r8g", "r8gd"}) {
            table.put(family, 8);
        }
        return Map.copyOf(table);
    }
}
