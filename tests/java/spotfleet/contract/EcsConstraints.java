package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static spotfleet.contract.DocumentedConstraints.allOf;
import static spotfleet.contract.DocumentedConstraints.between;
import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.matches;
import static spotfleet.contract.DocumentedConstraints.member;

/** Amazon ECS's documented-only constraints, quoted from botocore/data/ecs/2014-11-13/service-2.json. */
final class EcsConstraints {

    /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
    static final String NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String NAME_RULE = "up to 255 letters, numbers, underscores and hyphens";

    private EcsConstraints() {
    }

    static List<DocumentedConstraint> all() {
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
                                + "(for example, 1 vCPU or 1 vcpu) in a task definition.", EcsConstraints::taskCpu),
                constraint("ecs", "RegisterTaskDefinitionRequest", "memory",
                        "It can be expressed as an integer using MiB (for example ,1024) or as a string using GB (for "
                                + "example, 1GB or 1 GB) in a task definition.",
                        matches("[1-9][0-9]*|[0-9]+(\\.[0-9]+)? ?(?i:GB)", "whole MiB (1024) or GB (\"1GB\", \"1 GB\")")),
                constraint("ecs", "ContainerDefinition", "stopTimeout", "The max stop timeout value is 120 seconds", between(0, 120)),
                constraint("ecs", "RegisterTaskDefinitionRequest", "",
                        "If you're using the Fargate launch type, this field is required and you must use one of the following "
                                + "values, which determines your range of supported values for the memory parameter:",
                        fargateTaskSize(documentedFargateSizes(ServiceModels.installed().service("ecs")
                                .shape("RegisterTaskDefinitionRequest").json().getAsJsonObject("members")
                                .getAsJsonObject("cpu").get("documentation").getAsString()))),
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
     * CPU units (10 vCPUs)" for the EC2 launch type.
     */
    private static List<Violation> taskCpu(Object value) {
        var text = String.valueOf(value);
        double units;
        if (text.matches("[0-9]+")) {
            units = Double.parseDouble(text);
        } else if (text.matches("[0-9]+(\\.[0-9]+)? ?(?i:vcpu)")) {
            units = Double.parseDouble(text.replaceAll("(?i) ?vcpu", "")) * 1024;
        } else {
            return Violation.of("\"%s\" is neither CPU units (1024) nor vCPUs (\"1 vCPU\")".formatted(text));
        }
        return units >= 128 && units <= 10240 ? List.of()
                : Violation.of("\"%s\" is outside 128 to 10240 CPU units (the EC2 launch type's range)".formatted(text));
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
