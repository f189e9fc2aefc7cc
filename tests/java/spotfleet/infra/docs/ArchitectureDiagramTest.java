package spotfleet.infra.docs;

import org.junit.jupiter.api.Test;
import spotfleet.infra.plan.PlanDot;
import spotfleet.infra.plan.Planner;
import spotfleet.infra.plan.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture picture in the docs cannot go stale: docs/architecture.dot is what {@code ./plan dev --format dot}
 * draws now, and docs/architecture.svg was rendered from exactly that text (docs/render-architecture records its
 * SHA-256 in the SVG). Graphviz is not needed here: its layout varies with its version and fonts, so the SVG is
 * checked by the dot it came from rather than re-rendered.
 */
class ArchitectureDiagramTest {

    private static final String REDRAW = "the dev stack's picture is out of date: run docs/render-architecture (needs Graphviz) and commit both files";
    private static final Pattern RENDERED_FROM = Pattern.compile(
            "<!-- rendered by docs/render-architecture from docs/architecture.dot, sha256 ([0-9a-f]{64}) -->");
    private static final Pattern NODE = Pattern.compile("(?m)^\\s*\"([^\"]+)\" \\[label=");

    @Test
    void theCommittedDotIsWhatThePlanDrawsNow() throws Exception {
        // given
        var plan = Planner.plan(StackFile.read(Path.of("."), ProjectDocs.ARCHITECTURE_STACK));
        // when
        var drawn = PlanDot.render(plan);
        // then
        assertThat(Files.readString(ProjectDocs.ARCHITECTURE_DOT)).as(REDRAW).isEqualTo(drawn);
    }

    @Test
    void theCommittedSvgWasRenderedFromTheCommittedDot() throws IOException {
        // given
        var dot = Files.readAllBytes(ProjectDocs.ARCHITECTURE_DOT);
        var svg = Files.readString(ProjectDocs.ARCHITECTURE_SVG);
        // when
        var recorded = RENDERED_FROM.matcher(svg);
        // then
        assertThat(recorded.find()).as("the SVG records the dot it was rendered from").isTrue();
        assertThat(recorded.group(1)).as(REDRAW).isEqualTo(sha256(dot));
        assertThat(svg).startsWith("<?xml").contains("<svg");
    }

    @Test
    void theSvgDrawsEveryBoxOfTheDot() throws IOException {
        // given
        var dot = Files.readString(ProjectDocs.ARCHITECTURE_DOT);
        var svg = Files.readString(ProjectDocs.ARCHITECTURE_SVG);
        // when
        var nodes = NODE.matcher(dot).results().map(match -> match.group(1)).toList();
        // then: Graphviz titles each node's group with its name ('-' written as &#45;)
        assertThat(nodes).isNotEmpty().allSatisfy(node ->
                assertThat(svg).contains("<title>" + node.replace("-", "&#45;") + "</title>"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
