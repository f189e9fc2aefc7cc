package spotfleet.infra.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Where the service's image comes from, and which other stacks may pull it from this stack's repository.
 *
 * @param source           {@code build}, a digest-pinned reference, or promotion from another stack
 * @param promotionTargets the stacks promoting this stack's image: its repository's policy lets their task execution
 *                         roles pull. Only a stack that builds has a repository of images to share.
 */
public record ImageSettings(ImageSource source, List<PromotionTarget> promotionTargets) {

    public ImageSettings {
        Objects.requireNonNull(source, "source");
        promotionTargets = List.copyOf(promotionTargets);
        var problems = new Problems();
        var seen = new HashSet<String>();
        for (var target : promotionTargets) {
            problems.check(seen.add(target.configValue()), "spotfleet:promotionTargets lists %s twice".formatted(target.configValue()));
        }
        if (!promotionTargets.isEmpty()) {
            switch (source) {
                case ImageSource.Build build -> {
                }
                case ImageSource.Promoted promoted -> problems.add(("spotfleet:promotionTargets (%s) would share this stack's"
                        + " repository, but with spotfleet:image %s its image is in %s's: list them in that stack's"
                        + " spotfleet:promotionTargets instead").formatted(targets(promotionTargets), promoted.configValue(),
                        promoted.stack()));
                case ImageSource.Prebuilt prebuilt -> problems.add(("spotfleet:promotionTargets (%s) would share this stack's"
                        + " repository, but with a prebuilt spotfleet:image the image is in %s, which its owner shares")
                        .formatted(targets(promotionTargets), prebuilt.reference().registry()));
            }
        }
        problems.throwIfAny();
    }


    private static String targets(List<PromotionTarget> targets) {
        return String.join(", ", targets.stream().map(PromotionTarget::configValue).toList());
    }
}
