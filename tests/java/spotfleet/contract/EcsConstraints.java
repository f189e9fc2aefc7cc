package spotfleet.contract;

import java.util.List;
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
