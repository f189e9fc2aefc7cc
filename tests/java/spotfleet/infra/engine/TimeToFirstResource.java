package spotfleet.infra.engine;

import com.google.gson.Gson;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code TimeToFirstResource <command> [argument...]}: starts the command in the project root as the Java host starts
 * the program for {@code pulumi preview -s dev} (the {@code PULUMI_*} environment, the dev stack's config), against an
 * {@link EngineStandIn}, and prints one JSON line: seconds from the fork to the stack resource's registration and to
 * the program's first own resource. Then it stops the command. bench/program.py runs it; nothing asserts a time.
 */
public final class TimeToFirstResource {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final String STACK_TYPE = "pulumi:pulumi:Stack";

    private TimeToFirstResource() {
    }

    public static void main(String[] command) throws Exception {
        if (command.length == 0) {
            System.err.println("usage: TimeToFirstResource <command> [argument...]");
            System.exit(2);
        }
        var stackFile = StackFile.read(Path.of("."), "dev");
        try (var engine = EngineStandIn.start()) {
            var builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(engine.environment(stackFile.project(), stackFile.stack(),
                    new Gson().toJson(stackFile.config())));
            var forked = System.nanoTime();
            var process = builder.start();
            try {
                var stack = engine.await(r -> r.type().equals(STACK_TYPE), PATIENCE);
                var first = engine.await(r -> !r.type().equals(STACK_TYPE), PATIENCE);
                if (stack.isEmpty() || first.isEmpty()) {
                    System.err.printf("no registration within %s from: %s (exit %s)%n", PATIENCE, String.join(" ", command),
                            process.isAlive() ? "none yet" : process.exitValue());
                    System.exit(1);
                }
                System.out.printf(Locale.ROOT, "{\"stack\": %.3f, \"firstResource\": %.3f, \"firstResourceType\": \"%s\"}%n",
                        seconds(forked, stack.get().nanoTime()), seconds(forked, first.get().nanoTime()), first.get().type());
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
