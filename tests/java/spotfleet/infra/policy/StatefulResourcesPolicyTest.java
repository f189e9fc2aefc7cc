package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;

import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/**
 * The {@code protect} key: a production stack keeps what holds data (images, logs, access logs) and its public entry point through
 * mistakes; a dev stack can be destroyed whole, except a repository other stacks promote images from (its
 * {@code promotionTargets} run them), which is kept as with {@code protect}.
 */
class StatefulResourcesPolicyTest {

    /** The types that hold the only copy of something: the images, and the logs. Everything else is rebuilt from config. */
    static final Set<String> STATEFUL_TYPES = Set.of(ECR_REPOSITORY, LOG_GROUP, BUCKET);

    @PolicyCheck
    void pulumiProtectsExactlyTheStatefulResourcesWhenAsked(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var protect = stack.settings().protect();
        var sharesImages = !stack.settings().image().promotionTargets().isEmpty();
        STATEFUL_TYPES.forEach(stack::each);
        // when
        for (var resource : stack.declared().resources()) {
            var stateful = STATEFUL_TYPES.contains(resource.type());
            var kept = stateful && (protect || sharesImages && ECR_REPOSITORY.equals(resource.type()));
            findings.require(resource.protect() == kept, resource, "has Pulumi protect %s in a stack with protect %s and %s (%s)",
                    resource.protect(), protect, sharesImages ? "promotion targets" : "no promotion targets",
                    stateful ? "it holds data" : "it holds no data and is rebuilt from config");
        }
        // then
        findings.assertNone("with protect, Pulumi refuses to delete the image repository, the log groups and the access log bucket, and"
                + " only them; with promotion targets, the image repository too");
    }

    @PolicyCheck
    void awsRefusesToDeleteTheLoadBalancerTheImagesAndTheLogsWhenAsked(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var protect = stack.settings().protect();
        var keepImages = protect || !stack.settings().image().promotionTargets().isEmpty();
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            findings.require(Boolean.valueOf(protect).equals(input(alb, "enableDeletionProtection")), alb,
                    "enableDeletionProtection is %s in a stack with protect %s", input(alb, "enableDeletionProtection"), protect);
        }
        for (DeclaredResource repository : stack.each(ECR_REPOSITORY)) {
            findings.require(Boolean.valueOf(!keepImages).equals(input(repository, "forceDelete")), repository,
                    "forceDelete is %s in a stack with protect %s and %s promotion targets", input(repository, "forceDelete"), protect,
                    keepImages == protect ? "any" : "some");
        }
        for (var bucket : stack.each(BUCKET)) {
            findings.require(Boolean.valueOf(!protect).equals(input(bucket, "forceDestroy")), bucket,
                    "forceDestroy is %s in a stack with protect %s", input(bucket, "forceDestroy"), protect);
        }
        // then
        findings.assertNone("with protect, AWS itself refuses to delete the load balancer, a repository that holds images and a"
                + " bucket that holds logs (a repository promotion targets pull from, also without protect); otherwise pulumi"
                + " destroy empties them");
    }
}
