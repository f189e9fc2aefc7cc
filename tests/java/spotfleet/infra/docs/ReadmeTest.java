package spotfleet.infra.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md is the front door: one screen of prose, the two commands CI and a newcomer run, and a link to every document. */
class ReadmeTest {

    private static final Path CI = Path.of(".ci/run");

    @Test
    void theReadmeFitsInTwelveKilobytes() throws IOException {
        // given / when
        var size = Files.readAllBytes(ProjectDocs.README).length;
        // then
        assertThat(size).as("README.md's size in bytes; details belong in docs/").isLessThanOrEqualTo(ProjectDocs.README_MAX_BYTES);
    }

    @Test
    void theTestCommandIsExactlyWhatCiRuns() throws IOException {
        // given
        var commands = twoCommands();
        // when: every Maven run in .ci/run
        var ciRuns = Files.readAllLines(CI, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(line -> line.startsWith("./mvnw")).toList();
        // then
        assertThat(ciRuns).as("the Maven runs of %s", CI).containsExactly(commands.getFirst());
    }

    @Test
    void theSecondCommandMakesTheOfflinePlanOfTheDevStack() {
        // given / when
        var commands = twoCommands();
        // then
        assertThat(commands).hasSize(2);
        assertThat(commands.get(1)).isEqualTo("./plan dev");
    }

    @Test
    void theReadmeShowsTheArchitecturePicture() {
        // given / when
        var readme = ProjectDocs.read(ProjectDocs.README);
        // then
        assertThat(readme).contains("](" + ProjectDocs.ARCHITECTURE_SVG + ")");
    }

    @Test
    void everyDocumentIsOneLinkAwayFromTheReadme() {
        // given
        var readme = ProjectDocs.read(ProjectDocs.README);
        // when / then
        for (var document : ProjectDocs.markdown()) {
            if (!document.equals(ProjectDocs.README)) {
                assertThat(readme).as("a link from README.md to %s", document).contains("](" + document + ")");
            }
        }
    }

    /** The commands of README's "The two commands" block, without their comments. */
    static List<String> twoCommands() {
        var section = ProjectDocs.section(ProjectDocs.README, "## The two commands");
        var start = section.indexOf("```sh\n");
        assertThat(start).as("README's two commands in a sh block").isNotNegative();
        var block = section.substring(start + "```sh\n".length(), section.indexOf("```", start + 3));
        return block.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
    }
}
