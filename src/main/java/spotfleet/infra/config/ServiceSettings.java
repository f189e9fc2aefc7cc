package spotfleet.infra.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web service: its container, its size, how many copies run, what scales them and how it stops.
 *
 * @param container what runs: the container, its size, its health check and how it stops
 * @param scaling   how many tasks run, and what scales them
 * @param config    every key's value ({@link #value}): a key the service alone reads needs no field here
 */
public record ServiceSettings(Container container, Scaling scaling, ConfigValues config) {

    /**
     * The container and its task.
     *
     * @param containerPort      the port the app listens on inside the container (also passed as {@code PORT})
     * @param taskCpu            CPU units reserved for the task (1024 = one vCPU), >= 128
     * @param taskMemory         MiB of memory, the task's hard limit, >= 256 for the JVM
     * @param stopTimeoutSeconds seconds between SIGTERM and SIGKILL; the app's shutdown grace is
     *                           {@link #shutdownGraceSeconds()}; its range depends on where the tasks run ({@link StackSettings})
     * @param healthCheckPath    what the load balancer asks each task; 200 means healthy
     * @param environment        plain environment variables, in order; none named as the program's or ECS's own
     * @param secrets            variables ECS fills from SSM parameters or Secrets Manager secrets, by ARN
     */
    public record Container(int containerPort, int taskCpu, int taskMemory, int stopTimeoutSeconds, String healthCheckPath,
                            List<EnvironmentVariable> environment, List<ContainerSecret> secrets) {
        public Container {
            environment = List.copyOf(environment);
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * The task count.
     *
     * @param serviceMinTasks          the fewest tasks auto scaling keeps, >= 1
     * @param serviceMaxTasks          the most tasks auto scaling runs, >= {@code serviceMinTasks}
     * @param serviceScalingMetric     what the task count tracks: CPU or requests per task
     * @param serviceCpuTarget         with CPU: average service CPU % the task count tracks, 1-100
     * @param serviceRequestsPerTarget with requests: requests per task per minute the task count tracks, >= 1
     * @param scaleInCooldown          seconds after a scale-in before the next scale-in, >= 0
     * @param scaleOutCooldown         seconds after a scale-out before the next scale-out, >= 0
     */
    public record Scaling(int serviceMinTasks, int serviceMaxTasks, ServiceScalingMetric serviceScalingMetric,
                          int serviceCpuTarget, int serviceRequestsPerTarget, int scaleInCooldown, int scaleOutCooldown) {
    }

    /** The variables the program sets itself (the app's port and shutdown grace): a stack may not set them too. */
    public static final List<String> PROGRAM_VARIABLES = List.of("PORT", "SHUTDOWN_GRACE_SECONDS");
    /**
     * The variables the ECS agent puts into every container on EC2 (aws/amazon-ecs-agent, agent/api/task/task.go:
     * {@code AWS_EXECUTION_ENV}; the credentials endpoint {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}; the metadata
     * endpoints {@code ECS_CONTAINER_METADATA_URI}, {@code ECS_CONTAINER_METADATA_URI_V4} and {@code ECS_AGENT_URI}): set
     * by a stack they would hide the real ones, and AWS SDKs in the container would lose the task role's credentials.
     */
    public static final List<String> ECS_AGENT_VARIABLES = List.of("AWS_EXECUTION_ENV", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "ECS_CONTAINER_METADATA_URI", "ECS_CONTAINER_METADATA_URI_V4", "ECS_AGENT_URI");
    public static final String DEFAULT_HEALTH_CHECK_PATH = "/healthcheck";
    /** botocore elbv2 2015-12-01, shape {@code Path} (CreateTargetGroupInput.HealthCheckPath): 1 to 1024 characters. */
    public static final int HEALTH_CHECK_PATH_MAX_LENGTH = 1024;
    /**
     * An origin-form request target (RFC 9112 section 3.2.1: an absolute path and an optional query) in RFC 3986's
     * characters (section 3.3 pchar, "/" and "?"; anything else percent-encoded), starting with "/" as the AWS provider
     * requires (terraform-provider-aws internal/service/elbv2/target_group.go, health_check.path: StringHasPrefix "/").
     */
    private static final Pattern HEALTH_CHECK_PATH = Pattern.compile("/(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");

    /**
     * The JVM's floor: metaspace, code cache, thread stacks and GC structures take roughly 100-150 MiB before
     * the heap, so below 256 MiB the heap left for requests is too small to be worth running.
     */
    public static final int MIN_TASK_MEMORY_MIB = 256;
    /** ECS's smallest task-level CPU reservation for tasks on EC2. */
    public static final int MIN_TASK_CPU = 128;
    /**
     * The load balancer's connection idle timeout, ELB's default, written out because the app's keep-alive timeout
     * (app/src/main/resources/application.yaml, server.idle-connection-timeout) must be longer: "We also recommend that
     * you configure the idle timeout of your application to be larger than the idle timeout configured for the load
     * balancer. Otherwise, if the application closes the TCP connection to the load balancer ungracefully, the load
     * balancer might send a request to the application before it receives the packet indicating that the connection is
     * closed. If this is the case, then the load balancer sends an HTTP 502 Bad Gateway error to the client" (ELB user
     * guide for Application Load Balancers, edit-load-balancer-attributes, connection idle timeout).
     */
    public static final int LOAD_BALANCER_IDLE_TIMEOUT_SECONDS = 60;
    /** EC2 warns two minutes before it reclaims a Spot instance. */
    public static final int SPOT_INTERRUPTION_NOTICE_SECONDS = 120;
    /**
     * How long the ALB keeps sending in-flight requests to a deregistering task. The app's requests take
     * milliseconds, so 5 s drains them; the seed's 2 s cut it close for slow clients on keep-alive connections.
     */
    public static final int DEREGISTRATION_DELAY_SECONDS = 5;
    /**
     * The agent polls the instance metadata's spot/instance-action every second and sets its instance DRAINING when the
     * notice appears (aws/amazon-ecs-agent agent/app/agent.go, startSpotInstanceDrainingPoller: time.Sleep(time.Second)
     * between polls of spotInstanceDrainingPoller, which calls UpdateContainerInstancesState with DRAINING).
     */
    public static final int AGENT_NOTICE_POLL_SECONDS = 1;
    /**
     * From DRAINING to the scheduler acting on the instance's tasks: ECS documents no figure, so this is an allowance,
     * not a measurement; the acceptance run measures it (docs/interruption-timeline.md).
     */
    public static final int SCHEDULER_REACTION_SECONDS = 10;
    /**
     * On EC2, once the instance is DRAINING the scheduler deregisters each task from the target group, waits the
     * deregistration delay, then stops it: SIGTERM, and SIGKILL after the stop timeout. All of it must end inside the
     * notice (docs/interruption-timeline.md has the sequence and its sources).
     */
    public static final int MAX_STOP_TIMEOUT_SECONDS = SPOT_INTERRUPTION_NOTICE_SECONDS - AGENT_NOTICE_POLL_SECONDS
            - SCHEDULER_REACTION_SECONDS - DEREGISTRATION_DELAY_SECONDS;
    /**
     * On Fargate Spot the SIGTERM comes with the two-minute warning itself ("The warning is sent as a task state change
     * event to Amazon EventBridge and as a SIGTERM signal to the running task", AWS knowledge center,
     * fargate-spot-termination-notice), so the stop timeout starts when the notice does and may use all of it: ECS's own
     * maximum, "The max stop timeout value is 120 seconds" (botocore ecs, ContainerDefinition.stopTimeout). The target's
     * deregistration runs alongside, not before, and its 5 s end well inside the notice too.
     */
    public static final int FARGATE_MAX_STOP_TIMEOUT_SECONDS = SPOT_INTERRUPTION_NOTICE_SECONDS;
    /** After SIGTERM the app keeps serving this long (its SHUTDOWN_DRAIN_SECONDS default) before it closes. */
    public static final int APP_DRAIN_SECONDS = 3;
    /**
     * The app's grace ends this long before ECS's SIGKILL, so a drain that uses its whole grace still flushes its
     * logs and exits on its own instead of being killed mid-exit.
     */
    public static final int EXIT_MARGIN_SECONDS = 2;
    /** The app's grace must outlast its drain by at least a second. */
    public static final int MIN_STOP_TIMEOUT_SECONDS = APP_DRAIN_SECONDS + 1 + EXIT_MARGIN_SECONDS;

    // The bounds of single keys are declared with them (StackConfig); these are the checks they cannot state.
    public ServiceSettings {
        var problems = new Problems();
        problems.check(container.taskMemory() >= MIN_TASK_MEMORY_MIB, "spotfleet:taskMemory (%d) is too small for the JVM: use at least %d MiB"
                .formatted(container.taskMemory(), MIN_TASK_MEMORY_MIB));
        problems.notAbove("spotfleet:serviceMinTasks", scaling.serviceMinTasks(), "spotfleet:serviceMaxTasks", scaling.serviceMaxTasks());
        problems.check(scaling.serviceScalingMetric() != null, "spotfleet:serviceScalingMetric must be set");
        // stopTimeoutSeconds: its upper bound depends on where the tasks run, so StackSettings checks it.
        checkHealthCheckPath(problems, container.healthCheckPath());
        checkVariableNames(problems, container.environment(), container.secrets());
        problems.throwIfAny();
    }

    /** The value of {@code key}, as its declaration parses it. */
    public <T> T value(ConfigKey<T> key) {
        return config.get(key);
    }

    public int containerPort() {
        return container.containerPort();
    }

    public int taskCpu() {
        return container.taskCpu();
    }

    public int taskMemory() {
        return container.taskMemory();
    }

    public int stopTimeoutSeconds() {
        return container.stopTimeoutSeconds();
    }

    public String healthCheckPath() {
        return container.healthCheckPath();
    }

    public List<EnvironmentVariable> environment() {
        return container.environment();
    }

    public List<ContainerSecret> secrets() {
        return container.secrets();
    }

    public int serviceMinTasks() {
        return scaling.serviceMinTasks();
    }

    public int serviceMaxTasks() {
        return scaling.serviceMaxTasks();
    }

    public ServiceScalingMetric serviceScalingMetric() {
        return scaling.serviceScalingMetric();
    }

    public int serviceCpuTarget() {
        return scaling.serviceCpuTarget();
    }

    public int serviceRequestsPerTarget() {
        return scaling.serviceRequestsPerTarget();
    }

    public int scaleInCooldown() {
        return scaling.scaleInCooldown();
    }

    public int scaleOutCooldown() {
        return scaling.scaleOutCooldown();
    }

    /**
     * The requests per task per minute that scaling on requests holds by default: about 17 a second, far below what the
     * seed's app serves (bench/RESULTS.md measures tens of thousands a second on two cores), so a team's own service,
     * for which this default is meant, gets tasks added well before it is busy; tune it to the service's measured rate.
     */
    public static final int DEFAULT_REQUESTS_PER_TARGET = 1000;

    private static void checkHealthCheckPath(Problems problems, String path) {
        if (path == null || path.isEmpty() || path.length() > HEALTH_CHECK_PATH_MAX_LENGTH) {
            problems.add("spotfleet:healthCheckPath (%s) must be 1 to %d characters".formatted(path, HEALTH_CHECK_PATH_MAX_LENGTH));
        } else if (!path.startsWith("/")) {
            problems.add("spotfleet:healthCheckPath (%s) must start with /, as in /healthcheck".formatted(path));
        } else if (!HEALTH_CHECK_PATH.matcher(path).matches()) {
            problems.add(("spotfleet:healthCheckPath (%s) may hold only letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ / ?"
                    + " (RFC 3986); percent-encode anything else, as %%20 for a space").formatted(path));
        }
    }

    /** Names are unique across variables and secrets, and none is one the program or the ECS agent sets. */
    private static void checkVariableNames(Problems problems, List<EnvironmentVariable> environment, List<ContainerSecret> secrets) {
        var seen = new HashSet<String>();
        var names = Stream.concat(environment.stream().map(v -> new Named("spotfleet:environment", v.name())),
                secrets.stream().map(s -> new Named("spotfleet:secrets", s.name()))).toList();
        for (var named : names) {
            if (PROGRAM_VARIABLES.contains(named.name())) {
                problems.add(("%s sets %s, which the program sets itself (%s): change containerPort or stopTimeoutSeconds"
                        + " instead").formatted(named.key(), named.name(), String.join(", ", PROGRAM_VARIABLES)));
            } else if (ECS_AGENT_VARIABLES.contains(named.name())) {
                problems.add("%s sets %s, which the ECS agent sets in every container".formatted(named.key(), named.name()));
            } else if (!seen.add(named.name())) {
                problems.add("%s sets %s a second time (across spotfleet:environment and spotfleet:secrets)"
                        .formatted(named.key(), named.name()));
            }
        }
    }

    private record Named(String key, String name) {
    }

    /** The SSM parameters and Secrets Manager secrets the execution role must read, once each, in order. */
    public Set<String> secretResourceArns(ContainerSecret.Store store) {
        var arns = new java.util.LinkedHashSet<String>();
        secrets().stream().filter(secret -> secret.store() == store).forEach(secret -> arns.add(secret.resourceArn()));
        return arns;
    }

    /** What the app gets as SHUTDOWN_GRACE_SECONDS: the stop timeout less the exit margin. */
    public int shutdownGraceSeconds() {
        return stopTimeoutSeconds() - EXIT_MARGIN_SECONDS;
    }

    /** The declared defaults ({@link StackConfig}). */
    public static ServiceSettings defaults() {
        return StackSettings.defaults().service();
    }
}
