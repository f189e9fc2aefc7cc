package spotfleet.infra.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link in the documents reaches a file that exists and, with an anchor, a heading in it. */
class DocLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at the first space or parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkResolves() {
        // given
        var broken = new ArrayList<String>();
        // when
        for (var document : ProjectDocs.markdown()) {
            for (var target : links(ProjectDocs.read(document))) {
                problem(document, target).ifPresent(broken::add);
            }
        }
        // then
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void aBrokenLinkOrAnchorIsFound() {
        // given / when / then: the check above can fail
        assertThat(problem(ProjectDocs.README, "docs/no-such-file.md")).isPresent();
        assertThat(problem(ProjectDocs.README, "docs/operations.md#no-such-heading")).isPresent();
        assertThat(problem(ProjectDocs.README, "docs/operations.md#runbook")).isEmpty();
    }

    @Test
    void anchorsAreGitHubsHeadingIds() {
        // given / when / then
        assertThat(anchors("# Operations\n## What you'll see\n### `alarms-p99-latency`\n"
                + "### `spotalerts-interruptions`: EC2 Spot Instance Interruption Warning\n## Dashboard, alarms and Spot alerts\n"
                + "```\n# not a heading\n```\n## Runbook\n## Runbook\n"))
                .containsExactly("operations", "what-youll-see", "alarms-p99-latency",
                        "spotalerts-interruptions-ec2-spot-instance-interruption-warning", "dashboard-alarms-and-spot-alerts",
                        "runbook", "runbook-1");
    }

    private static java.util.Optional<String> problem(Path document, String target) {
        if (target.matches("[a-z]+:.*")) {
            return java.util.Optional.empty(); // https:, mailto:: not ours to check
        }
        var hash = target.indexOf('#');
        var file = hash < 0 ? target : target.substring(0, hash);
        var anchor = hash < 0 ? "" : target.substring(hash + 1);
        var resolved = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return java.util.Optional.of("%s: %s (no such file)".formatted(document, target));
        }
        if (!anchor.isEmpty() && (!resolved.toString().endsWith(".md") || !anchors(ProjectDocs.read(resolved)).contains(anchor))) {
            return java.util.Optional.of("%s: %s (no such heading)".formatted(document, target));
        }
        return java.util.Optional.empty();
    }

    private static List<String> links(String markdown) {
        var links = new ArrayList<String>();
        var code = false;
        for (var line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (!code) {
                var matcher = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (matcher.find()) {
                    links.add(matcher.group(1));
                }
            }
        }
        return links;
    }

    /** The ids GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        var anchors = new LinkedHashSet<String>();
        var seen = new HashMap<String, Integer>();
        var code = false;
        for (var line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("#{1,6} .*")) {
                var slug = line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                var count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }
}
