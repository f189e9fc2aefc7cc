package spotfleet.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import spotfleet.infra.config.RawConfig;
import spotfleet.infra.config.StackConfig;

/** The Pulumi program's entry point: {@code pulumi up} runs {@link #main}. */
public final class Main {

    private static final String FORK_JOIN_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Main() {
    }

    public static void main(String[] args) {
        // pulumi-java#2270: with one ForkJoin worker (<= 2 CPUs) the runner livelocks; see DEVELOPERS.md.
        if (System.getProperty(FORK_JOIN_PARALLELISM) == null) {
            System.setProperty(FORK_JOIN_PARALLELISM, "4");
        }
        Pulumi.run(Main::stack);
    }

    /**
     * Reads the stack's config once, all of it as the Java host passed it (RawConfig says how), validates it, then
     * declares the stack.
     */
    public static void stack(Context ctx) {
        SpotfleetStack.declare(ctx, StackConfig.parseStack(RawConfig.fromEnvironment(System.getenv())));
    }
}
