package spotfleet.infra.components;

import spotfleet.infra.config.ServiceSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service's one container, as the JSON a task definition takes. */
final class ContainerDefinition {

    static final String CONTAINER_NAME = "app";
    /** A writable scratch directory under the read-only root filesystem, for JVM crash reports and library temp files. */
    static final String SCRATCH_VOLUME = "tmp";
    static final String SCRATCH_PATH = "/tmp";

    private ContainerDefinition() {
    }

    /**
     * @param image    the image by digest
     * @param logGroup the CloudWatch log group the awslogs driver writes to
     * @param region   the log group's region
     * @param bridge   bridge networking (on instances): Docker publishes the port on an ephemeral host port; else awsvpc,
     *                 where the host port is the container port
     */
    static String json(ServiceSettings settings, String image, String logGroup, String region, boolean bridge) {
        var container = Json.object(
                "name", CONTAINER_NAME,
                "image", image,
                "essential", true,
                "cpu", settings.taskCpu(),
                // The hard limit, set on the container (not only the task) so the JVM sees it in its cgroup and
                // sizes its heap to it. No memoryReservation: ECS then reserves the limit itself, so instances
                // are never overcommitted and a busy neighbour cannot push this task into the OOM killer.
                "memory", settings.taskMemory(),
                // Host port 0: Docker picks an ephemeral port, so several tasks fit on one instance (bridge mode).
                // awsvpc: the task has its own interface, and ECS wants the host port equal to the container port.
                "portMappings", List.of(Json.object("containerPort", settings.containerPort(),
                        "hostPort", bridge ? 0 : settings.containerPort(), "protocol", "tcp")),
                "environment", environment(settings),
                "stopTimeout", settings.stopTimeoutSeconds(),
                "readonlyRootFilesystem", true,
                "privileged", false,
                "mountPoints", List.of(Json.object("sourceVolume", SCRATCH_VOLUME, "containerPath", SCRATCH_PATH, "readOnly", false)),
                "logConfiguration", Json.object(
                        "logDriver", "awslogs",
                        "options", Json.object(
                                "awslogs-group", logGroup,
                                "awslogs-region", region,
                                "awslogs-stream-prefix", CONTAINER_NAME,
                                // A slow CloudWatch must not block the app's writes to stdout; logs buffer instead.
                                "mode", "non-blocking",
                                "max-buffer-size", "4m")));
        if (!settings.secrets().isEmpty()) {
            // ECS fetches each with the execution role when the task starts, and passes it as an environment variable.
            container.put("secrets", settings.secrets().stream()
                    .map(secret -> Json.object("name", secret.name(), "valueFrom", secret.valueFrom()))
                    .toList());
        }
        return Json.of(List.of(container));
    }

    /** The program's own variables first, then the stack's (whose names never clash with them: ServiceSettings checks). */
    private static List<Map<String, Object>> environment(ServiceSettings settings) {
        var variables = new ArrayList<Map<String, Object>>();
        variables.add(Json.object("name", "PORT", "value", String.valueOf(settings.containerPort())));
        // The app drains and exits within this grace, a little before ECS's SIGKILL.
        variables.add(Json.object("name", "SHUTDOWN_GRACE_SECONDS", "value", String.valueOf(settings.shutdownGraceSeconds())));
        settings.environment().forEach(variable -> variables.add(Json.object("name", variable.name(), "value", variable.value())));
        return variables;
    }
}
