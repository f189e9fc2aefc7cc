package spotfleet.infra.components;

import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load balancer's access logs (Security Hub ELB.5): an S3 bucket of the stack that only Elastic Load Balancing's
 * log delivery may write to, under {@value #PREFIX}/ and this account's key prefix (and, with {@code flowLogs: s3}, the
 * log delivery service of this account's VPC flow logs under {@value #FLOW_LOGS_PREFIX}/); reachable over TLS only, closed to
 * the public, its objects owned by the bucket owner (no ACLs), encrypted with S3-managed keys (SSE-S3: the only
 * server-side encryption ALB log delivery supports) and expired after the stack's log retention.
 * <p>
 * With {@code protect} Pulumi refuses to delete the bucket and AWS refuses to delete it while it holds logs; without,
 * {@code forceDestroy} empties it on {@code pulumi destroy}, so a dev stack goes away whole.
 */
public final class AccessLogs extends ComponentResource {

    /** The key prefix the load balancer writes under; ELB appends {@code AWSLogs/<account>/elasticloadbalancing/...}. */
    public static final String PREFIX = "alb";
    /** The key prefix VPC flow logs are written under; the log delivery service appends {@code AWSLogs/<account>/vpcflowlogs/...}. */
    public static final String FLOW_LOGS_PREFIX = "flowlogs";
    /** The principal that delivers vended logs (VPC flow logs among them) to S3. */
    static final String VENDED_LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";
    /** The principal that delivers the logs in Regions opened in August 2022 or later. */
    static final String LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";
    /**
     * The Regions where a regional Elastic Load Balancing account delivers the logs instead: those opened before August
     * 2022 (AWS, "Enable access logs for your Application Load Balancer", the bucket policy's elb-account-id list, plus
     * the China Regions of the China documentation). They are the Regions pulumi-aws's {@code aws.elb.getServiceAccount}
     * knows (terraform-provider-aws internal/service/elb/service_account_data_source.go, accountIDPerRegionMap); it
     * fails in any other Region, so the program asks it only here and keeps no account ids of its own.
     */
    static final Set<String> ELB_ACCOUNT_REGIONS = Set.of(
            "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
            "ap-southeast-2", "ap-southeast-3", "ca-central-1", "cn-north-1", "cn-northwest-1", "eu-central-1", "eu-north-1",
            "eu-south-1", "eu-west-1", "eu-west-2", "eu-west-3", "me-south-1", "sa-east-1", "us-east-1", "us-east-2",
            "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2");

    /**
     * @param retentionDays    days a log file is kept (the stack's {@code logRetentionDays})
     * @param protect          Pulumi and AWS refuse to delete the bucket and its logs
     * @param loadBalancerLogs the load balancer's access logs come here ({@code accessLogs})
     * @param flowLogs         the VPC's flow logs come here ({@code flowLogs: s3})
     */
    public record Args(int retentionDays, boolean protect, boolean loadBalancerLogs, boolean flowLogs) {

        /** The load balancer's access logs only. */
        public Args(int retentionDays, boolean protect) {
            this(retentionDays, protect, true, false);
        }
    }

    @Export(name = "bucketName", refs = String.class)
    public final Output<String> bucketName;
    @Export(name = "bucketArn", refs = String.class)
    public final Output<String> bucketArn;
    /** What the load balancer's access logs attribute waits for: ELB writes a test file when logging is turned on. */
    final List<Resource> deliveryReady;

    public AccessLogs(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:AccessLogs", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var bucket = new BucketV2(name + "-bucket", BucketV2Args.builder()
                .forceDestroy(!args.protect())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        var publicAccess = new BucketPublicAccessBlock(name + "-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child);
        var ownership = new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        var encryption = new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("AES256")
                                                .build())
                                .build())
                        .build(), child);
        new BucketLifecycleConfigurationV2(name + "-expiry", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-access-logs")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(args.retentionDays()).build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(1)
                                .build())
                        .build())
                .build(), child);

        var writer = AwsEnvironment.region(this).apply(this::logWriter);
        var policyText = Output.tuple(bucket.arn(), AwsEnvironment.accountId(this), writer, AwsEnvironment.region(this),
                        AwsEnvironment.partition(this))
                .applyValue(t -> bucketPolicy(t.t1, t.t2, args.loadBalancerLogs() ? Optional.of(t.t3) : Optional.empty(),
                        args.flowLogs() ? Optional.of("arn:%s:logs:%s:%s:*".formatted(t.t5, t.t4, t.t2)) : Optional.empty()));
        // After the public access block: S3 refuses concurrent changes to a bucket's policy and its public access block.
        var policy = new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(policyText)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(publicAccess).build());

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        this.deliveryReady = List.of(policy, ownership, encryption);
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }

    /** Who writes the logs in {@code region}: its Elastic Load Balancing account, or the log delivery service. */
    private Output<Map<String, Object>> logWriter(String region) {
        if (!ELB_ACCOUNT_REGIONS.contains(region)) {
            return Output.of(Map.of("Service", LOG_DELIVERY_SERVICE));
        }
        return ElbFunctions.getServiceAccount(GetServiceAccountArgs.builder().region(region).build(),
                        InvokeOptions.builder().parent(this).build())
                .applyValue(account -> Map.of("AWS", account.arn()));
    }

    /** The load balancer's access log writer only, as before flow logs could come here. */
    static String bucketPolicy(String bucketArn, String accountId, Map<String, Object> writer) {
        return bucketPolicy(bucketArn, accountId, Optional.of(writer), Optional.empty());
    }

    /**
     * Writes only by the load balancer's {@code writer}, only objects under this account's key prefix, and nothing at all
     * without TLS. The load balancer owner's account id is part of every key ELB writes, so another account's load
     * balancer pointed at this bucket is refused. With {@code flowLogSources} (this account's log deliveries, an ARN
     * pattern) the vended log delivery service may also check the bucket's ACL and write under {@value #FLOW_LOGS_PREFIX}/
     * for this account's sources only: the statements of the Amazon VPC User Guide's "Amazon S3 bucket permissions for
     * flow logs" (AWSLogDeliveryWrite, AWSLogDeliveryAclCheck), with their aws:SourceAccount and aws:SourceArn conditions.
     */
    static String bucketPolicy(String bucketArn, String accountId, Optional<Map<String, Object>> writer,
                               Optional<String> flowLogSources) {
        var statements = new java.util.ArrayList<Object>();
        statements.add(Json.object(
                "Sid", "DenyWithoutTls",
                "Effect", "Deny",
                "Principal", "*",
                "Action", "s3:*",
                "Resource", List.of(bucketArn, bucketArn + "/*"),
                "Condition", Json.object("Bool", Json.object("aws:SecureTransport", "false"))));
        writer.ifPresent(principal -> statements.add(Json.object(
                "Sid", "LoadBalancerLogDelivery",
                "Effect", "Allow",
                "Principal", principal,
                "Action", "s3:PutObject",
                "Resource", "%s/%s/AWSLogs/%s/*".formatted(bucketArn, PREFIX, accountId))));
        flowLogSources.ifPresent(sources -> {
            var fromThisAccount = Json.object(
                    "StringEquals", Json.object("aws:SourceAccount", accountId),
                    "ArnLike", Json.object("aws:SourceArn", sources));
            statements.add(Json.object(
                    "Sid", "FlowLogDeliveryAclCheck",
                    "Effect", "Allow",
                    "Principal", Json.object("Service", VENDED_LOG_DELIVERY_SERVICE),
                    "Action", "s3:GetBucketAcl",
                    "Resource", bucketArn,
                    "Condition", fromThisAccount));
            statements.add(Json.object(
                    "Sid", "FlowLogDelivery",
                    "Effect", "Allow",
                    "Principal", Json.object("Service", VENDED_LOG_DELIVERY_SERVICE),
                    "Action", "s3:PutObject",
                    "Resource", "%s/%s/AWSLogs/%s/*".formatted(bucketArn, FLOW_LOGS_PREFIX, accountId),
                    "Condition", Json.object(
                            "StringEquals", Json.object("aws:SourceAccount", accountId, "s3:x-amz-acl", "bucket-owner-full-control"),
                            "ArnLike", Json.object("aws:SourceArn", sources))));
        });
        return Json.of(Json.object("Version", "2012-10-17", "Statement", statements));
    }
}
