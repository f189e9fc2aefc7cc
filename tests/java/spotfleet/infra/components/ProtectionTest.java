package spotfleet.infra.components;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/** The {@code protect} key: what a production stack keeps from {@code pulumi destroy}, and that a dev stack keeps nothing. */
class ProtectionTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AProtectedStack {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().protect(true)
                    .domainName("app.example.com").hostedZoneName("example.com").build()));
        }

        @Test
        void pulumiRefusesToDeleteTheImageRepositoryTheLogGroupsAndTheAccessLogBucketOnly() {
            // given / when
            var protectedResources = stack.resources().stream().filter(DeclaredResource::protect).toList();
            // then: the certificate and the DNS records are recreated from config, so they stay deletable
            assertThat(protectedResources).extracting(DeclaredResource::name)
                    .containsExactlyInAnyOrder("cluster-images", "cluster-logs", "fleetwatch-logs", "flowlogs-logs", "accesslogs-bucket");
        }

        @Test
        void ecrKeepsImagesAndAwsRefusesToDeleteTheLoadBalancer() {
            // given / when / then
            assertThat(input(stack.one(ECR_REPOSITORY, "cluster-images"), "forceDelete")).isEqualTo(false);
            assertThat(input(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "enableDeletionProtection")).isEqualTo(true);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnUnprotectedStackOthersPromoteFrom {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().promotionTargets(java.util.List.of("prod")).build()));
        }

        @Test
        void destroyKeepsTheRepositoryWhoseImagesThePromotionTargetsRunAndNothingElse() {
            // given / when
            var repository = stack.one(ECR_REPOSITORY, "cluster-images");
            // then: prod's next Spot replacement pulls from it; the logs and the load balancer are dev's own
            assertThat(stack.resources().stream().filter(DeclaredResource::protect)).containsExactly(repository);
            assertThat(input(repository, "forceDelete")).isEqualTo(false);
            assertThat(input(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "enableDeletionProtection")).isEqualTo(false);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnUnprotectedStack {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
        }

        @Test
        void destroyRemovesEverythingImagesIncluded() {
            // given / when / then
            assertThat(stack.resources()).noneMatch(DeclaredResource::protect);
            assertThat(input(stack.one(ECR_REPOSITORY, "cluster-images"), "forceDelete")).isEqualTo(true);
            assertThat(input(stack.one(LOAD_BALANCER, "loadbalancer-alb"), "enableDeletionProtection")).isEqualTo(false);
        }
    }
}
