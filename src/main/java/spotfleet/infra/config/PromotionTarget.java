package spotfleet.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stack that deploys this stack's image ({@code spotfleet:image: promote:<this stack>}), as
 * {@code spotfleet:promotionTargets} names it: {@code <stack>} for a stack in this stack's AWS account,
 * {@code <account id>/<stack>} for one in another account. The stack is of this project: its task execution role
 * lives under the IAM path {@code /<project>/<stack>/}, which is what this stack's repository policy lets pull.
 *
 * @param account the target's AWS account; empty means this stack's own
 * @param stack   the target stack's name
 */
public record PromotionTarget(Optional<String> account, String stack) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** The target {@code text} names, or an {@link IllegalArgumentException} saying what it must be instead. */
    static PromotionTarget parse(String text) {
        var slash = text.indexOf('/');
        var account = slash < 0 ? Optional.<String>empty() : Optional.of(text.substring(0, slash));
        var stack = text.substring(slash + 1);
        if (account.isPresent() && !ACCOUNT_ID.matcher(account.get()).matches()) {
            throw new IllegalArgumentException(("%s: an account is its 12-digit id, as in 111122223333/%s").formatted(text, stack));
        }
        if (!PulumiNames.isStackOrProject(stack)) {
            throw new IllegalArgumentException(("%s: write <stack> for a stack of this account, or <12-digit account id>/<stack>;"
                    + " Pulumi's stack names are 1 to 100 letters, digits, _ . -").formatted(text));
        }
        return new PromotionTarget(account, stack);
    }

    /** As {@code spotfleet:promotionTargets} writes it. */
    public String configValue() {
        return account.map(id -> id + "/").orElse("") + stack;
    }
}
