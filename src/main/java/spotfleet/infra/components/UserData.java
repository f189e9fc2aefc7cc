package spotfleet.infra.components;

import spotfleet.infra.config.InstanceCatalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The boot script of the ECS instances: the ECS agent's settings, written before the agent starts.
 * {@code once}: task definitions name images by digest, so a cached copy is always the right one, and tasks moved after
 * a Spot interruption start without waiting for a pull. Not {@code prefer-cached}, which turns the agent's image cleanup
 * off ("If the image pull behavior is prefer cached, don't clean up the image", aws/amazon-ecs-agent
 * agent/engine/docker_image_manager.go, StartImageCleanupProcess), so every digest ever run would stay on a long-lived
 * host; with {@code once} "the image/digest will be pulled remotely if it has not been pulled before or if the image was
 * removed by image cleanup" (the agent's README, ECS_IMAGE_PULL_BEHAVIOR).
 */
final class UserData {

    private UserData() {
    }

    /** The script for instances joining {@code clusterName}. */
    static String script(String clusterName) {
        return """
                #!/bin/bash
                # Written by the spotfleet Pulumi program: join the cluster and drain tasks on Spot interruption notices.
                cat >> /etc/ecs/ecs.config <<'EOF'
                ECS_CLUSTER=%s
                ECS_ENABLE_SPOT_INSTANCE_DRAINING=true
                ECS_RESERVED_MEMORY=%d
                ECS_IMAGE_PULL_BEHAVIOR=once
                EOF
                """.formatted(clusterName, InstanceCatalog.ECS_RESERVED_MEMORY_MIB);
    }

    /** The script as a launch template takes it: base64. */
    static String encoded(String clusterName) {
        return Base64.getEncoder().encodeToString(script(clusterName).getBytes(StandardCharsets.UTF_8));
    }
}
