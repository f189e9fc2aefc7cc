package spotfleet.infra.offline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs AWS (or Docker) would compute for a resource, made up from its inputs so that a value wired
 * from one resource into another can be recognised at the other end: an ARN for every {@code aws:} resource, and
 * what its entry in ResourceTypes adds.
 */
final class ComputedOutputs {

    private ComputedOutputs() {
    }

    static Map<String, Object> of(String type, String physicalName, Map<String, Object> inputs, String region) {
        var outputs = new LinkedHashMap<String, Object>();
        if (type.startsWith("aws:")) {
            var service = service(type);
            var scope = service.equals("iam") ? "" : region;
            outputs.put("arn", "arn:aws:%s:%s:%s:%s/%s".formatted(service, scope, OfflineMocks.ACCOUNT_ID,
                    kind(type), physicalName));
        }
        // the type's own outputs (and ARN formats, where the token's module is not the ARN's service)
        ResourceTypes.of(type).ifPresent(entry -> entry.madeUpOutputs().add(outputs, physicalName, inputs, region));
        return outputs;
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
