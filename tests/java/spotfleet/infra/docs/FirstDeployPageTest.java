package spotfleet.infra.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/first-deploy.md stays true to what it names: the CLI the workflows pin, the policy file, README's pointer. */
class FirstDeployPageTest {

    static final Path PAGE = Path.of("docs/first-deploy.md");

    @Test
    void theCliVersionIsTheOneTheWorkflowsPin() throws Exception {
        // given
        var workflow = Files.readString(Path.of(".github/workflows/pulumi-stack.yml"));
        var pinned = Pattern.compile("pulumi-version: (\\S+)").matcher(workflow);
        assertThat(pinned.find()).isTrue();
        // when
        var page = Files.readString(PAGE);
        // then
        assertThat(page).contains("**The Pulumi CLI " + pinned.group(1) + "**");
    }

    @Test
    void itsStepsAreNumberedInOrderAndEachSaysItsEstimate() throws Exception {
        // given / when
        var steps = Files.readString(PAGE).lines().filter(line -> line.startsWith("## ")).toList();
        // then
        assertThat(steps).hasSize(9);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i)).startsWith("## " + (i + 1) + ". ").contains("(estimate: ");
        }
    }

    @Test
    void readmeSendsANewcomerThereRightAfterTheTwoCommandsAndThePolicyExists() throws Exception {
        // given
        var readme = Files.readString(Path.of("README.md"));
        // when
        var afterTheCommands = readme.substring(readme.indexOf("## The two commands"), readme.indexOf("## Deploying"));
        // then
        assertThat(afterTheCommands).contains("[your first deploy](docs/first-deploy.md)");
        assertThat(Files.readString(PAGE)).contains("(../policies/deploy-role.json)");
        assertThat(Path.of("policies/deploy-role.json")).exists();
    }
}
