package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineMocks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/**
 * S3: the load balancer's access log bucket, held to the FSBP S3 controls a log bucket can meet. Each bucket setting
 * is its own resource (pulumi-aws's BucketV2 and its companions), found through the bucket id it names.
 */
class BucketPolicyTest {

    /** Who may write to a log bucket: a region's Elastic Load Balancing account, or the log delivery service. */
    static final String LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";
    /** Vended logs' delivery to S3, VPC flow logs among them (Amazon VPC User Guide, Amazon S3 bucket permissions for flow logs). */
    static final String VENDED_LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

    @PolicyCheck
    void everyBucketBlocksAllPublicAccess(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var settings = List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets");
        // when
        for (var bucket : stack.each(BUCKET)) {
            var blocks = of(stack, BUCKET_PUBLIC_ACCESS_BLOCK, bucket);
            findings.require(blocks.size() == 1, bucket, "has %d public access blocks", blocks.size());
            for (var block : blocks) {
                settings.forEach(setting -> findings.require(Boolean.TRUE.equals(input(block, setting)), block, "%s is %s",
                        setting, input(block, setting)));
            }
        }
        // then
        findings.assertNone("every bucket blocks public ACLs and policies, and ignores and restricts any that exist");
    }

    @PolicyCheck
    void everyBucketRefusesRequestsWithoutTls(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var bucket : stack.each(BUCKET)) {
            var arn = output(bucket, "arn");
            var denies = policies(stack, bucket).stream().flatMap(policy -> policy.statements().stream())
                    .filter(s -> "Deny".equals(s.effect()) && s.anyPrincipal() && s.actions().stream().anyMatch(Set.of("s3:*", "*")::contains)
                            && s.resources().containsAll(List.of(arn, arn + "/*"))
                            && s.condition().has("Bool") && s.condition().getAsJsonObject("Bool").has("aws:SecureTransport")
                            && "false".equals(s.condition().getAsJsonObject("Bool").get("aws:SecureTransport").getAsString()))
                    .toList();
            findings.require(!denies.isEmpty(), bucket, "no policy statement denies every request to it and its objects without TLS");
        }
        // then
        findings.assertNone("every bucket denies requests that do not use TLS");
    }

    @PolicyCheck
    void everyBucketIsEncryptedWithS3KeysAndOwnsItsObjects(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var bucket : stack.each(BUCKET)) {
            var encryption = of(stack, BUCKET_ENCRYPTION, bucket);
            findings.require(encryption.size() == 1, bucket, "has %d encryption configurations", encryption.size());
            // SSE-S3 is the only server-side encryption ALB log delivery can write with
            encryption.forEach(config -> findings.require("AES256".equals(input(config, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")),
                    config, "encrypts with %s, not SSE-S3 (AES256)", input(config, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")));
            var ownership = of(stack, BUCKET_OWNERSHIP_CONTROLS, bucket);
            findings.require(ownership.size() == 1 && ownership.stream().allMatch(o -> "BucketOwnerEnforced".equals(input(o, "rule.objectOwnership"))),
                    bucket, "object ownership is %s: ACLs could still grant access", ownership.stream().map(o -> input(o, "rule.objectOwnership")).toList());
            findings.require(!bucket.inputs().containsKey("acl") && !bucket.inputs().containsKey("grants"), bucket, "sets ACLs %s",
                    bucket.inputs().getOrDefault("acl", bucket.inputs().get("grants")));
        }
        // then
        findings.assertNone("every bucket is encrypted with S3-managed keys, and its owner owns every object (no ACLs)");
    }

    @PolicyCheck
    void everyBucketExpiresItsObjectsAfterTheLogRetention(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var days = stack.settings().cluster().logRetentionDays();
        // when
        for (var bucket : stack.each(BUCKET)) {
            var lifecycles = of(stack, BUCKET_LIFECYCLE, bucket);
            findings.require(lifecycles.size() == 1, bucket, "has %d lifecycle configurations", lifecycles.size());
            for (var lifecycle : lifecycles) {
                var rules = (List<?>) input(lifecycle, "rules");
                var expiring = rules.stream().map(rule -> (Map<?, ?>) rule)
                        .filter(rule -> "Enabled".equals(rule.get("status")))
                        .filter(rule -> rule.get("filter") instanceof Map<?, ?> filter && "".equals(filter.get("prefix")) && filter.size() == 1)
                        .filter(rule -> rule.get("expiration") instanceof Map<?, ?> expiration
                                && expiration.get("days") instanceof Number n && n.intValue() == days)
                        .toList();
                findings.require(!expiring.isEmpty(), lifecycle, "no enabled rule expires every object after %d days (logRetentionDays): %s",
                        days, rules);
            }
        }
        // then
        findings.assertNone("every bucket deletes its objects after the stack's log retention");
    }

    @PolicyCheck
    void onlyLogDeliveryWritesToTheLogBucket(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var elbAccounts = stack.declared().invokes(GET_ELB_SERVICE_ACCOUNT).size();
        var loadBalancerLogs = stack.settings().accessLogs();
        var flowLogs = stack.settings().network().flowLogs() == spotfleet.infra.config.FlowLogDestination.S3;
        // when
        for (var bucket : stack.each(BUCKET)) {
            var allowed = policies(stack, bucket).stream().flatMap(policy -> policy.statements().stream())
                    .filter(PolicyDocument.Statement::allows).toList();
            var expected = (loadBalancerLogs ? 1 : 0) + (flowLogs ? 2 : 0);
            findings.require(allowed.size() == expected, bucket, "has %d Allow statements, not %d", allowed.size(), expected);
            var arn = String.valueOf(output(bucket, "arn"));
            var albPrefix = arn + "/alb/AWSLogs/" + OfflineMocks.ACCOUNT_ID + "/*";
            var flowPrefix = arn + "/flowlogs/AWSLogs/" + OfflineMocks.ACCOUNT_ID + "/*";
            for (var statement : allowed) {
                var writer = statement.principals();
                if (writer.equals(Map.of("Service", List.of(VENDED_LOG_DELIVERY_SERVICE)))) {
                    // the flow logs' delivery: this account's sources only, the ACL check or writes under flowlogs/
                    findings.require(flowLogs, bucket, "%s admits the vended log delivery, yet flow logs go elsewhere", statement.sid());
                    var condition = statement.condition();
                    var sourceAccount = condition != null && condition.has("StringEquals")
                            && condition.getAsJsonObject("StringEquals").has("aws:SourceAccount")
                            && OfflineMocks.ACCOUNT_ID.equals(condition.getAsJsonObject("StringEquals").get("aws:SourceAccount").getAsString());
                    findings.require(sourceAccount, bucket, "%s does not require aws:SourceAccount %s (%s)", statement.sid(),
                            OfflineMocks.ACCOUNT_ID, statement.condition());
                    var write = statement.actions().equals(List.of("s3:PutObject")) && statement.resources().equals(List.of(flowPrefix));
                    var aclCheck = statement.actions().equals(List.of("s3:GetBucketAcl")) && statement.resources().equals(List.of(arn));
                    findings.require((write || aclCheck) && statement.notActions().isEmpty(), bucket,
                            "%s allows %s on %s: only s3:PutObject under %s or s3:GetBucketAcl on the bucket", statement.sid(),
                            statement.actions(), statement.resources(), flowPrefix);
                    continue;
                }
                var logDelivery = writer.equals(Map.of("Service", List.of(LOG_DELIVERY_SERVICE))) && elbAccounts == 0
                        || writer.keySet().equals(Set.of("AWS")) && writer.get("AWS").size() == 1
                        && writer.get("AWS").getFirst().matches("arn:aws(-cn|-us-gov)?:iam::\\d{12}:root") && elbAccounts == 1;
                findings.require(loadBalancerLogs && logDelivery, bucket, "%s grants to %s, not to Elastic Load Balancing's log delivery",
                        statement.sid(), writer);
                findings.require(statement.actions().equals(List.of("s3:PutObject")) && statement.notActions().isEmpty(), bucket,
                        "%s allows %s, not just s3:PutObject", statement.sid(), statement.actions());
                findings.require(statement.resources().equals(List.of(albPrefix)), bucket, "%s allows writing to %s, not only under %s",
                        statement.sid(), statement.resources(), albPrefix);
            }
        }
        // then
        findings.assertNone("only the load balancer's log delivery (and, with flowLogs s3, this account's vended log delivery) may"
                + " write to the log bucket, and only its own account's logs");
    }

    /** The resources of {@code type} that configure {@code bucket}. */
    private static List<DeclaredResource> of(PolicyStack stack, String type, DeclaredResource bucket) {
        return stack.declared().all(type).stream().filter(config -> bucket.id().equals(input(config, "bucket"))).toList();
    }

    private static List<PolicyDocument> policies(PolicyStack stack, DeclaredResource bucket) {
        return of(stack, BUCKET_POLICY, bucket).stream().map(policy -> PolicyDocument.parse(input(policy, "policy"))).toList();
    }
}
