package spotfleet.infra.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The closest known name to a mistyped one, for "did you mean ...?": the one place that says how close is close
 * (at most {@value #MOST_EDITS} single-character edits, case ignored). Config keys, AWS regions and a stack file's
 * top-level keys all use it.
 */
public final class DidYouMean {

    /** More edits than this and the known name is a different word, not a typo of it. */
    public static final int MOST_EDITS = 3;

    private DidYouMean() {
    }

    /** The known name closest to {@code name}, the alphabetically first of equals; empty when none is close. */
    public static Optional<String> closest(String name, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(name, candidate)).thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(name, candidate) <= MOST_EDITS);
    }

    /** Every known name at the least distance from {@code name}, sorted; empty when none is close. */
    public static List<String> allClosest(String name, Collection<String> known) {
        var least = known.stream().mapToInt(candidate -> distance(name, candidate)).min().orElse(Integer.MAX_VALUE);
        return least > MOST_EDITS ? List.of()
                : known.stream().filter(candidate -> distance(name, candidate) == least).sorted().toList();
    }

    /** {@code a, b or c}. */
    public static String either(List<String> names) {
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private static int distance(String a, String b) {
        return editDistance(a.toLowerCase(java.util.Locale.ROOT), b.toLowerCase(java.util.Locale.ROOT));
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions or substitutions. */
    static int editDistance(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                var substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
