package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan as a newcomer or a fork's pull request runs it: its own JVM, with no AWS or Pulumi credentials or
 * settings in the environment, an empty home (no ~/.aws, no ~/.pulumi), and every name lookup refused.
 */
class OfflinePlanProcessTest {

    @TempDir
    Path home;

    @Test
    void theDevPlanNeedsNoCredentialsAndNoNetwork() throws Exception {
        // given / when
        var run = plan("dev");

        // then
        assertThat(run.err()).doesNotContain(NoNetworkResolverProvider.REFUSED);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(PlanCommand.OK);
        assertThat(run.out()).startsWith("Offline plan of stack dev").contains("Resources:").contains("Outputs:");
    }

    @Test
    void theGuardRefusesANameLookup() throws Exception {
        // given / when: a program that looks a name up, under the same guard
        var run = java(LookUpAName.class.getName());
        // then: the check above could fail
        assertThat(run.err()).contains(NoNetworkResolverProvider.REFUSED + "aws.amazon.com");
    }

    /** Looks one name up; started by {@link #theGuardRefusesANameLookup}. */
    public static final class LookUpAName {
        public static void main(String[] args) {
            try {
                java.net.InetAddress.getByName("aws.amazon.com");
            } catch (java.net.UnknownHostException expected) {
                System.exit(0);
            }
            System.exit(1);
        }
    }

    @Test
    void aBrokenStackExitsWithCode1() throws Exception {
        // given
        var project = Files.createDirectory(home.resolve("project"));
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.broken.yaml"), PlanCommandTest.BROKEN_STACK);

        // when
        var run = plan("broken", "--dir", project.toString());

        // then: the exit code a workflow step sees
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("spotfleet:minInstances (5) must be <= spotfleet:maxInstances (2)");
    }

    private PlanCommandTest.Run plan(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(PlanCommand.class.getName()));
        command.addAll(List.of(args));
        return java(command.toArray(String[]::new));
    }

    /** Runs {@code mainClassAndArgs} in a JVM of its own with the test classpath, the guard on and no credentials. */
    private PlanCommandTest.Run java(String... mainClassAndArgs) throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java,
                "-D" + NoNetworkResolverProvider.SWITCH + "=true",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainClassAndArgs));
        var builder = new ProcessBuilder(command);
        var environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("PULUMI_")
                || name.toLowerCase().endsWith("_proxy") || name.startsWith("DOCKER_"));
        environment.put("HOME", home.toString());
        var process = builder.start();
        var err = new StringBuilder();
        var errReader = Thread.ofVirtual().start(() -> {
            try {
                err.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.append(e);
            }
        });
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var exitCode = process.waitFor();
        errReader.join();
        return new PlanCommandTest.Run(exitCode, out, err.toString());
    }
}
