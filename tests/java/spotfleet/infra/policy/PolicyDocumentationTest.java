package spotfleet.infra.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's "Security and reliability" table lists exactly the policy suite's checks, so readers see what is enforced. */
class PolicyDocumentationTest {

    static final String SECTION = "## Security and reliability";
    /** A table row whose second cell is a check's name: {@code | area | `check` | what |}. */
    static final Pattern CHECK_ROW = Pattern.compile("^\\|[^|]*\\| `(\\w+)` \\|");

    @Test
    void theReadmeListsEveryCheckAndNothingElse() throws IOException {
        // given
        var readme = Files.readString(Path.of("README.md"));
        var start = readme.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("README.md has a section %s", SECTION).isNotNegative();
        var end = readme.indexOf("\n## ", start + 1);
        var section = readme.substring(start, end < 0 ? readme.length() : end);
        // when
        var listed = section.lines().map(CHECK_ROW::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        var checks = PolicyDecisions.checkNames();
        // then
        assertThat(listed).as("checks in README.md's %s table", SECTION).isEqualTo(checks);
    }
}
