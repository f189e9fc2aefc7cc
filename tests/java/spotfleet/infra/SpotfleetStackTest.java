package spotfleet.infra;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineEvaluationException;
import spotfleet.infra.offline.OfflineMocks;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class SpotfleetStackTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InARegion {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().awsRegion("eu-west-1").build()));
        }

        @Test
        void oneExplicitProviderTagsEverythingWithProjectStackAndManagedBy() {
            // given / when
            var provider = stack.one(AWS_PROVIDER, "aws");
            // then
            assertThat(input(provider, "region")).isEqualTo("eu-west-1");
            // a provider receives its nested inputs as JSON text
            var defaultTags = new com.google.gson.Gson().fromJson((String) input(provider, "defaultTags"), Map.class);
            assertThat(defaultTags).isEqualTo(Map.of("tags", Map.of("Project", "spotfleet", "Stack", "dev", "ManagedBy", "pulumi")));
            assertThat(stack.all(AWS_PROVIDER)).hasSize(1);
        }

        @Test
        void everyAwsResourceAndInvokeGoesThroughTheExplicitProvider() {
            // given / when
            var awsResources = stack.resources().stream().filter(r -> r.type().startsWith("aws:")).toList();
            // then
            assertThat(awsResources).isNotEmpty().allSatisfy(r -> assertThat(r.provider()).as(r.name()).isEqualTo("aws"));
            assertThat(stack.evaluation().invokes()).isNotEmpty()
                    .allSatisfy(i -> assertThat(OfflineMocks.providerName(i.provider())).as(i.token()).isEqualTo("aws"));
        }

        @Test
        void theStackIsItsComponentsWithTheProviderAtTheTop() {
            // given / when
            var topLevel = stack.resources().stream().filter(r -> r.parent().isEmpty()).toList();
            // then: no HttpsEndpoint without a domain (HttpsEndpointTest covers the stack with one); the log bucket before the
            // flow logs, which may write into it
            assertThat(topLevel).extracting(DeclaredResource::type).containsExactly(AWS_PROVIDER,
                    "spotfleet:index:Network", "spotfleet:index:AccessLogs", "spotfleet:index:FlowLogs", "spotfleet:index:LoadBalancer",
                    "spotfleet:index:Cluster",
                    "spotfleet:index:Capacity", "spotfleet:index:ContainerImage", "spotfleet:index:WebService",
                    "spotfleet:index:AlertTopic", "spotfleet:index:FleetWatch", "spotfleet:index:Alarms",
                    "spotfleet:index:SpotAlerts", "spotfleet:index:AlertTopicPolicy", "spotfleet:index:Dashboard");
            assertThat(stack.resources()).filteredOn(r -> r.parent().isPresent())
                    .allSatisfy(r -> assertThat(r.name()).startsWith(r.parent().orElseThrow() + "-"));
        }

        @Test
        void theOutputsNameWhatWasDeclared() {
            // given
            var alb = stack.one(LOAD_BALANCER, "loadbalancer-alb");
            // when / then
            assertThat(stack.stackOutput("url")).isEqualTo("http://" + output(alb, "dnsName"));
            assertThat(stack.stackOutput("albDnsName")).isEqualTo(output(alb, "dnsName"))
                    .asString().endsWith(".eu-west-1.elb.amazonaws.com");
            assertThat(stack.stackOutput("clusterName")).isEqualTo(output(stack.one(ECS_CLUSTER, "cluster-ecs"), "name"));
            assertThat(stack.stackOutput("serviceName")).isEqualTo(output(stack.one(ECS_SERVICE, "web-service"), "name"));
            assertThat(stack.stackOutput("autoScalingGroupName")).isEqualTo(output(stack.one(AUTO_SCALING_GROUP, "capacity-asg"), "name"));
            assertThat(stack.stackOutput("repositoryUrl")).isEqualTo(output(stack.one(ECR_REPOSITORY, "cluster-images"), "repositoryUrl"));
            assertThat(stack.stackOutput("imageRef")).isEqualTo(output(stack.one(DOCKER_IMAGE, "image-image"), "repoDigest"));
            assertThat(stack.stackOutput("imagePlatform")).isEqualTo("linux/amd64");
            assertThat(stack.stackOutput("imageRepositoryArn")).isEqualTo(output(stack.one(ECR_REPOSITORY, "cluster-images"), "arn"));
            assertThat(stack.stackOutput("imagePullers")).isEqualTo(java.util.List.of());
            assertThat(stack.stackOutput("dashboardUrl")).isEqualTo(
                    "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name="
                            + input(stack.one(DASHBOARD, "dashboard-cloudwatch"), "dashboardName"));
            assertThat(stack.stackOutput("alarmTopicArn")).isEqualTo(output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"));
            assertThat(stack.stackOutput("accessLogsBucket")).isEqualTo(output(stack.one(BUCKET, "accesslogs-bucket"), "bucket"));
            assertThat(stack.stackOutput("loadBalancerArnSuffix")).isEqualTo(output(alb, "arnSuffix"));
            assertThat(stack.evaluation().outputs()).hasSize(14);
        }
    }

    @Test
    void mainRefusesAStackThatDoesNotNameItsRegion() {
        // given a stack with no config (the mock engine has none to give), so no aws:region
        // when / then: nothing declared, the problem named (the provider alone would take AWS_REGION of the shell)
        assertThatThrownBy(() -> OfflineEvaluation.run(new OfflineMocks(), "spotfleet", "dev", Main::stack))
                .isInstanceOf(OfflineEvaluationException.class)
                .hasMessageContaining(StackConfig.REGION_MISSING);
    }

    @Test
    void moreAzsThanTheRegionOffersFailsNamingTheKey() {
        // given a region with two AZs and a stack that wants three
        var settings = StackSettings.defaults().toBuilder().azCount(3).build();
        // when / then
        assertThatThrownBy(() -> OfflineEvaluation.run(new OfflineMocks(2), "spotfleet", "dev",
                ctx -> SpotfleetStack.declare(ctx, settings)))
                .isInstanceOf(OfflineEvaluationException.class)
                .hasMessageContaining("spotfleet:azCount (3) is more than the 2 Availability Zones this region offers"
                        + " (mock-region-1a, mock-region-1b)");
    }

    @Test
    void parentsAreTheComponents() {
        // given / when
        var stack = DeclaredStack.withDefaults();
        // then
        assertThat(stack.one(NAT_GATEWAY, "network-nat-0").parent()).isEqualTo(Optional.of("network"));
        assertThat(stack.one(DOCKER_IMAGE, "image-image").parent()).isEqualTo(Optional.of("image"));
    }
}
