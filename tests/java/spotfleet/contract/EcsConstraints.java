package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static spotfleet.contract.DocumentedConstraints.allOf;
import static spotfleet.contract.DocumentedConstraints.between;
import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.matches;
import static spotfleet.contract.DocumentedConstraints.member;

/**
 * Amazon ECS's documented-only constraints, quoted from botocore/data/ecs/2014-11-13/service-2.json (Debian's 1.29
 * wording, then botocore 1.43's where AWS reworded it).
 */
final class EcsConstraints {

    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    static final String NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String NAME_RULE = "up to 255 letters, numbers, underscores and hyphens";

    private EcsConstraints() {
    }

    /** 1.29 lists the Fargate sizes under cpu, by CPU value. */
    static final String CPU_TABLE = "If you're using the Fargate launch type, this field is required and you must use one of the "
            + "following values, which determines your range of supported values for the memory parameter:";
    /** 1.43 lists them under memory, by memory values ("... - Available cpu values: 256 (.25 vCPU)"). */
    static final String MEMORY_TABLE = "If using the Fargate launch type, this field is required and you must use one of the "
            + "following values. This determines your range of supported values for the cpu parameter.";
    /**
     * Where AWS states the Fargate sizes when the model in use lists them in neither place: the Amazon ECS API
     * Reference, RegisterTaskDefinition, request parameter memory
     * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html), which reads, item by
     * item, as {@link #SOURCED_FARGATE_TABLE} (the same words as botocore 1.43's memory documentation).
     */
    static final String FARGATE_SOURCE = "Amazon ECS API Reference, RegisterTaskDefinition, memory "
            + "(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html)";
    static final List<String> SOURCED_FARGATE_TABLE = List.of(
            "512 (0.5 GB), 1024 (1 GB), 2048 (2 GB) - Available cpu values: 256 (.25 vCPU)",
            "1024 (1 GB), 2048 (2 GB), 3072 (3 GB), 4096 (4 GB) - Available cpu values: 512 (.5 vCPU)",
            "2048 (2 GB), 3072 (3 GB), 4096 (4 GB), 5120 (5 GB), 6144 (6 GB), 7168 (7 GB), 8192 (8 GB) - Available cpu values: 1024 (1 vCPU)",
            "Between 4096 (4 GB) and 16384 (16 GB) in increments of 1024 (1 GB) - Available cpu values: 2048 (2 vCPU)",
            "Between 8192 (8 GB) and 30720 (30 GB) in increments of 1024 (1 GB) - Available cpu values: 4096 (4 vCPU)",
            "Between 16 GB and 60 GB in 4 GB increments - Available cpu values: 8192 (8 vCPU) This option requires Linux platform 1.4.0 or later.",
            "Between 32GB and 120 GB in 8 GB increments - Available cpu values: 16384 (16 vCPU) This option requires Linux platform 1.4.0 or later.");
    /** "Supported values are between 128 CPU units (0.125 vCPUs) and 10240 CPU units (10 vCPUs)" (1.29; 196608 in 1.43). */
    private static final java.util.regex.Pattern EC2_CPU_RANGE = java.util.regex.Pattern.compile(
            "Supported values are between 128 CPU units \\( ?0\\.125 vCPUs\\) and (\\d+) CPU units");

    /** Where the Fargate sizes were read from, and what they are. */
    record FargateSizes(Map<Integer, List<Integer>> sizes, List<String> quotes, String source) {
    }

    /** The Fargate sizes: from the model's cpu documentation, else its memory documentation, else the sourced copy. */
    static FargateSizes fargateSizes(ServiceModels models) {
        var members = models.service("ecs").shape("RegisterTaskDefinitionRequest").json().getAsJsonObject("members");
        var byCpu = documentedFargateSizes(documentation(members, "cpu"));
        if (!byCpu.isEmpty()) {
            return new FargateSizes(byCpu, List.of(CPU_TABLE), "");
        }
        var byMemory = fargateSizesByMemory(documentation(members, "memory"));
        if (!byMemory.isEmpty()) {
            return new FargateSizes(byMemory, List.of(MEMORY_TABLE), "");
        }
        return new FargateSizes(fargateSizesByMemory(String.join("<li>", SOURCED_FARGATE_TABLE)), SOURCED_FARGATE_TABLE, FARGATE_SOURCE);
    }

    private static String documentation(com.google.gson.JsonObject members, String member) {
        var doc = members.has(member) ? members.getAsJsonObject(member).get("documentation") : null;
        return doc == null ? "" : doc.getAsString();
    }

    static List<DocumentedConstraint> all(ServiceModels models) {
        var fargate = fargateSizes(models);
        var cpuDocumentation = Shape.plainText(documentation(models.service("ecs").shape("RegisterTaskDefinitionRequest").json()
                .getAsJsonObject("members"), "cpu"));
        var ec2CpuRange = EC2_CPU_RANGE.matcher(cpuDocumentation);
        var maxCpu = ec2CpuRange.find() ? java.util.OptionalInt.of(Integer.parseInt(ec2CpuRange.group(1))) : java.util.OptionalInt.empty();
        var names = "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.";
        return List.of(
                constraint("ecs", "RegisterTaskDefinitionRequest", "family", names, matches(NAME, NAME_RULE)),
                constraint("ecs", "CreateClusterRequest", "clusterName", names, matches(NAME, NAME_RULE)),
                constraint("ecs", "CreateServiceRequest", "serviceName", names, matches(NAME, NAME_RULE)),
                constraint("ecs", "ContainerDefinition", "name", names, matches(NAME, NAME_RULE)),
                constraint("ecs", "CreateCapacityProviderRequest", "name",
                        "Up to 255 characters are allowed. They include letters (both upper and lowercase letters), numbers, "
                                + "underscores (_), and hyphens (-). The name can't be prefixed with \"aws\", \"ecs\", or \"fargate\".",
                        allOf(matches(NAME, NAME_RULE), value -> String.valueOf(value).matches("(?i)(aws|ecs|fargate).*")
                                ? Violation.of("\"%s\" starts with aws, ecs or fargate".formatted(value)) : List.of())),
                constraint("ecs", "RegisterTaskDefinitionRequest", "cpu",
                        "It can be expressed as an integer using CPU units (for example, 1024) or as a string using vCPUs "
                                + "(for example, 1 vCPU or 1 vcpu) in a task definition.", value -> taskCpu(value, maxCpu, models)),
                constraint("ecs", "RegisterTaskDefinitionRequest", "memory",
                        "It can be expressed as an integer using MiB (for example ,1024) or as a string using GB (for "
                                + "example, 1GB or 1 GB) in a task definition.",
                        matches("[1-9][0-9]*|[0-9]+(\\.[0-9]+)? ?(?i:GB)", "whole MiB (1024) or GB (\"1GB\", \"1 GB\")")),
                // 1.43 states the maximum for Fargate only; 120 stays the bound for all (stricter, never looser).
                constraint("ecs", "ContainerDefinition", "stopTimeout", List.of("The max stop timeout value is 120 seconds",
                        "For tasks that use the Fargate launch type, the max stop timeout value is 120 seconds"), between(0, 120)),
                new DocumentedConstraint("ecs", "RegisterTaskDefinitionRequest", "", fargate.quotes(),
                        fargateTaskSize(fargate.sizes()), fargate.source()),
                constraint("ecs", "HealthCheck", "interval", "You may specify between 5 and 300 seconds.", between(5, 300)),
                constraint("ecs", "HealthCheck", "timeout", "You may specify between 2 and 60 seconds.", between(2, 60)),
                constraint("ecs", "HealthCheck", "retries", "You may specify between 1 and 10 retries.", between(1, 10)),
                constraint("ecs", "HealthCheck", "startPeriod", "You can specify between 0 and 300 seconds.", between(0, 300)),
                constraint("ecs", "PlacementStrategy", "",
                        "For the spread placement strategy, valid values are instanceId (or host, which has the same effect), "
                                + "or any platform or custom attribute that's applied to a container instance, such as "
                                + "attribute:ecs.availability-zone. For the binpack placement strategy, valid values are cpu and memory.",
                        EcsConstraints::placementField));
    }

    /**
     * CPU units (integer text) or vCPUs ("1 vCPU"); "Supported values are between 128 CPU units (0.125 vCPUs) and 10240
     * CPU units (10 vCPUs)" for the EC2 launch type (botocore 1.29; 1.43 says 196608 CPU units, 192 vCPUs): the maximum
     * is read from the model in use, and a model that no longer states it fails the value (fail closed).
     */
    private static List<Violation> taskCpu(Object value, java.util.OptionalInt maxCpu, ServiceModels models) {
        if (maxCpu.isEmpty()) {
            return Violation.of("cannot be checked: %s's documentation of ecs:RegisterTaskDefinitionRequest.cpu no longer says "
                    + "\"Supported values are between 128 CPU units (0.125 vCPUs) and ... CPU units\"; update EcsConstraints"
                    .formatted(models.describe()));
        }
        var max = maxCpu.getAsInt();
        var text = String.valueOf(value);
        double units;
        if (text.matches("[0-9]+")) {
            units = Double.parseDouble(text);
        } else if (text.matches("[0-9]+(\\.[0-9]+)? ?(?i:vcpu)")) {
            units = Double.parseDouble(text.replaceAll("(?i) ?vcpu", "")) * 1024;
        } else {
            return Violation.of("\"%s\" is neither CPU units (1024) nor vCPUs (\"1 vCPU\")".formatted(text));
        }
        return units >= 128 && units <= max ? List.of()
                : Violation.of("\"%s\" is outside 128 to %d CPU units (the EC2 launch type's range)".formatted(text, max));
    }

    /** A task definition that requires FARGATE names a CPU and memory pair of {@code sizes} (CPU units to MiB). */
    static java.util.function.Function<Object, List<Violation>> fargateTaskSize(Map<Integer, List<Integer>> sizes) {
        return request -> {
            var compatibilities = member(request, "requiresCompatibilities").orElse(List.of());
            if (!(compatibilities instanceof List<?> list) || !list.contains("FARGATE")) {
                return List.of();
            }
            var cpu = member(request, "cpu").orElse(null);
            var memory = member(request, "memory").orElse(null);
            if (cpu == null || memory == null) {
                return Violation.of("a FARGATE task definition needs both cpu and memory");
            }
            if (PlanResource.isComputed(cpu) || PlanResource.isComputed(memory)) {
                return List.of();
            }
            var allowed = sizes.get(wholeNumber(cpu));
            if (allowed == null) {
                return Violation.at("cpu", "\"%s\" is not a Fargate CPU value (%s)".formatted(cpu, sizes.keySet()));
            }
            return allowed.contains(wholeNumber(memory)) ? List.of()
                    : Violation.at("memory", "\"%s\" is not a memory value Fargate offers with %s CPU units (%s)"
                            .formatted(memory, cpu, allowed));
        };
    }

    /**
     * The Fargate sizes as the documentation of {@code RegisterTaskDefinitionRequest.cpu} lists them, one {@code <li>} per
     * CPU value: "256 (.25 vCPU) - Available memory values: 512 (0.5 GB), 1024 (1 GB), 2048 (2 GB)", "2048 (2 vCPU) -
     * Available memory values: 4096 (4 GB) and 16384 (16 GB) in increments of 1024 (1 GB)", "8192 (8 vCPU) - Available
     * memory values: 16 GB and 60 GB in 4 GB increments".
     */
    static Map<Integer, List<Integer>> documentedFargateSizes(String cpuDocumentation) {
        var sizes = new java.util.LinkedHashMap<Integer, List<Integer>>();
        for (var item : cpuDocumentation.split("<li>")) {
            var text = Shape.plainText(item);
            var cpu = java.util.regex.Pattern.compile("^(\\d+) \\(").matcher(text);
            var values = text.indexOf("Available memory values:");
            if (!cpu.find() || values < 0) {
                continue;
            }
            var memory = text.substring(values + "Available memory values:".length()).replaceAll("This option requires.*", "");
            var mib = java.util.regex.Pattern.compile("(\\d+) \\(\\d+ GB\\) and (\\d+) \\(\\d+ GB\\) in increments of (\\d+)").matcher(memory);
            var gb = java.util.regex.Pattern.compile("(\\d+) ?GB and (\\d+) ?GB in (\\d+) ?GB increments").matcher(memory);
            List<Integer> list;
            if (mib.find()) {
                list = steps(Integer.parseInt(mib.group(1)), Integer.parseInt(mib.group(2)), Integer.parseInt(mib.group(3)));
            } else if (gb.find()) {
                list = steps(Integer.parseInt(gb.group(1)) * 1024, Integer.parseInt(gb.group(2)) * 1024,
                        Integer.parseInt(gb.group(3)) * 1024);
            } else {
                list = java.util.regex.Pattern.compile("(\\d+) \\(").matcher(memory).results()
                        .map(m -> Integer.parseInt(m.group(1))).toList();
            }
            sizes.put(Integer.parseInt(cpu.group(1)), list);
        }
        return sizes;
    }

    /**
     * The Fargate sizes as botocore 1.43's documentation of {@code RegisterTaskDefinitionRequest.memory} lists them, one
     * {@code <li>} per CPU value: "2048 (2 GB), 3072 (3 GB) ... - Available cpu values: 1024 (1 vCPU)", "Between 4096 (4 GB)
     * and 16384 (16 GB) in increments of 1024 (1 GB) - Available cpu values: 2048 (2 vCPU)", "Between 16 GB and 60 GB in
     * 4 GB increments - Available cpu values: 8192 (8 vCPU)".
     */
    static Map<Integer, List<Integer>> fargateSizesByMemory(String memoryDocumentation) {
        var sizes = new java.util.TreeMap<Integer, List<Integer>>();
        for (var item : memoryDocumentation.split("<li>")) {
            var text = Shape.plainText(item);
            var at = text.indexOf(" - Available cpu values:");
            if (at < 0) {
                continue;
            }
            var cpu = java.util.regex.Pattern.compile("^(\\d+) \\(").matcher(text.substring(at + " - Available cpu values:".length()).strip());
            var memory = memoryValues(text.substring(0, at));
            if (cpu.find() && !memory.isEmpty()) {
                sizes.put(Integer.parseInt(cpu.group(1)), memory);
            }
        }
        return new java.util.LinkedHashMap<>(sizes);
    }

    private static List<Integer> memoryValues(String memory) {
        var mib = java.util.regex.Pattern.compile("(\\d+) \\(\\d+ GB\\) and (\\d+) \\(\\d+ GB\\) in increments of (\\d+)").matcher(memory);
        var gb = java.util.regex.Pattern.compile("(\\d+) ?GB and (\\d+) ?GB in (\\d+) ?GB increments").matcher(memory);
        if (mib.find()) {
            return steps(Integer.parseInt(mib.group(1)), Integer.parseInt(mib.group(2)), Integer.parseInt(mib.group(3)));
        }
        if (gb.find()) {
            return steps(Integer.parseInt(gb.group(1)) * 1024, Integer.parseInt(gb.group(2)) * 1024, Integer.parseInt(gb.group(3)) * 1024);
        }
        return java.util.regex.Pattern.compile("(\\d+) \\(").matcher(memory).results().map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static List<Integer> steps(int from, int to, int step) {
        return java.util.stream.IntStream.iterate(from, mib -> mib <= to, mib -> mib + step).boxed().toList();
    }

    private static int wholeNumber(Object value) {
        try {
            return Integer.parseInt(String.valueOf(normalizeText(value)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Object normalizeText(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? d.longValue() : value;
    }

    private static List<Violation> placementField(Object strategy) {
        var type = String.valueOf(member(strategy, "type").orElse(""));
        var field = member(strategy, "field");
        if (field.isEmpty() || PlanResource.isComputed(field.get())) {
            return List.of();
        }
        var value = String.valueOf(field.get());
        var ok = switch (type) {
            case "spread" -> Set.of("instanceId", "host").contains(value) || value.startsWith("attribute:");
            case "binpack" -> Set.of("cpu", "memory").contains(value);
            default -> false; // "For the random placement strategy, this field is not used."
        };
        return ok ? List.of() : Violation.at("field", "\"%s\" is not a field for the %s placement strategy".formatted(value, type));
    }
}
