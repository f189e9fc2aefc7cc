package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPC flow logs of the traffic the security groups and network ACLs reject, in a log group of the stack or (with
 * {@code flowLogs: s3}) in the stack's log bucket: who knocked where, for an investigation (Security Hub EC2.6). Rejected
 * traffic only: accepted traffic is already in the service's request log, and logging it all would cost far more at
 * the vended logs' ingestion price.
 */
public final class FlowLogs extends ComponentResource {

    static final String TRAFFIC_TYPE = "REJECT";
    /** The longest aggregation window: the fewest records (and bytes ingested) for the same traffic. */
    static final int AGGREGATION_SECONDS = 600;

    /**
     * @param vpcId            the VPC whose traffic is logged
     * @param logRetentionDays how long the records are kept (the service's setting)
     * @param protect          Pulumi may not delete the log group
     * @param bucket           the stack's log bucket, when the records go there ({@code flowLogs: s3}); its policy lets
     *                         this account's log delivery write under {@link AccessLogs#FLOW_LOGS_PREFIX}, and its
     *                         lifecycle expires them after the same retention
     */
    public record Args(Output<String> vpcId, int logRetentionDays, boolean protect, Optional<AccessLogs> bucket) {

        /** To a log group of the stack. */
        public Args(Output<String> vpcId, int logRetentionDays, boolean protect) {
            this(vpcId, logRetentionDays, protect, Optional.empty());
        }
    }

    /** The log group the records go to; empty when they go to the log bucket. */
    public final Optional<Output<String>> logGroupName;

    public FlowLogs(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:FlowLogs", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        if (args.bucket().isPresent()) {
            // S3 delivery needs no role: the bucket policy admits the log delivery service (the role is for CloudWatch Logs).
            var bucket = args.bucket().get();
            new FlowLog(name + "-vpc", FlowLogArgs.builder()
                    .vpcId(args.vpcId())
                    .trafficType(TRAFFIC_TYPE)
                    .logDestinationType("s3")
                    .logDestination(bucket.bucketArn.applyValue(arn -> arn + "/" + AccessLogs.FLOW_LOGS_PREFIX))
                    .maxAggregationInterval(AGGREGATION_SECONDS)
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(bucket.deliveryReady).build());
            this.logGroupName = Optional.empty();
            registerOutputs(Map.of());
            return;
        }

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

        this.logGroupName = Optional.of(logs.name());
        registerOutputs(Map.of("logGroupName", logs.name()));
    }
}
