package spotfleet.infra.config;

import java.util.Optional;

/**
 * Where a stack's container image comes from, as {@code spotfleet:image} writes it: {@code build} (the default: built
 * from {@code app/} and pushed to the stack's own repository), a digest-pinned reference (deployed as it is), or
 * {@code promote:<stack>} (the image another stack of this program runs, read from its outputs). One key for the three,
 * so no combination can contradict itself (a reference with "build", a source stack next to a reference).
 */
public sealed interface ImageSource {

    String PROMOTE_PREFIX = "promote:";

    /** How {@code spotfleet:image} writes this source. */
    String configValue();

    /** Built by the deploying machine's Docker engine from {@code app/} and pushed to the stack's own ECR repository. */
    record Build() implements ImageSource {
        public static final String CONFIG_VALUE = "build";

        @Override
        public String configValue() {
            return CONFIG_VALUE;
        }
    }

    /** An image built elsewhere, pinned by digest: no Docker engine at deploy time. */
    record Prebuilt(ImageReference reference) implements ImageSource {
        @Override
        public String configValue() {
            return reference.text();
        }
    }

    /**
     * The image another stack runs, read from that stack's {@code imageRef} output at deploy time.
     *
     * @param organization the source's organization; empty means this stack's own
     * @param project      the source's project; empty means this stack's own
     * @param stack        the source stack's name
     */
    record Promoted(Optional<String> organization, Optional<String> project, String stack) implements ImageSource {

        /** The fully qualified name a {@code StackReference} takes, this stack's organization and project filling the gaps. */
        public String qualifiedName(String ownOrganization, String ownProject) {
            return organization.orElse(ownOrganization) + "/" + project.orElse(ownProject) + "/" + stack;
        }

        @Override
        public String configValue() {
            return PROMOTE_PREFIX + organization.map(org -> org + "/" + project.orElseThrow() + "/").orElse("") + stack;
        }
    }

    /** The source {@code text} names, or an {@link IllegalArgumentException} saying what it must be instead. */
    static ImageSource parse(String text) {
        if (text.equals(Build.CONFIG_VALUE)) {
            return new Build();
        }
        if (text.startsWith(PROMOTE_PREFIX)) {
            return promoted(text.substring(PROMOTE_PREFIX.length()));
        }
        return new Prebuilt(ImageReference.parse(text));
    }

    private static Promoted promoted(String name) {
        var parts = name.split("/", -1);
        switch (parts.length) {
            case 1 -> {
                checkStack(parts[0]);
                return new Promoted(Optional.empty(), Optional.empty(), parts[0]);
            }
            case 3 -> {
                if (!PulumiNames.isOrganization(parts[0])) {
                    throw new IllegalArgumentException(("names the organization %s; Pulumi's organization names are 3 to 40 letters,"
                            + " digits, - and _, starting and ending with a letter or digit").formatted(parts[0]));
                }
                if (!PulumiNames.isStackOrProject(parts[1])) {
                    throw new IllegalArgumentException("names the project %s; Pulumi's project names are 1 to 100 letters, digits, _ . -"
                            .formatted(parts[1]));
                }
                checkStack(parts[2]);
                return new Promoted(Optional.of(parts[0]), Optional.of(parts[1]), parts[2]);
            }
            default -> throw new IllegalArgumentException(("names the stack %s: write promote:<stack> for a stack of this"
                    + " organization and project, or promote:<organization>/<project>/<stack>").formatted(name));
        }
    }

    private static void checkStack(String stack) {
        if (!PulumiNames.isStackOrProject(stack)) {
            throw new IllegalArgumentException("names the stack %s; Pulumi's stack names are 1 to 100 letters, digits, _ . -"
                    .formatted(stack.isEmpty() ? "\"\"" : stack));
        }
    }
}
