package spotfleet.contract;

import java.util.List;
import java.util.Optional;

/**
 * A value breaks a rule.
 *
 * @param subPath   where inside the checked value (empty: the value itself; {@code Value} for a member of a structure)
 * @param message   the rule and the value
 * @param allowable the allow-list entry that would accept the value, if AWS may have added it after the models
 */
public record Violation(String subPath, String message, Optional<AllowList.Key> allowable) {

    public static List<Violation> of(String message) {
        return List.of(new Violation("", message, Optional.empty()));
    }

    public static List<Violation> at(String subPath, String message) {
        return List.of(new Violation(subPath, message, Optional.empty()));
    }

    public static List<Violation> allowable(String message, AllowList.Key key) {
        return List.of(new Violation("", message, Optional.of(key)));
    }
}
