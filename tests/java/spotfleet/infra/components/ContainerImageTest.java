package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineEvaluationException;
import spotfleet.infra.offline.OfflineMocks;
import spotfleet.infra.SpotfleetStack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/** The image's three sources: built and shared, prebuilt by digest, and promoted from another stack with its checks. */
class ContainerImageTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final String DEV = OfflineEvaluation.qualifiedName(DeclaredStack.PROJECT, "dev");
    static final String DEV_REPOSITORY_ARN = "arn:aws:ecr:eu-west-1:123456789012:repository/cluster-images-0a1b2c3";
    static final String DEV_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images-0a1b2c3@" + DIGEST;
    /** What prod's execution role is, as a repository policy names it (the mock's account, partition aws). */
    static final String PROD_PULLER = "arn:aws:iam::123456789012:role/spotfleet/prod/*";
    static final List<String> GRAVITON = List.of("m7g.medium", "c7g.medium");

    /** dev's outputs as a deployed dev stack exports them, varied per test. */
    static Map<String, Object> devOutputs(String platform, Object pullers) {
        var outputs = new LinkedHashMap<String, Object>();
        outputs.put("imageRef", DEV_IMAGE);
        outputs.put("imagePlatform", platform);
        outputs.put("imageRepositoryArn", DEV_REPOSITORY_ARN);
        if (pullers != null) {
            outputs.put("imagePullers", pullers);
        }
        return outputs;
    }

    static StackSettings prod() {
        return StackSettings.defaults().toBuilder().instanceTypes(GRAVITON).image("promote:dev").build();
    }

    static DeclaredStack prodReading(Map<String, Object> devOutputs) {
        return DeclaredStack.of(prod(), "prod", Map.of(DEV, new OfflineMocks.StackOutputs(devOutputs, Set.of())));
    }

    static Throwable prodFailsReading(Map<String, Object> devOutputs) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> prodReading(devOutputs));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Built {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
        }

        @Test
        void theImageIsBuiltFromTheAppDirectoryForTheInstancesPlatform() {
            // given / when
            var image = stack.one(DOCKER_IMAGE, "image-image");
            // then
            assertThat(input(image, "build.context")).isEqualTo("./app");
            assertThat(input(image, "build.dockerfile")).isEqualTo("./app/Dockerfile");
            assertThat(input(image, "build.platform")).isEqualTo("linux/amd64");
        }

        @Test
        void theImageIsPushedToTheRepositoryUnderTheStacksTag() {
            // given
            var repository = stack.one(ECR_REPOSITORY, "cluster-images");
            // when
            var image = stack.one(DOCKER_IMAGE, "image-image");
            // then
            assertThat(input(image, "imageName")).isEqualTo(output(repository, "repositoryUrl") + ":dev");
            assertThat(input(image, "registry.server")).isEqualTo("123456789012.dkr.ecr.mock-region-1.amazonaws.com");
            assertThat(input(image, "skipPush")).isEqualTo(false);
        }

        @Test
        void pushCredentialsComeFromTheRepositorysRegistry() {
            // given
            var tokens = stack.invokes(GET_AUTHORIZATION_TOKEN);
            // when
            var image = stack.one(DOCKER_IMAGE, "image-image");
            // then
            assertThat(tokens).hasSize(1);
            assertThat(tokens.getFirst().args()).containsEntry("registryId", output(stack.one(ECR_REPOSITORY, "cluster-images"), "registryId"));
            assertThat(input(image, "registry.username")).isEqualTo("AWS");
            assertThat(input(image, "registry.password")).isEqualTo("offline-placeholder-password");
        }

        @Test
        void theStackExportsWhatAPromotingStackReads() {
            // given
            var repository = stack.one(ECR_REPOSITORY, "cluster-images");
            // when / then: the pushed digest, the build platform, the repository, and no one granted
            assertThat(stack.stackOutput("imageRef")).isEqualTo(output(stack.one(DOCKER_IMAGE, "image-image"), "repoDigest"));
            assertThat(stack.stackOutput("imagePlatform")).isEqualTo("linux/amd64");
            assertThat(stack.stackOutput("imageRepositoryArn")).isEqualTo(output(repository, "arn"));
            assertThat(stack.stackOutput("imagePullers")).isEqualTo(List.of());
            assertThat(stack.all(ECR_REPOSITORY_POLICY)).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BuiltAndSharedWithPromotionTargets {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().promotionTargets(List.of("prod", "210987654321/prod")).build()));
        }

        @Test
        void theRepositoryPolicyLetsEachTargetsExecutionRolePullAndNothingElse() {
            // given
            var repository = stack.one(ECR_REPOSITORY, "cluster-images");
            // when
            var policy = stack.one(ECR_REPOSITORY_POLICY, "image-pull-policy");
            var statements = jsonInput(policy, "policy").getAsJsonObject().getAsJsonArray("Statement");
            // then: the account as principal (it exists before the target does), narrowed to the target's role path
            assertThat(input(policy, "repository")).isEqualTo(output(repository, "name"));
            assertThat(statements).hasSize(2);
            assertThat(statements.get(0)).isEqualTo(JsonParser.parseString("""
                    {"Sid": "PullByPromotionTarget1", "Effect": "Allow",
                     "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                     "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                     "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/spotfleet/prod/*"}}}"""));
            assertThat(statements.get(1).getAsJsonObject().get("Principal").getAsJsonObject().get("AWS").getAsString())
                    .isEqualTo("arn:aws:iam::210987654321:root");
            assertThat(statements.get(1).getAsJsonObject().getAsJsonObject("Condition").getAsJsonObject("ArnLike")
                    .get("aws:PrincipalArn").getAsString()).isEqualTo("arn:aws:iam::210987654321:role/spotfleet/prod/*");
        }

        @Test
        void theStackExportsTheRolesItLetsPull() {
            // given / when / then
            assertThat(stack.stackOutput("imagePullers")).isEqualTo(List.of(PROD_PULLER, "arn:aws:iam::210987654321:role/spotfleet/prod/*"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Prebuilt {
        static final String IMAGE = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/shop@" + DIGEST;
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().image(IMAGE).build()));
        }

        @Test
        void nothingIsBuiltAndNoDockerEngineOrPushCredentialsAreNeeded() {
            // given / when / then
            assertThat(stack.all(DOCKER_IMAGE)).isEmpty();
            assertThat(stack.invokes(GET_AUTHORIZATION_TOKEN)).isEmpty();
            assertThat(stack.all(STACK_REFERENCE)).isEmpty();
        }

        @Test
        void theServiceRunsTheReferenceAndTheExecutionRolePullsFromItsRepositoryOnly() {
            // given
            var task = stack.one(TASK_DEFINITION, "web-task");
            // when
            var pull = jsonInput(stack.one(ROLE_POLICY, "web-execution-permissions"), "policy").getAsJsonObject()
                    .getAsJsonArray("Statement").get(0).getAsJsonObject();
            // then
            assertThat(jsonInput(task, "containerDefinitions").getAsJsonArray().get(0).getAsJsonObject().get("image").getAsString())
                    .isEqualTo(IMAGE);
            assertThat(pull.get("Sid").getAsString()).isEqualTo("PullTheImage");
            assertThat(pull.get("Resource").getAsString()).isEqualTo("arn:aws:ecr:eu-west-1:210987654321:repository/team/shop");
            assertThat(stack.stackOutput("imageRef")).isEqualTo(IMAGE);
            assertThat(stack.evaluation().outputs()).doesNotContainKey("imagePullers");
        }

        @Test
        void anImageOutsideEcrGetsNoEcrPermissionAtAll() {
            // given a public registry's image
            var outside = DeclaredStack.of(StackSettings.defaults().toBuilder().image("ghcr.io/acme/shop@" + DIGEST).build());
            // when
            var sids = jsonInput(outside.one(ROLE_POLICY, "web-execution-permissions"), "policy").getAsJsonObject()
                    .getAsJsonArray("Statement").asList().stream().map(s -> s.getAsJsonObject().get("Sid").getAsString()).toList();
            // then
            assertThat(sids).containsExactly("WriteTheServicesLogs");
            assertThat(outside.stackOutput("imageRepositoryArn")).isEqualTo("");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PromotedFromDev {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> prodReading(devOutputs("linux/arm64", List.of(PROD_PULLER))));
        }

        @Test
        void devsOutputsAreReadThroughAStackReferenceAndNothingIsBuilt() {
            // given / when
            var reference = stack.one(STACK_REFERENCE, "image-source");
            // then
            assertThat(input(reference, "name")).isEqualTo("offline-organization/spotfleet/dev");
            assertThat(reference.parent()).contains("image");
            assertThat(stack.all(DOCKER_IMAGE)).isEmpty();
            assertThat(stack.invokes(GET_AUTHORIZATION_TOKEN)).isEmpty();
            assertThat(stack.all(ECR_REPOSITORY_POLICY)).isEmpty();
        }

        @Test
        void theServiceRunsDevsDigestAndPullsFromDevsRepositoryOnly() {
            // given
            var task = stack.one(TASK_DEFINITION, "web-task");
            // when
            var pull = jsonInput(stack.one(ROLE_POLICY, "web-execution-permissions"), "policy").getAsJsonObject()
                    .getAsJsonArray("Statement").get(0).getAsJsonObject();
            // then
            assertThat(jsonInput(task, "containerDefinitions").getAsJsonArray().get(0).getAsJsonObject().get("image").getAsString())
                    .isEqualTo(DEV_IMAGE);
            assertThat(pull.get("Resource").getAsString()).isEqualTo(DEV_REPOSITORY_ARN);
            assertThat(input(stack.one(ROLE, "web-execution-role"), "path")).isEqualTo("/spotfleet/prod/");
        }

        @Test
        void theStackPassesDevsImageOnToAStackThatPromotesIt() {
            // given / when / then: a chain dev -> staging -> prod reads the image, its platform and dev's grants
            assertThat(stack.stackOutput("imageRef")).isEqualTo(DEV_IMAGE);
            assertThat(stack.stackOutput("imagePlatform")).isEqualTo("linux/arm64");
            assertThat(stack.stackOutput("imageRepositoryArn")).isEqualTo(DEV_REPOSITORY_ARN);
            assertThat(stack.stackOutput("imagePullers")).isEqualTo(List.of(PROD_PULLER));
        }
    }

    @Test
    void anImagePromotedFromAPrebuiltStackNeedsNoGrantCheck() {
        // given a source that exports no imagePullers (it does not manage its image's repository)
        // when
        var stack = prodReading(devOutputs("linux/arm64", null));
        // then
        assertThat(stack.one(STACK_REFERENCE, "image-source")).isNotNull();
        assertThat(stack.stackOutput("imagePullers")).isNull();
    }

    @Test
    void anImageOfAnotherArchitectureIsRefused() {
        // given dev built for x86 and prod runs Graviton
        // when / then
        assertThat(prodFailsReading(devOutputs("linux/amd64", List.of(PROD_PULLER))))
                .isInstanceOf(OfflineEvaluationException.class)
                .hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's linux/amd64 image, but this"
                        + " stack's instanceTypes are arm64 (m7g.medium, c7g.medium)");
    }

    @Test
    void aPlatformNoInstanceRunsIsRefused() {
        // given / when / then
        assertThat(prodFailsReading(devOutputs("windows/amd64", List.of(PROD_PULLER))))
                .hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's image, but its imagePlatform"
                        + " output (windows/amd64) is none of the platforms this program runs (linux/amd64, linux/arm64)");
    }

    @Test
    void aSourceWithoutTheOutputsIsRefusedNamingTheMissingOne() {
        // given dev deployed by an older program: no imagePlatform
        var outputs = devOutputs("linux/arm64", List.of(PROD_PULLER));
        outputs.remove("imagePlatform");
        // when / then
        assertThat(prodFailsReading(outputs))
                .hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's image, but that stack has no"
                        + " imagePlatform output: deploy it with this version of the program first (pulumi up on it), which exports"
                        + " imageRef, imagePlatform and imageRepositoryArn");
    }

    @Test
    void anOutputOfTheWrongShapeIsRefused() {
        // given
        var outputs = devOutputs("linux/arm64", "arn:aws:iam::123456789012:role/spotfleet/prod/*");
        outputs.put("imageRef", 42.0);
        // when / then
        assertThat(prodFailsReading(outputs)).hasMessageContaining("that stack has no imageRef output of text (it has 42.0)");
        assertThat(prodFailsReading(devOutputs("linux/arm64", "arn:aws:iam::123456789012:role/spotfleet/prod/*")))
                .hasMessageContaining("its imagePullers output (arn:aws:iam::123456789012:role/spotfleet/prod/*) is not a list of principals");
    }

    @Test
    void aSourceImageByTagIsRefused() {
        // given
        var outputs = devOutputs("linux/arm64", List.of(PROD_PULLER));
        outputs.put("imageRef", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images:dev");
        // when / then
        assertThat(prodFailsReading(outputs)).hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's image,"
                + " but its imageRef output (123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images:dev) names the tag dev but no digest");
    }

    @Test
    void aSourceThatDoesNotGrantThisStackIsRefusedSayingWhatToAdd() {
        // given dev grants nobody (same account as prod: dev's repository is in the mock's account)
        // when / then
        assertThat(prodFailsReading(devOutputs("linux/arm64", List.of())))
                .hasMessageContaining("spotfleet:image promotes offline-organization/spotfleet/dev's image, but dev's repository does"
                        + " not let this stack pull it (it lets no other stack): add prod to spotfleet:promotionTargets in dev's stack"
                        + " file, run pulumi up on dev, then on this stack");
    }

    @Test
    void aSourceInAnotherAccountIsToldThisStacksAccount() {
        // given dev's repository in another account, granting a stack of that account only
        var outputs = devOutputs("linux/arm64", List.of("arn:aws:iam::210987654321:role/spotfleet/prod/*"));
        outputs.put("imageRepositoryArn", "arn:aws:ecr:eu-west-1:210987654321:repository/cluster-images-0a1b2c3");
        // when / then
        assertThat(prodFailsReading(outputs)).hasMessageContaining("(it lets arn:aws:iam::210987654321:role/spotfleet/prod/*): add"
                + " 123456789012/prod to spotfleet:promotionTargets in dev's stack file");
    }

    @Test
    void aSourceStackWithoutOutputsFailsTheRead() {
        // given no stack dev at all
        // when / then
        assertThatThrownBy(() -> DeclaredStack.of(prod(), "prod", Map.of()))
                .isInstanceOf(OfflineEvaluationException.class)
                .hasMessageContaining("the offline evaluation was given no outputs of stack offline-organization/spotfleet/dev");
    }

    @Test
    void aStackCannotPromoteItsOwnImageNorGrantItself() {
        // given
        var ownImage = StackSettings.defaults().toBuilder().image("promote:dev").build();
        var ownTarget = StackSettings.defaults().toBuilder().promotionTargets(List.of("dev", "210987654321/dev")).build();
        // when / then: refused before anything is declared
        assertThatThrownBy(() -> OfflineEvaluation.run(new OfflineMocks(), "spotfleet", "dev", ctx -> SpotfleetStack.declare(ctx, ownImage)))
                .hasMessageContaining("spotfleet:image (promote:dev) promotes this stack's own image: name the stack it comes from,"
                        + " e.g. promote:dev");
        assertThatThrownBy(() -> OfflineEvaluation.run(new OfflineMocks(), "spotfleet", "dev", ctx -> SpotfleetStack.declare(ctx, ownTarget)))
                .hasMessageContaining("spotfleet:promotionTargets lists this stack (dev) itself: it pulls from its own repository"
                        + " without a grant")
                .hasMessageNotContaining("210987654321/dev");
    }

    @Test
    void theCheckedProblemIsAConfigProblemNamingTheKey() {
        // given / when
        var problem = org.assertj.core.api.Assertions.catchThrowable(() -> PromotedImage.read("acme/spotfleet/dev",
                Map.of("imageRef", DEV_IMAGE, "imagePlatform", "linux/amd64", "imageRepositoryArn", DEV_REPOSITORY_ARN),
                new PromotedImage.Target(TaskPlacement.ImagePlatform.onInstances(spotfleet.infra.config.Architecture.ARM64, GRAVITON), "123456789012", PROD_PULLER, "prod")));
        // then
        assertThat(problem).isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "spotfleet:image promotes acme/spotfleet/dev's linux/amd64 image, but this stack's instanceTypes are arm64"
                        + " (m7g.medium, c7g.medium)"));
    }

    @Test
    void aRepositoryArnWithoutAnAccountStillGetsTheTargetsFullEntry() {
        // given a source whose imageRepositoryArn has no account part, and no grant for prod
        var outputs = Map.<String, Object>of("imageRef", DEV_IMAGE, "imagePlatform", "linux/arm64",
                "imageRepositoryArn", "arn:aws:ecr:eu-west-1", "imagePullers", List.of());
        // when
        var problem = org.assertj.core.api.Assertions.catchThrowable(() -> PromotedImage.read("acme/spotfleet/dev", outputs,
                new PromotedImage.Target(TaskPlacement.ImagePlatform.onInstances(spotfleet.infra.config.Architecture.ARM64, GRAVITON), "123456789012", PROD_PULLER, "prod")));
        // then: the account cannot be compared, so the entry names this stack's account
        assertThat(problem).isInstanceOf(InvalidConfigException.class).hasMessageContaining("add 123456789012/prod to spotfleet:promotionTargets");
    }

    @Test
    void aGrantedTargetReadsTheImageAsTheSourceDescribesIt() {
        // given
        var outputs = Map.<String, Object>of("imageRef", DEV_IMAGE, "imagePlatform", "linux/arm64",
                "imageRepositoryArn", DEV_REPOSITORY_ARN, "imagePullers", List.of("arn:aws:iam::123456789012:role/spotfleet/qa/*", PROD_PULLER));
        // when
        var image = PromotedImage.read("acme/spotfleet/dev", outputs,
                new PromotedImage.Target(TaskPlacement.ImagePlatform.onInstances(spotfleet.infra.config.Architecture.ARM64, GRAVITON), "123456789012", PROD_PULLER, "prod"));
        // then
        assertThat(image).isEqualTo(new PromotedImage(DEV_IMAGE, "linux/arm64", DEV_REPOSITORY_ARN,
                java.util.Optional.of(List.of("arn:aws:iam::123456789012:role/spotfleet/qa/*", PROD_PULLER))));
    }

    @Test
    void registryHostIsTheUrlUpToTheRepositoryName() {
        // given / when / then
        assertThat(ContainerImage.registryHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app"))
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(ContainerImage.registryHost("localhost:5000")).isEqualTo("localhost:5000");
    }
}
