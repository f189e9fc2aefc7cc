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
 * {@code ./plan --help} is answered by the script, with no JDK and no build (a build first took about 8 s), and says
 * what PlanCommand's own --help says: the usage text from the one file both print, and the stacks it can plan.
 */
class PlanHelpTest {

    @TempDir
    Path dir;

    @Test
    void helpNeedsNoJdkAndListsTheStacks() throws Exception {
        // given a PATH with the few tools the script and find-jdk use, and no JDK anywhere: were the script to look for
        // one, find-jdk would exit 1 ("spotfleet needs a JDK 21 or later")
        var bin = Files.createDirectories(dir.resolve("bin"));
        for (var tool : List.of("sh", "cat", "dirname", "sed", "head", "printf")) {
            var found = List.of(Path.of("/bin", tool), Path.of("/usr/bin", tool)).stream().filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                Files.createSymbolicLink(bin.resolve(tool), found.get());
            }
        }
        // when
        var run = FakeJdks.run(List.of("/bin/sh", "./plan", "--help"), Map.of(
                "PATH", bin.toString(), "SPOTFLEET_JDK_PLACES", dir.resolve("no-jdks") + "/*"));
        // then: the usage text and every stack file's stack, exactly as PlanCommand prints them
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("usage: ./plan <stack>")
                .endsWith("stacks it can plan (a Pulumi.<stack>.yaml in the project directory): "
                        + String.join(", ", StackFile.stacks(Path.of("."))) + "\n")
                .isEqualTo(javaHelp());
    }

    private static String javaHelp() {
        var out = new ByteArrayOutputStream();
        var exit = PlanCommand.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
