package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import spotfleet.infra.offline.ResourceTypes.Tier;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceKindsTest {

    @Test
    void typesWithoutATitleAreTitledFromTheirToken() {
        // given / when / then
        assertThat(ResourceKinds.title("aws:lb/targetGroup:TargetGroup")).isEqualTo("target group");
        assertThat(ResourceKinds.title("aws:ec2/eip:Eip")).isEqualTo("Eip");
        assertThat(ResourceKinds.title("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"))
                .isEqualTo("Cluster Capacity Providers");
    }

    @Test
    void tiersFollowTheTypeAndItsModule() {
        // given / when / then
        assertThat(ResourceKinds.tier(ResourceKinds.NAT_GATEWAY)).isEqualTo(Tier.TRAFFIC);
        assertThat(ResourceKinds.tier("aws:ec2/vpc:Vpc")).isEqualTo(Tier.PLATFORM);
        assertThat(ResourceKinds.tier("aws:iam/role:Role")).isEqualTo(Tier.SUPPORT);
        assertThat(ResourceKinds.tier("aws:appautoscaling/policy:Policy")).isEqualTo(Tier.SUPPORT);
        assertThat(ResourceKinds.tier("aws:ec2/flowLog:FlowLog")).isEqualTo(Tier.SUPPORT);
        assertThat(ResourceKinds.tier("aws:index/thing:Thing")).isEqualTo(Tier.PLATFORM);
        assertThat(ResourceKinds.tier("aws:sns:Topic")).isEqualTo(Tier.SUPPORT); // a module without a slash
        assertThat(ResourceKinds.tier("not-a-token")).isEqualTo(Tier.PLATFORM);
    }

    @Test
    void theHostOfABoxIsTheFirstListedTypeAndUnlistedTypesComeLast() {
        // given / when / then
        assertThat(ResourceKinds.hostRank(ResourceKinds.LOAD_BALANCER)).isZero();
        assertThat(ResourceKinds.hostRank(ResourceKinds.SUBNET)).isLessThan(ResourceKinds.hostRank(ResourceKinds.ROUTE_TABLE));
        assertThat(ResourceKinds.hostRank("aws:ec2/eip:Eip")).isEqualTo(ResourceKinds.HOSTS.size());
    }

    @Test
    void resourcesThatOnlyConfigureAnotherArePartsOfIt() {
        // given / when / then
        assertThat(ResourceKinds.isPart("aws:iam/rolePolicy:RolePolicy", "role", "aws:iam/role:Role")).isTrue();
        assertThat(ResourceKinds.isPart("aws:iam/rolePolicy:RolePolicy", "policy", "aws:iam/role:Role")).isFalse();
        assertThat(ResourceKinds.isPart("aws:s3/bucketPolicy:BucketPolicy", "bucket", "aws:s3/bucketV2:BucketV2")).isTrue();
        assertThat(ResourceKinds.isPart("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "bucket",
                "aws:s3/bucket:Bucket")).isTrue();
        assertThat(ResourceKinds.isPart("aws:s3/bucketPolicy:BucketPolicy", "policy", "aws:s3/bucketV2:BucketV2")).isFalse();
        assertThat(ResourceKinds.isPart("aws:s3/bucketV2:BucketV2", "bucket", "aws:s3/bucketV2:BucketV2")).isFalse();
        assertThat(ResourceKinds.isPart("aws:lb/loadBalancer:LoadBalancer", "bucket", "aws:s3/bucketV2:BucketV2")).isFalse();
        assertThat(ResourceKinds.tier("aws:s3/bucketV2:BucketV2")).isEqualTo(Tier.SUPPORT);
    }
}
