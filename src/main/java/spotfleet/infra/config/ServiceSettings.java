package spotfleet.infra.config;

/**
 * The web service: its container, its size, how many copies run and how it stops.
 *
 * @param containerPort      the port the app listens on inside the container (also passed as {@code PORT})
 * @param taskCpu            CPU units reserved for the task (1024 = one vCPU), >= 128
 * @param taskMemory         MiB of memory, the task's hard limit, >= 256 for the JVM
 * @param serviceMinTasks    the fewest tasks auto scaling keeps, >= 1
 * @param serviceMaxTasks    the most tasks auto scaling runs, >= {@code serviceMinTasks}
 * @param serviceCpuTarget   average service CPU % the task count tracks, 1-100
 * @param scaleInCooldown    seconds after a scale-in before the next scale-in, >= 0
 * @param scaleOutCooldown   seconds after a scale-out before the next scale-out, >= 0
 * @param stopTimeoutSeconds seconds between SIGTERM and SIGKILL; the app's shutdown grace is {@link #shutdownGraceSeconds()};
 *                           its range depends on where the tasks run ({@link StackSettings} checks it)
 */
public record ServiceSettings(
        int containerPort,
        int taskCpu,
        int taskMemory,
        int serviceMinTasks,
        int serviceMaxTasks,
        int serviceCpuTarget,
        int scaleInCooldown,
        int scaleOutCooldown,
        int stopTimeoutSeconds) {

    /**
     * The JVM's floor: metaspace, code cache, thread stacks and GC structures take roughly 100-150 MiB before
     * the heap, so below 256 MiB the heap left for requests is too small to be worth running.
     */
    public static final int MIN_TASK_MEMORY_MIB = 256;
    /** ECS's smallest task-level CPU reservation for tasks on EC2. */
    public static final int MIN_TASK_CPU = 128;
    /** EC2 warns two minutes before it reclaims a Spot instance. */
    public static final int SPOT_INTERRUPTION_NOTICE_SECONDS = 120;
    /**
     * How long the ALB keeps sending in-flight requests to a deregistering task. The app's requests take
     * milliseconds, so 5 s drains them; the seed's 2 s cut it close for slow clients on keep-alive connections.
     */
    public static final int DEREGISTRATION_DELAY_SECONDS = 5;
    /**
     * On EC2, ECS stops an interrupted instance's tasks by draining each from the target group first, then SIGTERM, then
     * SIGKILL after the stop timeout: the two one after the other must end inside the notice.
     */
    public static final int MAX_STOP_TIMEOUT_SECONDS = SPOT_INTERRUPTION_NOTICE_SECONDS - DEREGISTRATION_DELAY_SECONDS - 1;
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

    public ServiceSettings {
        var problems = new Problems();
        problems.between("spotfleet:containerPort", containerPort, 1, 65535);
        problems.atLeast("spotfleet:taskCpu", taskCpu, MIN_TASK_CPU);
        problems.check(taskMemory >= MIN_TASK_MEMORY_MIB,
                "spotfleet:taskMemory (%d) is too small for the JVM: use at least %d MiB".formatted(taskMemory, MIN_TASK_MEMORY_MIB));
        problems.atLeast("spotfleet:serviceMinTasks", serviceMinTasks, 1);
        problems.notAbove("spotfleet:serviceMinTasks", serviceMinTasks, "spotfleet:serviceMaxTasks", serviceMaxTasks);
        problems.between("spotfleet:serviceCpuTarget", serviceCpuTarget, 1, 100);
        problems.atLeast("spotfleet:scaleInCooldown", scaleInCooldown, 0);
        problems.atLeast("spotfleet:scaleOutCooldown", scaleOutCooldown, 0);
        // stopTimeoutSeconds: its upper bound depends on where the tasks run, so StackSettings checks it.
        problems.throwIfAny();
    }

    /** What the app gets as SHUTDOWN_GRACE_SECONDS: the stop timeout less the exit margin. */
    public int shutdownGraceSeconds() {
        return stopTimeoutSeconds - EXIT_MARGIN_SECONDS;
    }

    public static ServiceSettings defaults() {
        // 256 MiB: the image's JVM flags bound its memory to about 220 MiB; bench/RESULTS.md has the measurement
        return new ServiceSettings(5000, 256, 256, 2, 4, 70, 300, 60, 30);
    }
}
