package spotfleet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotfleet.infra.plan.PlanCommand;
import spotfleet.infra.plan.StackFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./plan --help} and an unknown option are answered by the script, with no JDK and no build (a build first took
 * about 8 s), exactly as PlanCommand answers them: the usage text from the one file both print, and the stacks it can
 * plan.
 */
class PlanHelpTest {

    @TempDir
    Path dir;

    @Test
    void helpNeedsNoJdkAndListsTheStacks() throws Exception {
        // given a PATH with no JDK on it, nor anywhere find-jdk looks
        // when
        var run = planWithoutJdk("--help");
        // then: the usage text and every stack file's stack, exactly as PlanCommand prints them
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("usage: ./plan <stack>")
                .endsWith("stacks it can plan (a Pulumi.<stack>.yaml in the project directory): "
                        + String.join(", ", StackFile.stacks(Path.of("."))) + "\n")
                .isEqualTo(javaHelp());
    }

    @Test
    void anUnknownOptionIsAnsweredWithoutAJdkAsThePlanCommandAnswersIt() throws Exception {
        // given no JDK / when: a typo, before and after the stack, and after an option's value
        for (var args : List.of(List.of("--jsn", "dev"), List.of("dev", "--format", "json", "-x"), List.of("--dir", ".", "--cots"))) {
            var run = planWithoutJdk(args.toArray(String[]::new));

            // then: what PlanCommand says to it (which names the stacks), with no JDK looked for
            assertThat(run.exitCode()).as("%s: %s", args, run.err()).isEqualTo(PlanCommand.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("plan: unknown option " + args.stream().filter(a -> a.startsWith("-")
                            && !List.of("--format", "--dir").contains(a)).findFirst().orElseThrow() + "\n")
                    .contains("stacks it can plan").isEqualTo(javaAnswer(args));
        }
    }

    @Test
    void everyOptionTheUsageNamesGetsPastTheScriptToTheProgram() throws Exception {
        // given no JDK / when: each option usage.txt names, values included (a value is never taken for an option)
        for (var args : List.of(List.of("dev", "--json"), List.of("--format", "dot", "dev"), List.of("--dir", "-odd-dir", "dev"))) {
            var run = planWithoutJdk(args.toArray(String[]::new));

            // then: the script let them through, to the step that needs a JDK
            assertThat(run.exitCode()).as("%s: %s", args, run.err()).isEqualTo(1);
            assertThat(run.err()).contains("spotfleet needs a JDK 21 or later").doesNotContain("unknown option");
        }
    }

    /** {@code ./plan args} with a PATH holding the few tools the script and find-jdk use, and no JDK anywhere. */
    private FakeJdks.Run planWithoutJdk(String... args) throws Exception {
        var bin = dir.resolve("bin");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            for (var tool : List.of("sh", "cat", "dirname", "sed", "head", "printf", "grep", "tr", "ls", "find", "readlink")) {
                var found = List.of(Path.of("/bin", tool), Path.of("/usr/bin", tool)).stream().filter(Files::isExecutable).findFirst();
                if (found.isPresent()) {
                    Files.createSymbolicLink(bin.resolve(tool), found.get());
                }
            }
        }
        var command = new java.util.ArrayList<>(List.of("/bin/sh", "./plan"));
        command.addAll(List.of(args));
        return FakeJdks.run(command, Map.of("PATH", bin.toString(), "SPOTFLEET_JDK_PLACES", dir.resolve("no-jdks") + "/*"));
    }

    private static String javaAnswer(List<String> args) {
        var err = new ByteArrayOutputStream();
        var exit = PlanCommand.run(args.toArray(String[]::new), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(PlanCommand.USAGE);
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String javaHelp() {
        var out = new ByteArrayOutputStream();
        var exit = PlanCommand.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
