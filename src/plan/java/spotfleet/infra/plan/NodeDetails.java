package spotfleet.infra.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a box of the architecture picture says about its resources: a title and a few key settings from the plan. */
final class NodeDetails {

    /** One purchase option of an Auto Scaling group's instances, drawn as a box of its own. */
    record PurchaseOption(String id, String title, List<String> details) {
    }

    private NodeDetails() {
    }

    /** {@code types}: every resource's type, by logical name. */
    static String title(Plan.PlannedResource host, List<Plan.PlannedResource> members, Map<String, String> types) {
        return switch (host.type()) {
            case ResourceKinds.LOAD_BALANCER -> "application".equals(value(host, "loadBalancerType").orElse(""))
                    ? "ALB" : "load balancer";
            case ResourceKinds.SUBNET -> routesTo(members, ResourceKinds.INTERNET_GATEWAY, types) ? "public subnet"
                    : routesTo(members, ResourceKinds.NAT_GATEWAY, types) ? "private subnet" : "subnet";
            default -> ResourceKinds.title(host.type());
        };
    }

    static List<String> of(Plan.PlannedResource host, List<Plan.PlannedResource> members) {
        var details = new ArrayList<String>();
        switch (host.type()) {
            case ResourceKinds.LOAD_BALANCER -> {
                details.add((Boolean.TRUE.equals(host.inputs().get("internal")) ? "internal" : "internet-facing")
                        + value(host, "subnets").map(subnets -> ", in " + (subnets.split(",").length) + " subnets").orElse(""));
                details.add(listeners(members));
            }
            case ResourceKinds.TARGET_GROUP -> {
                details.add(value(host, "protocol").orElse("") + " :" + value(host, "port").orElse("")
                        + value(host, "targetType").map(type -> " to each " + type).orElse(""));
                value(host, "healthCheck.path").map(path -> "health check " + path).ifPresent(details::add);
                ofType(members, ResourceKinds.LISTENER_RULE).forEach(rule -> details.add("rule: " + edgeLabel(rule)));
            }
            case ResourceKinds.SERVICE -> {
                ofType(members, "aws:appautoscaling/target:Target").forEach(target -> details.add(
                        value(target, "minCapacity").orElse("?") + "–" + value(target, "maxCapacity").orElse("?") + " tasks"
                                + ofType(members, "aws:appautoscaling/policy:Policy").stream()
                                .flatMap(p -> value(p, "targetTrackingScalingPolicyConfiguration.targetValue").stream())
                                .map(cpu -> " at CPU " + cpu + "%").findFirst().orElse("")));
                ofType(members, "aws:ecs/taskDefinition:TaskDefinition").forEach(task -> details.add(
                        "each " + value(task, "cpu").orElse("?") + " CPU units, " + value(task, "memory").orElse("?") + " MiB"));
            }
            case ResourceKinds.AUTO_SCALING_GROUP -> {
                details.add(value(host, "minSize").orElse("?") + "–" + value(host, "maxSize").orElse("?") + " instances");
                value(host, "mixedInstancesPolicy.launchTemplate.overrides[*].instanceType").map(NodeDetails::unlist)
                        .ifPresent(details::add);
            }
            case ResourceKinds.SUBNET -> details.add(ofType(members, ResourceKinds.SUBNET).stream()
                    .flatMap(subnet -> value(subnet, "cidrBlock").stream()).collect(Collectors.joining(", ")));
            case "aws:ec2/vpc:Vpc" -> value(host, "cidrBlock").ifPresent(details::add);
            case "aws:iam/role:Role" -> value(host, "assumeRolePolicy.Statement[*].Principal.Service")
                    .map(service -> "for " + unlist(service).replace(".amazonaws.com", "")).ifPresent(details::add);
            case "aws:cloudwatch/logGroup:LogGroup" -> value(host, "retentionInDays").map(days -> "kept " + days + " days")
                    .ifPresent(details::add);
            case "aws:cloudwatch/eventRule:EventRule" -> value(host, "scheduleExpression")
                    .or(() -> value(host, "eventPattern.detail-type").map(NodeDetails::unlist)).ifPresent(details::add);
            case "aws:lambda/function:Function" -> value(host, "runtime").ifPresent(details::add);
            case "docker:index/image:Image" -> value(host, "build.platform").ifPresent(details::add);
            // the stacks whose execution roles may pull: the role path of each ArnLike pattern, role/<project>/<stack>/*
            case "aws:ecr/repositoryPolicy:RepositoryPolicy" -> value(host, "policy.Statement[*].Condition.ArnLike.aws:PrincipalArn")
                    .map(patterns -> "to " + unlist(patterns).replaceAll("arn:[^,]*?:role/[^/,]+/([^/,]+)/\\*", "$1"))
                    .ifPresent(details::add);
            case "pulumi:pulumi:StackReference" -> value(host, "name").map(name -> "from " + name).ifPresent(details::add);
            case "aws:acm/certificate:Certificate" -> value(host, "domainName").ifPresent(details::add);
            case "aws:route53/record:Record" -> value(host, "name").map(name -> value(host, "type").orElse("") + " " + name)
                    .ifPresent(details::add);
            default -> {
            }
        }
        details.removeIf(String::isBlank);
        return details;
    }

    /** The label of a traffic arrow a resource makes: a listener rule's conditions. */
    static String edgeLabel(Plan.PlannedResource resource) {
        if (!resource.type().equals(ResourceKinds.LISTENER_RULE)) {
            return "";
        }
        var paths = KeySettings.values(resource.inputs(), "conditions[*].pathPattern.values");
        var hosts = KeySettings.values(resource.inputs(), "conditions[*].hostHeader.values");
        var conditions = new ArrayList<String>();
        paths.forEach(path -> conditions.add("path " + unlist(path)));
        hosts.forEach(host -> conditions.add("host " + unlist(host)));
        return String.join(", ", conditions);
    }

    /** The listeners among {@code members}, e.g. {@code HTTP :80, HTTPS :443}. */
    static String listeners(List<Plan.PlannedResource> members) {
        return ofType(members, ResourceKinds.LISTENER).stream()
                .sorted(Comparator.comparingLong(listener -> Long.parseLong(value(listener, "port").orElse("0"))))
                .map(listener -> value(listener, "protocol").orElse("") + " :" + value(listener, "port").orElse(""))
                .collect(Collectors.joining(", "));
    }

    /**
     * The purchase options an Auto Scaling group launches: with a mixed-instances policy, on-demand for the base
     * and the percentage above it, Spot for the rest; without one, on-demand only.
     */
    static List<PurchaseOption> purchaseOptions(Plan.PlannedResource group) {
        var distribution = "mixedInstancesPolicy.instancesDistribution.";
        if (value(group, "mixedInstancesPolicy").isEmpty()) {
            return List.of(new PurchaseOption("on-demand", "on-demand instances", List.of()));
        }
        // AWS's defaults when the policy leaves them out: base 0, 100% on demand above it
        var base = Long.parseLong(value(group, distribution + "onDemandBaseCapacity").orElse("0"));
        var above = Long.parseLong(value(group, distribution + "onDemandPercentageAboveBaseCapacity").orElse("100"));
        var options = new ArrayList<PurchaseOption>();
        if (above < 100) {
            options.add(new PurchaseOption("spot", "Spot instances", value(group, distribution + "spotAllocationStrategy")
                    .map(List::of).orElse(List.of())));
        }
        if (base == 0 && above == 100) {
            options.add(new PurchaseOption("on-demand", "on-demand instances", List.of()));
        } else if (base > 0 || above > 0) {
            var share = new ArrayList<String>();
            if (base > 0) {
                share.add("base " + base);
            }
            if (above > 0) {
                share.add(above + "% above " + (base > 0 ? "it" : "0"));
            }
            options.add(new PurchaseOption("on-demand", "on-demand instances", List.of(String.join(", ", share))));
        }
        return options;
    }

    /** Whether a route table among {@code members} sends traffic to a gateway of {@code gatewayType}. */
    private static boolean routesTo(List<Plan.PlannedResource> members, String gatewayType, Map<String, String> types) {
        return ofType(members, ResourceKinds.ROUTE_TABLE).stream().flatMap(table -> table.references().stream())
                .anyMatch(reference -> reference.input().equals("routes") && gatewayType.equals(types.get(reference.resource())));
    }

    private static List<Plan.PlannedResource> ofType(List<Plan.PlannedResource> members, String type) {
        return members.stream().filter(member -> member.type().equals(type)).toList();
    }

    private static Optional<String> value(Plan.PlannedResource resource, String path) {
        return KeySettings.values(resource.inputs(), path).stream().findFirst();
    }

    private static String unlist(String text) {
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }
}
