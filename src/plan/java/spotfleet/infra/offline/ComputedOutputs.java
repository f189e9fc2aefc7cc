package spotfleet.infra.offline;

import java.util.LinkedHashMap;
import java.util.List;
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
            case "aws:acm/certificate:Certificate" -> outputs.put("domainValidationOptions",
                    List.of(dnsValidationRecord(String.valueOf(inputs.get("domainName")))));
            case "aws:route53/record:Record" -> outputs.put("fqdn", String.valueOf(inputs.get("name")).replaceAll("\\.$", ""));
            case "aws:cloudwatch/dashboard:Dashboard" -> outputs.put("dashboardArn",
                    "arn:aws:cloudwatch::%s:dashboard/%s".formatted(OfflineMocks.ACCOUNT_ID, inputs.get("dashboardName")));
            // The services' own ARN formats, where the type token's module is not the ARN's service.
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> outputs.put("arn",
                    "arn:aws:cloudwatch:%s:%s:alarm:%s".formatted(region, OfflineMocks.ACCOUNT_ID, physicalName));
            case "aws:cloudwatch/eventRule:EventRule" -> outputs.put("arn",
                    "arn:aws:events:%s:%s:rule/%s".formatted(region, OfflineMocks.ACCOUNT_ID, physicalName));
            case "aws:cloudwatch/logGroup:LogGroup" -> outputs.put("arn",
                    "arn:aws:logs:%s:%s:log-group:%s".formatted(region, OfflineMocks.ACCOUNT_ID, physicalName));
            // Bucket ARNs name neither a region nor an account: bucket names are global.
            case "aws:s3/bucketV2:BucketV2" -> {
                outputs.put("arn", "arn:aws:s3:::" + physicalName);
                outputs.put("bucket", physicalName);
                outputs.put("bucketDomainName", physicalName + ".s3.amazonaws.com");
                outputs.put("bucketRegionalDomainName", "%s.s3.%s.amazonaws.com".formatted(physicalName, region));
            }
            case "aws:sns/topic:Topic" -> outputs.put("arn",
                    "arn:aws:sns:%s:%s:%s".formatted(region, OfflineMocks.ACCOUNT_ID, physicalName));
            case "aws:kms/key:Key" -> {
                var keyId = OfflineMocks.uuid(physicalName);
                outputs.put("keyId", keyId);
                outputs.put("arn", "arn:aws:kms:%s:%s:key/%s".formatted(region, OfflineMocks.ACCOUNT_ID, keyId));
            }
            case "aws:lambda/function:Function" -> {
                var arn = "arn:aws:lambda:%s:%s:function:%s".formatted(region, OfflineMocks.ACCOUNT_ID, physicalName);
                outputs.put("arn", arn);
                outputs.put("invokeArn", "arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations".formatted(region, arn));
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

    /** ACM's DNS validation: a CNAME under the domain whose name and value depend on the domain and the account. */
    private static Map<String, Object> dnsValidationRecord(String domainName) {
        var token = OfflineMocks.hex(OfflineMocks.ACCOUNT_ID + domainName, 32);
        return Map.of(
                "domainName", domainName,
                "resourceRecordName", "_%s.%s.".formatted(token, domainName),
                "resourceRecordType", "CNAME",
                "resourceRecordValue", "_%s.offline.acm-validations.aws.".formatted(OfflineMocks.hex(token, 32)));
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
