package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;

import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/**
 * The {@code protect} key: a production stack keeps what holds data (images, logs, access logs) and its public entry point through
 * mistakes; a dev stack can be destroyed whole.
 */
class StatefulResourcesPolicyTest {

    /** The types that hold the only copy of something: the images, and the logs. Everything else is rebuilt from config. */
    static final Set<String> STATEFUL_TYPES = Set.of(ECR_REPOSITORY, LOG_GROUP, BUCKET);

    @PolicyCheck
    void pulumiProtectsExactlyTheStatefulResourcesWhenAsked(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var protect = stack.settings().protect();
        STATEFUL_TYPES.forEach(stack::each);
        // when
        for (var resource : stack.declared().resources()) {
            var stateful = STATEFUL_TYPES.contains(resource.type());
            findings.require(resource.protect() == (protect && stateful), resource, "has Pulumi protect %s in a stack with protect %s (%s)",
                    resource.protect(), protect, stateful ? "it holds data" : "it holds no data and is rebuilt from config");
        }
        // then
        findings.assertNone("with protect, Pulumi refuses to delete the image repository, the log groups and the access log bucket, and only them");
    }

    @PolicyCheck
    void awsRefusesToDeleteTheLoadBalancerTheImagesAndTheLogsWhenAsked(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var protect = stack.settings().protect();
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            findings.require(Boolean.valueOf(protect).equals(input(alb, "enableDeletionProtection")), alb,
                    "enableDeletionProtection is %s in a stack with protect %s", input(alb, "enableDeletionProtection"), protect);
        }
        for (DeclaredResource repository : stack.each(ECR_REPOSITORY)) {
            findings.require(Boolean.valueOf(!protect).equals(input(repository, "forceDelete")), repository,
                    "forceDelete is %s in a stack with protect %s", input(repository, "forceDelete"), protect);
        }
        for (var bucket : stack.each(BUCKET)) {
            findings.require(Boolean.valueOf(!protect).equals(input(bucket, "forceDestroy")), bucket,
                    "forceDestroy is %s in a stack with protect %s", input(bucket, "forceDestroy"), protect);
        }
        // then
        findings.assertNone("with protect, AWS itself refuses to delete the load balancer, a repository that holds images and a"
                + " bucket that holds logs; without, pulumi destroy empties them");
    }
}
