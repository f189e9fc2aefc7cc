package spotfleet.infra.policy;

import org.junit.jupiter.api.Test;
import spotfleet.infra.docs.ProjectDocs;

import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/security.md's policy suite table lists exactly the suite's checks, so readers see what is enforced. */
class PolicyDocumentationTest {

    /** A table row whose second cell is a check's name: {@code | area | `check` | what |}. */
    static final Pattern CHECK_ROW = Pattern.compile("^\\|[^|]*\\| `(\\w+)` \\|");

    @Test
    void theDocsListEveryCheckAndNothingElse() {
        // given
        var section = ProjectDocs.policySuite();
        // when
        var listed = section.lines().map(CHECK_ROW::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        var checks = PolicyDecisions.checkNames();
        // then
        assertThat(listed).as("checks in %s's policy suite table", ProjectDocs.SECURITY).isEqualTo(checks);
    }
}
