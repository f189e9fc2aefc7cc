package spotfleet.infra.config;

import java.util.List;

/** Every problem found in the stack's config, reported together so one deploy attempt shows them all. */
public final class InvalidConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        var header = problems.size() == 1 ? "Invalid stack config:" : "Invalid stack config (" + problems.size() + " problems):";
        return header + "\n  - " + String.join("\n  - ", problems);
    }
}
