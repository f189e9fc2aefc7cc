package spotfleet.contract;

import spotfleet.infra.plan.PlanCommand;
import spotfleet.infra.plan.StackFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The stacks the contract check plans: every {@code Pulumi.<stack>.yaml} in the project root, and every stack file
 * in {@value #EXTRA_STACKS} (stacks that turn on what no real stack does yet: a domain, an alarm email, CPU
 * scaling...). To check a new feature, drop a {@code Pulumi.<name>.yaml} that turns it on into that folder.
 * Each is planned once per JVM, through {@code ./plan <stack> --json}'s own code ({@link PlanCommand#run}).
 */
public final class ContractStacks {

    public static final Path PROJECT = Path.of(".");
    public static final String EXTRA_STACKS = "tests/resources/aws-contract/stacks";

    private static List<PlannedStack> planned;

    private ContractStacks() {
    }

    public static synchronized List<PlannedStack> all() {
        if (planned == null) {
            var stacks = new ArrayList<PlannedStack>();
            try {
                for (var stack : StackFile.stacks(PROJECT)) {
                    stacks.add(plan(PROJECT, stack, "Pulumi." + stack + ".yaml"));
                }
                var extra = Path.of(EXTRA_STACKS);
                for (var stack : StackFile.stacks(extra)) {
                    stacks.add(plan(withProjectFile(extra, stack), stack, EXTRA_STACKS + "/Pulumi." + stack + ".yaml"));
                }
            } catch (StackFile.UnreadableException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            planned = List.copyOf(stacks);
        }
        return planned;
    }

    /** The planned stack named {@code stack}. */
    public static PlannedStack named(String stack) {
        return all().stream().filter(s -> s.stack().equals(stack)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contract stack " + stack));
    }

    /** The plan of {@code stack} in {@code projectDir} (its Pulumi.yaml and Pulumi.&lt;stack&gt;.yaml), as the check reads it. */
    public static PlannedStack plan(Path projectDir, String stack, String source) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = PlanCommand.run(new String[] {stack, "--json", "--dir", projectDir.toString()}, outStream, errStream);
        }
        if (status != PlanCommand.OK) {
            throw new IllegalStateException("./plan %s --json failed (exit %d) for %s: %s"
                    .formatted(stack, status, source, err.toString(StandardCharsets.UTF_8)));
        }
        return PlannedStack.parse(source, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * A project directory holding the real Pulumi.yaml and the one extra stack file, as ./plan --dir expects:
     * target/aws-contract/projects/{@code <stack>}.
     */
    public static Path withProjectFile(Path extra, String stack) {
        try {
            var dir = Files.createDirectories(Path.of("target/aws-contract/projects", stack));
            Files.copy(PROJECT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(extra.resolve("Pulumi." + stack + ".yaml"), dir.resolve("Pulumi." + stack + ".yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
