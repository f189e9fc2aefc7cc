package spotfleet.contract;

import java.util.List;

/**
 * Application Load Balancer resources, as hashicorp/terraform-provider-aws's {@code internal/service/elbv2} creates
 * them: the create call with {@code Tags}, then attribute calls for what the create call has no member for.
 */
final class ElbMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/elbv2/";

    private ElbMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:lb/loadBalancer:LoadBalancer", DIR + "load_balancer.go", r -> {
            var create = r.request("elbv2", "CreateLoadBalancer").name("Name").copy("loadBalancerType", "Type")
                    .copy("securityGroups", "SecurityGroups").copy("subnets", "Subnets").copy("ipAddressType", "IpAddressType")
                    .tags(Tags.list("Tags", "Key", "Value"));
            if (Boolean.TRUE.equals(r.input("internal").orElse(false))) {
                create.copy("internal", "Scheme", internal -> "internal");
            } else {
                r.notSent("internal", "false: the provider leaves Scheme out, and ELB's default is internet-facing");
            }
            attributes(r, "ModifyLoadBalancerAttributes", "LoadBalancerArn", List.of(
                    new Attribute("enableDeletionProtection", "deletion_protection.enabled"),
                    new Attribute("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled"),
                    new Attribute("idleTimeout", "idle_timeout.timeout_seconds"),
                    new Attribute("enableHttp2", "routing.http2.enabled"),
                    // expandLoadBalancerAccessLogsAttributes: the access_logs block is three attributes.
                    new Attribute("accessLogs.enabled", "access_logs.s3.enabled"),
                    new Attribute("accessLogs.bucket", "access_logs.s3.bucket"),
                    new Attribute("accessLogs.prefix", "access_logs.s3.prefix")));
        });
        mappings.add("aws:lb/listener:Listener", DIR + "listener.go", r -> {
            r.request("elbv2", "CreateListener").copy("loadBalancerArn", "LoadBalancerArn").copy("port", "Port")
                    .copy("protocol", "Protocol").copy("sslPolicy", "SslPolicy").copy("certificateArn", "Certificates[0].CertificateArn")
                    .copy("defaultActions", "DefaultActions", ACTIONS)
                    .tags(Tags.list("Tags", "Key", "Value"));
            // Listener attributes came with ModifyListenerAttributes (2024), after the models: allow-listed.
            attributes(r, "ModifyListenerAttributes", "ListenerArn", List.of(
                    new Attribute("routingHttpResponseStrictTransportSecurityHeaderValue",
                            "routing.http.response.strict_transport_security.header_value")));
        });
        mappings.add("aws:lb/targetGroup:TargetGroup", DIR + "target_group.go", r -> {
            r.request("elbv2", "CreateTargetGroup").name("Name").copy("port", "Port").copy("protocol", "Protocol")
                    .copy("targetType", "TargetType").copy("vpcId", "VpcId")
                    .copy("healthCheck.enabled", "HealthCheckEnabled")
                    .copy("healthCheck.interval", "HealthCheckIntervalSeconds")
                    .copy("healthCheck.path", "HealthCheckPath")
                    .copy("healthCheck.port", "HealthCheckPort")
                    .copy("healthCheck.protocol", "HealthCheckProtocol")
                    .copy("healthCheck.timeout", "HealthCheckTimeoutSeconds")
                    .copy("healthCheck.healthyThreshold", "HealthyThresholdCount")
                    .copy("healthCheck.unhealthyThreshold", "UnhealthyThresholdCount")
                    .copy("healthCheck.matcher", "Matcher.HttpCode")
                    .tags(Tags.list("Tags", "Key", "Value"));
            attributes(r, "ModifyTargetGroupAttributes", "TargetGroupArn", List.of(
                    new Attribute("deregistrationDelay", "deregistration_delay.timeout_seconds"),
                    new Attribute("slowStart", "slow_start.duration_seconds")));
        });
        mappings.add("aws:lb/listenerRule:ListenerRule", DIR + "listener_rule.go", r -> {
            var request = r.request("elbv2", "CreateRule").copy("listenerArn", "ListenerArn").copy("priority", "Priority")
                    .copy("actions", "Actions", ACTIONS)
                    .tags(Tags.list("Tags", "Key", "Value"));
            var conditions = (List<?>) r.input("conditions").orElse(List.of());
            for (int i = 0; i < conditions.size(); i++) {
                var condition = "conditions[%d]".formatted(i);
                var field = "Conditions[%d]".formatted(i);
                // expandRuleConditions: each condition block names its field.
                if (r.input(condition + ".pathPattern").isPresent()) {
                    request.set(field + ".Field", "path-pattern", "provider: the field of a pathPattern condition")
                            .copy(condition + ".pathPattern.values", field + ".PathPatternConfig.Values");
                }
                if (r.input(condition + ".hostHeader").isPresent()) {
                    request.set(field + ".Field", "host-header", "provider: the field of a hostHeader condition")
                            .copy(condition + ".hostHeader.values", field + ".HostHeaderConfig.Values");
                }
            }
        });
    }

    /** A listener or rule action: the provider's blocks are the API's *Config structures. */
    private static final Conversion ACTIONS = Conversion.byName()
            .rename("fixedResponse", "FixedResponseConfig")
            .rename("redirect", "RedirectConfig")
            .rename("forward", "ForwardConfig");

    /** A plan input sent as one {@code Attributes} item: the attribute key the provider uses for it, the value as text. */
    private record Attribute(String input, String key) {
    }

    /** One attributes call for the attributes the plan sets (none set: no call). */
    private static void attributes(ResourceRequests r, String operation, String arnMember, List<Attribute> attributes) {
        var set = attributes.stream().filter(a -> r.input(a.input()).isPresent()).toList();
        if (set.isEmpty()) {
            return;
        }
        var request = r.request("elbv2", operation).set(arnMember, PlanResource.COMPUTED, "the new resource's ARN");
        for (int i = 0; i < set.size(); i++) {
            var item = "Attributes[%d]".formatted(i);
            request.set(item + ".Key", set.get(i).key(), "provider: the attribute for " + set.get(i).input())
                    .copy(set.get(i).input(), item + ".Value", Values::text);
        }
    }
}
