package spotfleet.infra.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionFixedResponseArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.LoadBalancerAccessLogsArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import spotfleet.infra.config.ServiceSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The internet-facing Application Load Balancer in the public subnets, its security group, and an HTTP
 * listener on port 80. The listener answers 404 by default and services add rules that forward to them, or,
 * when the stack serves HTTPS ({@link HttpsEndpoint}), it only redirects to HTTPS. The security group's egress
 * to the instances is added where the instances are ({@link Capacity}), its HTTPS ingress by {@link HttpsEndpoint}.
 * Every request is logged to the {@link AccessLogs} bucket, when the stack has one.
 */
public final class LoadBalancer extends ComponentResource {

    public static final int HTTP_PORT = 80;

    /**
     * What the load balancer needs from the network, and how it serves.
     *
     * @param redirectHttpToHttps the HTTP listener answers every request with a permanent redirect to HTTPS
     * @param deletionProtection  AWS refuses to delete the load balancer (a production stack's users point at its name)
     * @param accessLogs          where the load balancer logs every request; empty keeps no access logs
     */
    public record Args(Output<String> vpcId, Output<List<String>> publicSubnetIds, boolean redirectHttpToHttps,
                       boolean deletionProtection, Optional<AccessLogs> accessLogs) {

        /** Plain HTTP, deletable, no access logs. */
        public Args(Output<String> vpcId, Output<List<String>> publicSubnetIds) {
            this(vpcId, publicSubnetIds, false, false, Optional.empty());
        }
    }

    @Export(name = "arn", refs = String.class)
    public final Output<String> arn;
    /** {@code app/<name>/<id>}: the load balancer's CloudWatch dimension. */
    @Export(name = "arnSuffix", refs = String.class)
    public final Output<String> arnSuffix;
    @Export(name = "dnsName", refs = String.class)
    public final Output<String> dnsName;
    /** The ALB's hosted zone, for a Route 53 alias record. */
    @Export(name = "zoneId", refs = String.class)
    public final Output<String> zoneId;
    @Export(name = "securityGroupId", refs = String.class)
    public final Output<String> securityGroupId;
    @Export(name = "httpListenerArn", refs = String.class)
    public final Output<String> httpListenerArn;

    public LoadBalancer(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:LoadBalancer", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // No inline rules: each rule is its own resource, so rules added elsewhere are not fought over.
        var securityGroup = new SecurityGroup(name + "-sg", SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                // EC2 allows only a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$* here: no apostrophe (AwsContractTest checks it).
                .description("Internet-facing load balancer: listener ports in from anywhere, out only to the service instances")
                .tags(Map.of("Name", name + "-sg"))
                .build(), child);
        new SecurityGroupIngressRule(name + "-http-in", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .description("HTTP from anywhere")
                .ipProtocol("tcp")
                .fromPort(HTTP_PORT)
                .toPort(HTTP_PORT)
                .cidrIpv4("0.0.0.0/0")
                .build(), child);

        var albArgs = LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(false)
                .subnets(args.publicSubnetIds())
                .securityGroups(securityGroup.id().applyValue(List::of))
                .dropInvalidHeaderFields(true) // refuse headers that could smuggle requests past the service
                // shorter than the app's keep-alive, so the load balancer, not the app, closes idle connections
                .idleTimeout(ServiceSettings.LOAD_BALANCER_IDLE_TIMEOUT_SECONDS)
                .enableDeletionProtection(args.deletionProtection());
        args.accessLogs().ifPresent(logs -> albArgs.accessLogs(LoadBalancerAccessLogsArgs.builder()
                .bucket(logs.bucketName)
                .prefix(AccessLogs.PREFIX)
                .enabled(true)
                .build()));
        // ELB checks that it can write to the bucket when logging is turned on: the bucket's policy comes first.
        var alb = new com.pulumi.aws.lb.LoadBalancer(name + "-alb", albArgs.build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(args.accessLogs().map(logs -> logs.deliveryReady).orElse(List.of()))
                .build());

        var http = new Listener(name + "-http", ListenerArgs.builder()
                .loadBalancerArn(alb.arn())
                .port(HTTP_PORT)
                .protocol("HTTP")
                .defaultActions(args.redirectHttpToHttps() ? redirectToHttps() : notFound())
                .build(), child);

        this.arn = alb.arn();
        this.arnSuffix = alb.arnSuffix();
        this.dnsName = alb.dnsName();
        this.zoneId = alb.zoneId();
        this.securityGroupId = securityGroup.id();
        this.httpListenerArn = http.arn();
        registerOutputs(Map.of(
                "arn", arn,
                "arnSuffix", arnSuffix,
                "dnsName", dnsName,
                "zoneId", zoneId,
                "securityGroupId", securityGroupId,
                "httpListenerArn", httpListenerArn));
    }

    /** What a listener answers when no rule matches. */
    static ListenerDefaultActionArgs notFound() {
        return ListenerDefaultActionArgs.builder()
                .type("fixed-response")
                .fixedResponse(ListenerDefaultActionFixedResponseArgs.builder()
                        .statusCode("404")
                        .contentType("text/plain")
                        .messageBody("Not Found")
                        .build())
                .build();
    }

    /** 301 to the same host, path and query on HTTPS (the redirect's defaults keep them). */
    private static ListenerDefaultActionArgs redirectToHttps() {
        return ListenerDefaultActionArgs.builder()
                .type("redirect")
                .redirect(ListenerDefaultActionRedirectArgs.builder()
                        .protocol("HTTPS")
                        .port(String.valueOf(HttpsEndpoint.HTTPS_PORT))
                        .statusCode("HTTP_301")
                        .build())
                .build();
    }
}
