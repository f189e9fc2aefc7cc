package spotfleet.infra.components;

import spotfleet.infra.config.Architecture;
import spotfleet.infra.config.ImageReference;
import spotfleet.infra.config.InvalidConfigException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static spotfleet.infra.components.StackOutputs.IMAGE_PLATFORM;
import static spotfleet.infra.components.StackOutputs.IMAGE_PULLERS;
import static spotfleet.infra.components.StackOutputs.IMAGE_REF;
import static spotfleet.infra.components.StackOutputs.IMAGE_REPOSITORY_ARN;

/**
 * The image another stack runs, as its stack outputs describe it, checked for the stack that promotes it: pinned by
 * digest, built for this stack's architecture, and (when the source stack manages the repository) shared with this
 * stack's task execution role. A check that fails throws an {@link InvalidConfigException} naming
 * {@code spotfleet:image}, during {@code pulumi preview} already, before the task definition is declared with the image.
 *
 * @param imageRef      {@code <repository>@sha256:<digest>}
 * @param platform      the platform it was built for, e.g. {@code linux/arm64}
 * @param repositoryArn the ECR repository holding it; empty when it is not in ECR
 * @param pullers       the pull principals the repository's policy names, when a stack of this program manages it
 */
record PromotedImage(String imageRef, String platform, String repositoryArn, Optional<List<String>> pullers) {

    /**
     * This stack, as the checks need it.
     *
     * @param platform      the architecture the image must have, and where that comes from
     * @param account       the account it deploys into
     * @param pullPattern   what the source's repository policy must name for this stack's execution role to pull
     * @param stack         its name, as the source's spotfleet:promotionTargets would list it
     */
    record Target(TaskPlacement.ImagePlatform platform, String account, String pullPattern, String stack) {
    }

    /** Reads and checks the outputs of {@code source} (its qualified name) for {@code target}. */
    static PromotedImage read(String source, Map<String, Object> outputs, Target target) {
        var imageRef = required(source, outputs, IMAGE_REF);
        var platform = required(source, outputs, IMAGE_PLATFORM);
        var repositoryArn = required(source, outputs, IMAGE_REPOSITORY_ARN);
        try {
            ImageReference.parse(imageRef);
        } catch (IllegalArgumentException e) {
            throw problem("spotfleet:image promotes %s's image, but its %s output (%s) %s".formatted(source, IMAGE_REF, imageRef,
                    e.getMessage()));
        }
        var architecture = Arrays.stream(Architecture.values()).filter(a -> a.dockerPlatform().equals(platform)).findFirst();
        if (architecture.isEmpty()) {
            throw problem("spotfleet:image promotes %s's image, but its %s output (%s) is none of the platforms this program runs (%s)"
                    .formatted(source, IMAGE_PLATFORM, platform, Arrays.stream(Architecture.values())
                            .map(Architecture::dockerPlatform).collect(Collectors.joining(", "))));
        }
        if (architecture.get() != target.platform().architecture()) {
            throw problem("spotfleet:image promotes %s's %s image, but %s".formatted(source, platform,
                    target.platform().source()));
        }
        var pullers = pullers(source, outputs.get(IMAGE_PULLERS));
        pullers.ifPresent(granted -> checkGranted(source, granted, repositoryArn, target));
        return new PromotedImage(imageRef, platform, repositoryArn, pullers);
    }

    private static String required(String source, Map<String, Object> outputs, String name) {
        if (!(outputs.get(name) instanceof String value)) {
            throw problem(("spotfleet:image promotes %s's image, but that stack has no %s output%s: deploy it with this version of"
                    + " the program first (pulumi up on it), which exports %s, %s and %s").formatted(source, name,
                    outputs.containsKey(name) ? " of text (it has " + outputs.get(name) + ")" : "", IMAGE_REF, IMAGE_PLATFORM,
                    IMAGE_REPOSITORY_ARN));
        }
        return value;
    }

    /** The principals the source's repository lets pull, when the source manages that repository (it builds). */
    private static Optional<List<String>> pullers(String source, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw problem("spotfleet:image promotes %s's image, but its %s output (%s) is not a list of principals"
                    .formatted(source, IMAGE_PULLERS, value));
        }
        return Optional.of(list.stream().map(String.class::cast).toList());
    }

    private static void checkGranted(String source, List<String> granted, String repositoryArn, Target target) {
        if (granted.contains(target.pullPattern())) {
            return;
        }
        var sourceStack = source.substring(source.lastIndexOf('/') + 1);
        var repositoryAccount = repositoryArn.split(":").length > 4 ? repositoryArn.split(":")[4] : "";
        var entry = repositoryAccount.equals(target.account()) ? target.stack() : target.account() + "/" + target.stack();
        throw problem(("spotfleet:image promotes %s's image, but %s's repository does not let this stack pull it (it lets %s):"
                + " add %s to spotfleet:promotionTargets in %s's stack file, run pulumi up on %s, then on this stack")
                .formatted(source, sourceStack, granted.isEmpty() ? "no other stack" : String.join(", ", granted), entry,
                sourceStack, sourceStack));
    }

    private static InvalidConfigException problem(String message) {
        return new InvalidConfigException(List.of(message));
    }
}
