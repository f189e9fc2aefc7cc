package spotfleet.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import spotfleet.infra.config.ConfigKey;
import spotfleet.infra.config.StackConfig;

import java.util.HashMap;
import java.util.Map;

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

    /** Reads the stack's config once, validates all of it, then declares the stack. */
    public static void stack(Context ctx) {
        SpotfleetStack.declare(ctx, StackConfig.parse(rawConfig(ctx)));
    }

    /** The stack's config as Pulumi stores it: qualified key to text. */
    private static Map<String, String> rawConfig(Context ctx) {
        var raw = new HashMap<String, String>();
        for (ConfigKey<?> key : StackConfig.KEYS) {
            ctx.config().get(key.name()).ifPresent(value -> raw.put(key.qualifiedName(), value));
        }
        var aws = ctx.config("aws");
        aws.get("region").ifPresent(value -> raw.put(StackConfig.AWS_REGION, value));
        aws.get("profile").ifPresent(value -> raw.put(StackConfig.AWS_PROFILE, value));
        return raw;
    }
}
