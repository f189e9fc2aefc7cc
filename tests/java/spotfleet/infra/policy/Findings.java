package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What one check found wrong in one stack, each finding naming the resource and the offending value. */
final class Findings {

    private final PolicyStack stack;
    private final List<String> problems = new ArrayList<>();

    Findings(PolicyStack stack) {
        this.stack = stack;
    }

    /** Records a finding unless {@code holds}. */
    void require(boolean holds, DeclaredResource resource, String problem, Object... values) {
        if (!holds) {
            add(resource, problem, values);
        }
    }

    void add(DeclaredResource resource, String problem, Object... values) {
        problems.add("%s %s: %s".formatted(resource.type(), resource.name(), problem.formatted(values)));
    }

    /** Fails with every finding, one a line, under the rule that was broken. */
    void assertNone(String rule) {
        assertThat(problems).withFailMessage("%s, broken in the %s stack by:%n  %s", rule, stack, String.join("\n  ", problems))
                .isEmpty();
    }
}
