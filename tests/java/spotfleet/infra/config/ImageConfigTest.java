package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * spotfleet:image and spotfleet:promotionTargets: the three sources, and every way a reference can be wrong. The
 * grammar is Docker's reference grammar (github.com/distribution/reference, reference.go and regexp.go) with a
 * sha256 digest of 64 lowercase hex digits (OCI image-spec descriptor.md, "Registered algorithms").
 */
class ImageConfigTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void byDefaultTheStackBuildsItsImage() {
        // given no spotfleet:image
        // when
        var image = StackConfig.parse(Map.of()).image();
        // then
        assertThat(image.source()).isEqualTo(new ImageSource.Build());
        assertThat(image.promotionTargets()).isEmpty();
    }

    @Test
    void aBuildingStackNamesItsPromotionTargetsInThisAccountOrAnother() {
        // given
        var raw = Map.of("spotfleet:image", "build", "spotfleet:promotionTargets", "[\"prod\", \"210987654321/prod\", \"qa.eu\"]");
        // when
        var image = StackConfig.parse(raw).image();
        // then
        assertThat(image.promotionTargets()).containsExactly(new PromotionTarget(Optional.empty(), "prod"),
                new PromotionTarget(Optional.of("210987654321"), "prod"), new PromotionTarget(Optional.empty(), "qa.eu"));
    }

    @Test
    void aPrebuiltImageIsPinnedByDigestInItsRegistry() {
        // given an image in another account's ECR, by digest
        var raw = Map.of("spotfleet:image", "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/shop@" + DIGEST);
        // when
        var source = StackConfig.parse(raw).image().source();
        // then
        assertThat(source).isInstanceOfSatisfying(ImageSource.Prebuilt.class, prebuilt -> {
            assertThat(prebuilt.reference()).isEqualTo(new ImageReference("210987654321.dkr.ecr.eu-west-1.amazonaws.com",
                    "team/shop", DIGEST));
            assertThat(prebuilt.reference().ecrRepositoryArn()).contains("arn:aws:ecr:eu-west-1:210987654321:repository/team/shop");
            assertThat(prebuilt.configValue()).isEqualTo(raw.get("spotfleet:image"));
        });
    }

    static Stream<Arguments> ecrRegistries() {
        return Stream.of(
                arguments("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn", "arn:aws-cn:ecr:cn-north-1:111122223333:repository/app"),
                arguments("111122223333.dkr.ecr.us-gov-west-1.amazonaws.com", "arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/app"),
                arguments("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com", "arn:aws:ecr:us-east-1:111122223333:repository/app"));
    }

    @ParameterizedTest
    @MethodSource("ecrRegistries")
    void anEcrImagesRepositoryArnIsInItsRegionsPartition(String registry, String arn) {
        // given / when
        var reference = ImageReference.parse(registry + "/app@" + DIGEST);
        // then
        assertThat(reference.ecrRepositoryArn()).contains(arn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghcr.io/acme/shop", "public.ecr.aws/acme/shop", "docker.io/library/nginx", "registry.example.com:5000/shop",
            "[2001:db8::1]:5000/a/b", "quay.io/a__b/c-d.e"})
    void anImageOutsideEcrNeedsNoPullPermission(String name) {
        // given / when
        var reference = ImageReference.parse(name + "@" + DIGEST);
        // then
        assertThat(reference.text()).isEqualTo(name + "@" + DIGEST);
        assertThat(reference.ecrRepositoryArn()).isEmpty();
    }

    @Test
    void aRepositoryOfTheLongestLengthIsAccepted() {
        // given reference.go's RepositoryNameTotalLengthMax, 255
        var name = "ghcr.io/" + "a".repeat(ImageReference.REPOSITORY_MAX_LENGTH);
        // when / then
        assertThat(ImageReference.parse(name + "@" + DIGEST).repository()).hasSize(255);
    }

    @Test
    void promotionNamesAStackOfThisProjectOrAFullyQualifiedOne() {
        // given / when
        var short_ = StackConfig.parse(Map.of("spotfleet:image", "promote:dev")).image().source();
        var full = StackConfig.parse(Map.of("spotfleet:image", "promote:acme/shop/staging")).image().source();
        // then
        assertThat(short_).isEqualTo(new ImageSource.Promoted(Optional.empty(), Optional.empty(), "dev"));
        assertThat(((ImageSource.Promoted) short_).qualifiedName("acme", "spotfleet")).isEqualTo("acme/spotfleet/dev");
        assertThat(full).isEqualTo(new ImageSource.Promoted(Optional.of("acme"), Optional.of("shop"), "staging"));
        assertThat(((ImageSource.Promoted) full).qualifiedName("other", "spotfleet")).isEqualTo("acme/shop/staging");
        assertThat(full.configValue()).isEqualTo("promote:acme/shop/staging");
    }

    static Stream<Arguments> badImages() {
        var hex = "0123456789abcdef".repeat(4);
        return Stream.of(
                arguments("ghcr.io/acme/shop:1.4", "spotfleet:image (ghcr.io/acme/shop:1.4) names the tag 1.4 but no digest: a tag can"
                        + " be moved to another image, so pin the image by its digest, ghcr.io/acme/shop@sha256:<64 hex digits>"
                        + " (docker buildx imagetools inspect ghcr.io/acme/shop:1.4 prints it)"),
                arguments("ghcr.io/acme/shop", "spotfleet:image (ghcr.io/acme/shop) is none of build, promote:<stack>,"
                        + " promote:<organization>/<project>/<stack> or a digest-pinned image <registry>/<repository>@sha256:<64 hex digits>"),
                arguments("Build", "spotfleet:image (Build) is none of build, promote:<stack>,"
                        + " promote:<organization>/<project>/<stack> or a digest-pinned image <registry>/<repository>@sha256:<64 hex digits>"),
                arguments("ghcr.io/acme/shop@sha256:" + hex.substring(1), "spotfleet:image (ghcr.io/acme/shop@sha256:" + hex.substring(1)
                        + ") has a sha256 digest of 63 characters; a sha256 digest has 64 hex digits"),
                arguments("ghcr.io/acme/shop@sha256:" + hex + "0", "spotfleet:image (ghcr.io/acme/shop@sha256:" + hex + "0)"
                        + " has a sha256 digest of 65 characters; a sha256 digest has 64 hex digits"),
                arguments("ghcr.io/acme/shop@sha256:" + hex.toUpperCase(), "spotfleet:image (ghcr.io/acme/shop@sha256:" + hex.toUpperCase()
                        + ") has a sha256 digest with characters other than lowercase hex digits (0-9, a-f)"),
                arguments("ghcr.io/acme/shop@sha512:" + hex + hex, "spotfleet:image (ghcr.io/acme/shop@sha512:" + hex + hex
                        + ") has a sha512 digest; ECR and ECS pin images by sha256 (<registry>/<repository>@sha256:<64 hex digits>)"),
                arguments("ghcr.io/acme/shop@" + hex, "spotfleet:image (ghcr.io/acme/shop@" + hex + ") has the digest " + hex
                        + ", which is not <algorithm>:<hex>; pin the image as <registry>/<repository>@sha256:<64 hex digits>"),
                arguments("ghcr.io/acme/shop:1.4@sha256:" + hex, "spotfleet:image (ghcr.io/acme/shop:1.4@sha256:" + hex + ") has both a"
                        + " tag (:1.4) and a digest: ECS runs the digest and ignores the tag, so write the digest alone:"
                        + " ghcr.io/acme/shop@sha256:" + hex),
                arguments("acme/shop@sha256:" + hex, "spotfleet:image (acme/shop@sha256:" + hex + ") does not name its registry: write"
                        + " it out, as in <registry>/<repository>@sha256:<64 hex digits> (Docker Hub images as"
                        + " docker.io/library/<name>@sha256:...)"),
                arguments("ghcr.io/Acme/shop@sha256:" + hex, "spotfleet:image (ghcr.io/Acme/shop@sha256:" + hex + ") names the repository"
                        + " Acme/shop: a repository is lowercase letters and digits, in parts joined by one of . _ __ - and separated by /"),
                arguments("ghcr.io/acme/shop-@sha256:" + hex, "spotfleet:image (ghcr.io/acme/shop-@sha256:" + hex + ") names the"
                        + " repository acme/shop-: a repository is lowercase letters and digits, in parts joined by one of . _ __ - and"
                        + " separated by /"),
                arguments("-bad.io/acme@sha256:" + hex, "spotfleet:image (-bad.io/acme@sha256:" + hex + ") names the registry -bad.io,"
                        + " which is not a host name or address (with an optional :port)"),
                arguments("111122223333.dkr.ecr.eu-west-1.amazonaws.com/a__b@sha256:" + hex,
                        "spotfleet:image (111122223333.dkr.ecr.eu-west-1.amazonaws.com/a__b@sha256:" + hex + ") names the ECR"
                                + " repository a__b, which ECR's repository names do not allow (lowercase letters and digits joined by"
                                + " one . _ or -, parts separated by /)"),
                arguments("ghcr.io/" + "a".repeat(256) + "@sha256:" + hex, "spotfleet:image (ghcr.io/" + "a".repeat(256) + "@sha256:"
                        + hex + ") names a repository of 256 characters; the most is 255"),
                arguments("promote:", "spotfleet:image (promote:) names the stack \"\"; Pulumi's stack names are 1 to 100 letters,"
                        + " digits, _ . -"),
                arguments("promote:acme/dev", "spotfleet:image (promote:acme/dev) names the stack acme/dev: write promote:<stack> for"
                        + " a stack of this organization and project, or promote:<organization>/<project>/<stack>"),
                arguments("promote:dev stack", "spotfleet:image (promote:dev stack) names the stack dev stack; Pulumi's stack names"
                        + " are 1 to 100 letters, digits, _ . -"),
                arguments("promote:-acme/shop/dev", "spotfleet:image (promote:-acme/shop/dev) names the organization -acme; Pulumi's"
                        + " organization names are 3 to 40 letters, digits, - and _, starting and ending with a letter or digit"),
                arguments("@sha256:" + hex, "spotfleet:image (@sha256:" + hex + ") does not name its registry: write it out, as in"
                        + " <registry>/<repository>@sha256:<64 hex digits> (Docker Hub images as docker.io/library/<name>@sha256:...)"),
                arguments("nginx:1.27@sha256:" + hex, "spotfleet:image (nginx:1.27@sha256:" + hex + ") does not name its registry:"
                        + " write it out, as in <registry>/<repository>@sha256:<64 hex digits> (Docker Hub images as"
                        + " docker.io/library/<name>@sha256:...)"),
                arguments("promote:acme/shop/dev stack", "spotfleet:image (promote:acme/shop/dev stack) names the stack dev stack;"
                        + " Pulumi's stack names are 1 to 100 letters, digits, _ . -"),
                arguments("promote:acme/sh op/dev", "spotfleet:image (promote:acme/sh op/dev) names the project sh op; Pulumi's"
                        + " project names are 1 to 100 letters, digits, _ . -"));
    }

    @ParameterizedTest
    @MethodSource("badImages")
    void aBadImageIsRejectedSayingWhatIsWrong(String image, String expectedProblem) {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(Map.of("spotfleet:image", image)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(expectedProblem));
    }

    static Stream<Arguments> badTargets() {
        return Stream.of(
                arguments(Map.of("spotfleet:promotionTargets", "[\"prod\", \"prod\"]"), List.of("spotfleet:promotionTargets lists prod twice")),
                arguments(Map.of("spotfleet:promotionTargets", "[\"12345/prod\"]"),
                        List.of("spotfleet:promotionTargets: 12345/prod: an account is its 12-digit id, as in 111122223333/prod")),
                arguments(Map.of("spotfleet:promotionTargets", "[\"111122223333/\", \"a/b/c\"]"),
                        List.of("spotfleet:promotionTargets: 111122223333/: write <stack> for a stack of this account, or <12-digit"
                                        + " account id>/<stack>; Pulumi's stack names are 1 to 100 letters, digits, _ . -",
                                "spotfleet:promotionTargets: a/b/c: an account is its 12-digit id, as in 111122223333/b/c")),
                arguments(Map.of("spotfleet:promotionTargets", "[\"/prod\"]"),
                        List.of("spotfleet:promotionTargets: /prod: an account is its 12-digit id, as in 111122223333/prod")),
                arguments(Map.of("spotfleet:promotionTargets", "{\"prod\": true}"),
                        List.of("spotfleet:promotionTargets ({\"prod\": true}) must be a list of strings, e.g. [\"prod\", \"111122223333/prod\"]")),
                arguments(Map.of("spotfleet:image", "promote:dev", "spotfleet:promotionTargets", "[\"prod\"]"),
                        List.of("spotfleet:promotionTargets (prod) would share this stack's repository, but with spotfleet:image"
                                + " promote:dev its image is in dev's: list them in that stack's spotfleet:promotionTargets instead")),
                arguments(Map.of("spotfleet:image", "ghcr.io/acme/shop@" + DIGEST, "spotfleet:promotionTargets", "[\"prod\"]"),
                        List.of("spotfleet:promotionTargets (prod) would share this stack's repository, but with a prebuilt"
                                + " spotfleet:image the image is in ghcr.io, which its owner shares")));
    }

    @ParameterizedTest
    @MethodSource("badTargets")
    void badPromotionTargetsAreRejectedNamingThem(Map<String, String> raw, List<String> expectedProblems) {
        // given / when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyElementsOf(expectedProblems));
    }

    @Test
    void anImageAndServiceProblemsAreReportedTogether() {
        // given a bad image, a bad variable and a bad port in one stack
        var raw = Map.of("spotfleet:image", "ghcr.io/acme/shop:latest", "spotfleet:environment", "[\"1X=y\"]",
                "spotfleet:containerPort", "0");
        // when / then: one attempt shows all three
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("spotfleet:image (ghcr.io/acme/shop:latest) names the tag latest"))
                        .anySatisfy(p -> assertThat(p).startsWith("spotfleet:environment: 1X=y: the name 1X is not"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("spotfleet:containerPort (0) must be between 1 and 65535")));
    }
}
