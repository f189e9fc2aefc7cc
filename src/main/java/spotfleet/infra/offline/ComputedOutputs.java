package spotfleet.infra.offline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs AWS (or Docker) would compute for a resource, made up from its inputs so that a value wired
 * from one resource into another can be recognised at the other end.
 */
final class ComputedOutputs {

    private ComputedOutputs() {
    }

    static Map<String, Object> of(String type, String physicalName, Map<String, Object> inputs, String region) {
        var outputs = new LinkedHashMap<String, Object>();
        var service = service(type);
        if (!type.startsWith("aws:")) {
            return dockerOutputs(type, inputs);
        }
        var scope = service.equals("iam") ? "" : region;
        outputs.put("arn", "arn:aws:%s:%s:%s:%s/%s".formatted(service, scope, OfflineMocks.ACCOUNT_ID,
                kind(type), physicalName));
        switch (type) {
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                outputs.put("dnsName", "%s-0000000000.%s.elb.amazonaws.com".formatted(physicalName, region));
                outputs.put("zoneId", "ZOFFLINEPLACEHOLDER");
                outputs.put("arnSuffix", "app/%s/0000000000000000".formatted(physicalName));
            }
            case "aws:lb/targetGroup:TargetGroup" ->
                    outputs.put("arnSuffix", "targetgroup/%s/0000000000000000".formatted(physicalName));
            case "aws:ecr/repository:Repository" -> {
                outputs.put("repositoryUrl", "%s.dkr.ecr.%s.amazonaws.com/%s".formatted(OfflineMocks.ACCOUNT_ID, region, physicalName));
                outputs.put("registryId", OfflineMocks.ACCOUNT_ID);
            }
            case "aws:ec2/launchTemplate:LaunchTemplate" -> {
                outputs.put("latestVersion", 1);
                outputs.put("defaultVersion", 1);
            }
            case "aws:ecs/taskDefinition:TaskDefinition" -> {
                var family = String.valueOf(inputs.getOrDefault("family", physicalName));
                outputs.put("arn", "arn:aws:ecs:%s:%s:task-definition/%s:1".formatted(region, OfflineMocks.ACCOUNT_ID, family));
                outputs.put("revision", 1);
            }
            default -> {
            }
        }
        return outputs;
    }

    /** A built and pushed image is named by its digest: {@code <repository>@sha256:<hex>}. */
    private static Map<String, Object> dockerOutputs(String type, Map<String, Object> inputs) {
        if (!type.equals("docker:index/image:Image")) {
            return Map.of();
        }
        var imageName = String.valueOf(inputs.getOrDefault("imageName", "offline/image:latest"));
        var repository = imageName.contains(":") ? imageName.substring(0, imageName.lastIndexOf(':')) : imageName;
        return Map.of("repoDigest", repository + "@sha256:" + OfflineMocks.hex(String.valueOf(new java.util.TreeMap<>(inputs)), 64));
    }

    /** The AWS service of a type token: {@code ecs} for {@code aws:ecs/cluster:Cluster}. */
    private static String service(String type) {
        var module = type.split(":")[1];
        var slash = module.indexOf('/');
        return slash < 0 ? module : module.substring(0, slash);
    }

    /** The resource kind of a type token: {@code cluster} for {@code aws:ecs/cluster:Cluster}. */
    private static String kind(String type) {
        var module = type.split(":")[1];
        var slash = module.indexOf('/');
        return slash < 0 ? module : module.substring(slash + 1);
    }
}
