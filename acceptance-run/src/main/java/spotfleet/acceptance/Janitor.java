package spotfleet.acceptance;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Destroys what runs left behind (a killed runner, a failed destroy): stacks named {@code acceptance-...} that carry
 * the tag {@code spotfleet:acceptance=true} and were created more than {@code maxAge} ago (their
 * {@code spotfleet:acceptance-created} tag). A stack with the prefix but not the tag, or too young (a run may be under
 * way), is left alone and listed with the reason, unless it is the one stack named with {@code --stack} (this run's own,
 * after a cancelled CI run): that one is destroyed whatever its age, still only with the tag.
 */
final class Janitor {

    record Decision(String stack, boolean destroy, String why) {
    }

    static List<Decision> select(List<Stacks.Leftover> leftovers, Instant now, Duration maxAge, String named) {
        var decisions = new ArrayList<Decision>();
        for (var leftover : leftovers) {
            var tags = leftover.tags();
            if (!"true".equals(tags.get(Stacks.TAG))) {
                decisions.add(new Decision(leftover.name(), false, "no %s=true tag: not made by ./acceptance".formatted(Stacks.TAG)));
                continue;
            }
            var created = created(tags.get(Stacks.CREATED_TAG));
            if (leftover.name().equals(named)) {
                decisions.add(new Decision(leftover.name(), true, "named with --stack: a run's own stack"));
            } else if (created.isEmpty()) {
                decisions.add(new Decision(leftover.name(), false, "no readable %s tag: age unknown".formatted(Stacks.CREATED_TAG)));
            } else if (Duration.between(created.get(), now).compareTo(maxAge) < 0) {
                decisions.add(new Decision(leftover.name(), false, "created %s, less than %s ago: a run may be using it"
                        .formatted(created.get(), maxAge)));
            } else {
                decisions.add(new Decision(leftover.name(), true, "created %s, more than %s ago".formatted(created.get(), maxAge)));
            }
        }
        return decisions;
    }

    /** Destroys the selected stacks; the exit status (0, or 3 when a destroy failed). */
    static int run(Stacks stacks, Instant now, Duration maxAge, String named, PrintStream out) throws Exception {
        var failed = 0;
        var leftovers = stacks.leftovers();
        if (named != null && leftovers.stream().noneMatch(l -> l.name().equals(named))) {
            out.println("gone    %s: not in the backend (its run destroyed it, or never created it)".formatted(named));
        }
        for (var decision : select(leftovers, now, maxAge, named)) {
            if (!decision.destroy()) {
                out.println("keep    %s: %s".formatted(decision.stack(), decision.why()));
                continue;
            }
            out.println("destroy %s: %s".formatted(decision.stack(), decision.why()));
            try {
                stacks.destroyAndRemove(decision.stack());
            } catch (RuntimeException e) {
                failed++;
                out.println("FAILED  %s: %s".formatted(decision.stack(), e.getMessage()));
            }
        }
        return failed == 0 ? 0 : 3;
    }

    private static Optional<Instant> created(String tag) {
        try {
            return Optional.ofNullable(tag).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
