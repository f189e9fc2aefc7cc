package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * VPC flow logs of the traffic the security groups and network ACLs reject, in a log group of the stack: who knocked
 * where, for an investigation (Security Hub EC2.6). Rejected traffic only: accepted traffic is already in the service's
 * request log, and logging it all would cost far more at CloudWatch Logs' ingestion price.
 */
public final class FlowLogs extends ComponentResource {

    static final String TRAFFIC_TYPE = "REJECT";
    /** The longest aggregation window: the fewest records (and bytes ingested) for the same traffic. */
    static final int AGGREGATION_SECONDS = 600;

    /**
     * @param vpcId            the VPC whose traffic is logged
     * @param logRetentionDays how long the records are kept (the service's setting)
     * @param protect          Pulumi may not delete the log group
     */
    public record Args(Output<String> vpcId, int logRetentionDays, boolean protect) {
    }

    @Export(name = "logGroupName", refs = String.class)
    public final Output<String> logGroupName;

    public FlowLogs(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:FlowLogs", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .retentionInDays(args.logRetentionDays())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        var role = IamRoles.assumedByOnBehalfOfAccount(name + "-role", "vpc-flow-logs.amazonaws.com",
                "VPC flow logs: deliver rejected-traffic records to their log group", this, child);
        // The actions and scope AWS CDK's FlowLog grants: streams and events of this one log group.
        var permissions = new RolePolicy(name + "-permissions", RolePolicyArgs.builder()
                .role(role.id())
                .policy(logs.arn().applyValue(arn -> Json.of(Json.object(
                        "Version", "2012-10-17",
                        "Statement", List.of(Json.object(
                                "Sid", "DeliverToItsLogGroup",
                                "Effect", "Allow",
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                                "Resource", arn + ":*"))))))
                .build(), child);
        new FlowLog(name + "-vpc", FlowLogArgs.builder()
                .vpcId(args.vpcId())
                .trafficType(TRAFFIC_TYPE)
                .logDestinationType("cloud-watch-logs")
                .logDestination(logs.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(AGGREGATION_SECONDS)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(permissions).build());

        this.logGroupName = logs.name();
        registerOutputs(Map.of("logGroupName", logGroupName));
    }
}
