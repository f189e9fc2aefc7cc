package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineMocks;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class AccessLogsTest {

    @Test
    void theLoadBalancerLogsToTheBucketOnceItsPolicyAllowsIt() {
        // given the defaults: access logs on
        var stack = DeclaredStack.withDefaults();
        // when
        var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
        var bucket = stack.one(BUCKET, "accesslogs-bucket");
        // then
        assertThat(input(alb, "accessLogs")).isEqualTo(Map.of("bucket", output(bucket, "bucket"), "prefix", "alb", "enabled", true));
        assertThat(alb.dependsOn()).containsExactlyInAnyOrder("accesslogs-policy", "accesslogs-ownership", "accesslogs-encryption");
        assertThat(stack.stackOutput("accessLogsBucket")).isEqualTo(output(bucket, "bucket"));
    }

    @Test
    void everyCommittedStackLogsItsLoadBalancersRequests() throws Exception {
        // given every Pulumi.<stack>.yaml of the project
        var stacks = StackFile.stacks(Path.of("."));
        assertThat(stacks).contains("dev", "prod");
        for (var name : stacks) {
            // when
            var stack = DeclaredStack.committed(name);
            // then
            var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
            assertThat(input(alb, "accessLogs.enabled")).as(name).isEqualTo(true);
            assertThat(input(alb, "accessLogs.bucket")).as(name).isEqualTo(output(stack.one(BUCKET, "accesslogs-bucket"), "bucket"));
        }
    }

    @Test
    void theBucketIsPrivateOwnedByItsOwnerEncryptedWithS3KeysAndExpiresLogsAfterTheRetention() {
        // given
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().logRetentionDays(30).build());
        var bucketId = stack.one(BUCKET, "accesslogs-bucket").id();
        // when
        var publicAccess = stack.one(BUCKET_PUBLIC_ACCESS_BLOCK, "accesslogs-public-access");
        var ownership = stack.one(BUCKET_OWNERSHIP_CONTROLS, "accesslogs-ownership");
        var encryption = stack.one(BUCKET_ENCRYPTION, "accesslogs-encryption");
        var expiry = stack.one(BUCKET_LIFECYCLE, "accesslogs-expiry");
        // then
        assertThat(publicAccess.inputs()).isEqualTo(Map.of("bucket", bucketId, "blockPublicAcls", true, "blockPublicPolicy", true,
                "ignorePublicAcls", true, "restrictPublicBuckets", true));
        assertThat(input(ownership, "bucket")).isEqualTo(bucketId);
        assertThat(input(ownership, "rule.objectOwnership")).isEqualTo("BucketOwnerEnforced");
        assertThat(input(encryption, "bucket")).isEqualTo(bucketId);
        assertThat(input(encryption, "rules")).isEqualTo(List.of(Map.of("applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256"))));
        assertThat(input(expiry, "bucket")).isEqualTo(bucketId);
        assertThat(input(expiry, "rules")).isEqualTo(List.of(Map.of("id", "expire-access-logs", "status", "Enabled",
                "filter", Map.of("prefix", ""), "expiration", Map.of("days", 30.0),
                "abortIncompleteMultipartUpload", Map.of("daysAfterInitiation", 1.0))));
    }

    @Test
    void theBucketRefusesEverythingWithoutTlsAndAcceptsOnlyLogDeliveryUnderThisAccountsPrefix() {
        // given a Region opened in August 2022 or later
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().awsRegion("eu-central-2").build());
        var bucket = stack.one(BUCKET, "accesslogs-bucket");
        var arn = output(bucket, "arn");
        // when
        var policy = stack.one(BUCKET_POLICY, "accesslogs-policy");
        // then
        assertThat(input(policy, "bucket")).isEqualTo(bucket.id());
        assertThat(JsonParser.parseString((String) input(policy, "policy"))).isEqualTo(JsonParser.parseString("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "DenyWithoutTls", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": ["%1$s", "%1$s/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                  {"Sid": "LoadBalancerLogDelivery", "Effect": "Allow",
                   "Principal": {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"},
                   "Action": "s3:PutObject", "Resource": "%1$s/alb/AWSLogs/%2$s/*"}]}
                """.formatted(arn, OfflineMocks.ACCOUNT_ID)));
        assertThat(policy.dependsOn()).containsExactly("accesslogs-public-access");
        assertThat(stack.invokes(GET_ELB_SERVICE_ACCOUNT)).isEmpty();
    }

    @Test
    void inARegionOlderThanAugust2022TheRegionsElbAccountWritesAsPulumiAwsNamesIt() {
        // given
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().awsRegion("eu-west-1").build());
        // when
        var statement = JsonParser.parseString((String) input(stack.one(BUCKET_POLICY, "accesslogs-policy"), "policy"))
                .getAsJsonObject().getAsJsonArray("Statement").get(1).getAsJsonObject();
        var invokes = stack.invokes(GET_ELB_SERVICE_ACCOUNT);
        // then: the principal is what the provider's getServiceAccount answered for the stack's Region
        assertThat(invokes).hasSize(1);
        assertThat(invokes.getFirst().args()).isEqualTo(Map.of("region", "eu-west-1"));
        assertThat(invokes.getFirst().provider()).contains("aws");
        assertThat(statement.getAsJsonObject("Principal").keySet()).containsExactly("AWS");
        assertThat(statement.getAsJsonObject("Principal").get("AWS").getAsString()).matches("arn:aws:iam::\\d{12}:root");
    }

    @Test
    void everyRegionTheProviderKnowsAnElbAccountForUsesIt() {
        // given the Regions of terraform-provider-aws's accountIDPerRegionMap (internal/service/elb/service_account_data_source.go)
        var providerRegions = List.of("af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
                "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1", "cn-north-1", "cn-northwest-1", "eu-central-1",
                "eu-north-1", "eu-south-1", "eu-west-1", "eu-west-2", "eu-west-3", "me-south-1", "sa-east-1", "us-east-1", "us-east-2",
                "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2");
        // when / then: and no other Region, where the invoke would fail
        assertThat(AccessLogs.ELB_ACCOUNT_REGIONS).containsExactlyInAnyOrderElementsOf(providerRegions);
    }

    @Test
    void aProtectedStackKeepsTheBucketAndItsLogs() {
        // given
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().protect(true).build());
        // when
        var bucket = stack.one(BUCKET, "accesslogs-bucket");
        // then: Pulumi refuses to delete it, and AWS refuses to delete it while it holds logs
        assertThat(bucket.protect()).isTrue();
        assertThat(input(bucket, "forceDestroy")).isEqualTo(false);
        assertThat(stack.one(BUCKET_POLICY, "accesslogs-policy").protect()).isFalse();
    }

    @Test
    void anUnprotectedStackEmptiesTheBucketOnDestroy() {
        // given / when
        var bucket = DeclaredStack.withDefaults().one(BUCKET, "accesslogs-bucket");
        // then
        assertThat(bucket.protect()).isFalse();
        assertThat(input(bucket, "forceDestroy")).isEqualTo(true);
    }

    @Test
    void withAccessLogsOffThereIsNoBucketAndTheLoadBalancerLogsNothing() {
        // given
        var stack = DeclaredStack.of(StackSettings.defaults().toBuilder().accessLogs(false).build());
        // when
        var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
        // then
        assertThat(stack.resources()).noneMatch(resource -> resource.type().startsWith("aws:s3/"));
        assertThat(alb.inputs()).doesNotContainKey("accessLogs");
        assertThat(alb.dependsOn()).isEmpty();
        assertThat(stack.evaluation().outputs()).doesNotContainKey("accessLogsBucket");
    }
}
