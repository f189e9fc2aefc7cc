package spotfleet.infra.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The task sizes Fargate runs: each task CPU value with the task memory values it may be paired with. As the ECS
 * model's {@code RegisterTaskDefinitionRequest.cpu} documentation lists them (botocore
 * {@code data/ecs/2014-11-13/service-2.json}; the ECS developer guide's "Task CPU and memory" table says the same):
 * "256 (.25 vCPU) - Available memory values: 512 (0.5 GB), 1024 (1 GB), 2048 (2 GB)", "512 (.5 vCPU) - ... 1024 (1 GB),
 * 2048 (2 GB), 3072 (3 GB), 4096 (4 GB)", "1024 (1 vCPU) - ... 2048 (2 GB) ... 8192 (8 GB)", "2048 (2 vCPU) - ... 4096
 * (4 GB) and 16384 (16 GB) in increments of 1024 (1 GB)", "4096 (4 vCPU) - ... 8192 (8 GB) and 30720 (30 GB) in
 * increments of 1024 (1 GB)", "8192 (8 vCPU) - ... 16 GB and 60 GB in 4 GB increments", "16384 (16vCPU) - ... 32GB and
 * 120 GB in 8 GB increments". {@code FargateTaskSizesTest} reads that text from the model and compares.
 */
public final class FargateTaskSizes {

    /** Task CPU units to the task memory values (MiB) Fargate accepts with them, smallest first. */
    public static final Map<Integer, List<Integer>> MEMORY_BY_CPU = sizes();

    private FargateTaskSizes() {
    }

    /** The memory values Fargate accepts with {@code cpu}; empty when {@code cpu} is no Fargate CPU value. */
    public static List<Integer> memoryFor(int cpu) {
        return MEMORY_BY_CPU.getOrDefault(cpu, List.of());
    }

    private static Map<Integer, List<Integer>> sizes() {
        var sizes = new LinkedHashMap<Integer, List<Integer>>();
        sizes.put(256, List.of(512, 1024, 2048));
        sizes.put(512, steps(1024, 4096, 1024));
        sizes.put(1024, steps(2048, 8192, 1024));
        sizes.put(2048, steps(4096, 16384, 1024));
        sizes.put(4096, steps(8192, 30720, 1024));
        sizes.put(8192, steps(16 * 1024, 60 * 1024, 4 * 1024));
        sizes.put(16384, steps(32 * 1024, 120 * 1024, 8 * 1024));
        return java.util.Collections.unmodifiableMap(sizes);
    }

    private static List<Integer> steps(int from, int to, int step) {
        return IntStream.iterate(from, mib -> mib <= to, mib -> mib + step).boxed().toList();
    }
}
