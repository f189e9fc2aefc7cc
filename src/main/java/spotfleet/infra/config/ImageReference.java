package spotfleet.infra.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image pinned by content: {@code <registry>/<repository>@sha256:<64 hex digits>}. The grammar is Docker's
 * reference grammar as distribution/reference writes it (github.com/distribution/reference, {@code reference.go}'s
 * "Grammar" and {@code regexp.go}); the digest is the OCI image spec's sha256 form ({@code sha256:} and 64 lowercase
 * hex digits, image-spec {@code descriptor.md}, "Registered algorithms"), the only one ECR and ECS pin images by.
 * Stricter than the grammar on purpose: the registry must be written out (a name without one would silently mean
 * Docker Hub, normalize.go's {@code splitDockerDomain}), and a tag next to the digest is refused (the digest alone
 * decides what runs, so the tag could only mislead).
 *
 * @param registry   the registry host, with its port if any, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param repository the repository path, e.g. {@code team/app}
 * @param digest     {@code sha256:<64 lowercase hex digits>}
 */
public record ImageReference(String registry, String repository, String digest) {

    // regexp.go: domainNameComponent, domainName, ipv6address, optionalPort
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern HOST = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?");
    // regexp.go: alphanumeric, separator, pathComponent, remoteName
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final Pattern REMOTE_NAME = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    // regexp.go: tag
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    // regexp.go: digestPat (any algorithm), to tell a digest of another algorithm from a malformed one
    private static final Pattern ANY_DIGEST = Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):(.*)");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    /** reference.go: RepositoryNameTotalLengthMax. */
    static final int REPOSITORY_MAX_LENGTH = 255;
    /**
     * An ECR private registry: {@code <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]} (the ECR user guide's
     * registry URL, with the FIPS and China endpoints).
     */
    private static final Pattern ECR_REGISTRY = Pattern.compile(
            "(?<account>\\d{12})\\.dkr\\.ecr(?:-fips)?\\.(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?<china>\\.cn)?");
    /** botocore ecr 2015-09-21 shape RepositoryName: its pattern, 2 to 256 characters. */
    private static final Pattern ECR_REPOSITORY_NAME = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    static final String FORM = "<registry>/<repository>@sha256:<64 hex digits>";

    /** The reference {@code text} writes, or an {@link IllegalArgumentException} saying precisely what is wrong with it. */
    public static ImageReference parse(String text) {
        var at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(withoutDigest(text));
        }
        var name = text.substring(0, at);
        var digest = text.substring(at + 1);
        checkDigest(digest);
        var slash = name.indexOf('/');
        if (slash == -1 || !looksLikeARegistry(name.substring(0, slash))) {
            throw new IllegalArgumentException(("does not name its registry: write it out, as in %s (Docker Hub images as"
                    + " docker.io/library/<name>@sha256:...)").formatted(FORM));
        }
        var colonAfterPath = name.indexOf(':', name.lastIndexOf('/'));
        if (colonAfterPath != -1) {
            throw new IllegalArgumentException(("has both a tag (:%s) and a digest: ECS runs the digest and ignores the tag,"
                    + " so write the digest alone: %s@%s").formatted(name.substring(colonAfterPath + 1),
                    name.substring(0, colonAfterPath), digest));
        }
        var registry = name.substring(0, slash);
        var repository = name.substring(slash + 1);
        if (!HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException("names the registry %s, which is not a host name or address (with an optional :port)"
                    .formatted(registry));
        }
        if (!REMOTE_NAME.matcher(repository).matches()) {
            throw new IllegalArgumentException(("names the repository %s: a repository is lowercase letters and digits, in parts"
                    + " joined by one of . _ __ - and separated by /").formatted(repository));
        }
        if (repository.length() > REPOSITORY_MAX_LENGTH) {
            throw new IllegalArgumentException("names a repository of %d characters; the most is %d"
                    .formatted(repository.length(), REPOSITORY_MAX_LENGTH));
        }
        var reference = new ImageReference(registry, repository, digest);
        var ecr = ECR_REGISTRY.matcher(registry);
        if (ecr.matches() && !ECR_REPOSITORY_NAME.matcher(repository).matches()) {
            throw new IllegalArgumentException(("names the ECR repository %s, which ECR's repository names do not allow (lowercase"
                    + " letters and digits joined by one . _ or -, parts separated by /)").formatted(repository));
        }
        return reference;
    }

    /** The reference as written: {@code <registry>/<repository>@sha256:<hex>}. */
    public String text() {
        return registry + "/" + repository + "@" + digest;
    }

    /**
     * The ARN of the ECR repository holding the image, when the registry is an ECR private registry; empty for any
     * other registry (public registries need no grant, ECR Public included).
     */
    public Optional<String> ecrRepositoryArn() {
        var ecr = ECR_REGISTRY.matcher(registry);
        if (!ecr.matches()) {
            return Optional.empty();
        }
        return Optional.of("arn:%s:ecr:%s:%s:repository/%s".formatted(partition(ecr), ecr.group("region"), ecr.group("account"),
                repository));
    }

    private static String partition(Matcher ecr) {
        if (ecr.group("china") != null) {
            return "aws-cn";
        }
        return ecr.group("region").startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** normalize.go's splitDockerDomain: a first component with a dot or a port is a registry; localhost never serves ECS. */
    private static boolean looksLikeARegistry(String component) {
        return component.contains(".") || component.contains(":");
    }

    private static void checkDigest(String digest) {
        var any = ANY_DIGEST.matcher(digest);
        if (!any.matches()) {
            throw new IllegalArgumentException("has the digest %s, which is not <algorithm>:<hex>; pin the image as %s"
                    .formatted(digest, FORM));
        }
        var algorithm = any.group(1);
        var hex = any.group(2);
        if (!algorithm.equals("sha256")) {
            throw new IllegalArgumentException("has a %s digest; ECR and ECS pin images by sha256 (%s)".formatted(algorithm, FORM));
        }
        if (hex.length() != 64) {
            throw new IllegalArgumentException("has a sha256 digest of %d characters; a sha256 digest has 64 hex digits"
                    .formatted(hex.length()));
        }
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("has a sha256 digest with characters other than lowercase hex digits (0-9, a-f)");
        }
    }

    /** Why {@code text}, which has no digest, is no image reference: a tag only, or not an image at all. */
    private static String withoutDigest(String text) {
        var lastSlash = text.lastIndexOf('/');
        var colon = lastSlash == -1 ? -1 : text.indexOf(':', lastSlash);
        if (colon != -1 && TAG.matcher(text.substring(colon + 1)).matches()) {
            return ("names the tag %s but no digest: a tag can be moved to another image, so pin the image by its digest,"
                    + " %s@sha256:<64 hex digits> (docker buildx imagetools inspect %s prints it)")
                    .formatted(text.substring(colon + 1), text.substring(0, colon), text);
        }
        return ("is none of build, promote:<stack>, promote:<organization>/<project>/<stack> or a digest-pinned image %s")
                .formatted(FORM);
    }
}
