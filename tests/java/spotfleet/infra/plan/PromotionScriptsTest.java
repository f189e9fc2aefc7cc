package spotfleet.infra.plan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy workflow's two promotion scripts, run as the workflow runs them (bash, real jq) against stand-ins for the
 * pulumi and aws CLIs that answer from files and record what they were asked. What the stand-ins answer follows the
 * CLIs' documented output: {@code pulumi stack output <name> --stack <org/project/stack>} prints the value, and fails
 * for a stack or output that does not exist; {@code aws ecr batch-get-image} answers {@code images[].imageManifest} and
 * {@code imageManifestMediaType} (botocore ecr 2015-09-21, BatchGetImageResponse); {@code put-image} of a tag already
 * on that manifest fails with ImageAlreadyExistsException.
 */
class PromotionScriptsTest {

    static final Path SCRIPTS = Path.of(".github/scripts");
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String DEV_REPOSITORY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cluster-images-0a1b2c3";

    @TempDir
    Path stubs;

    @BeforeEach
    void standIns() throws IOException {
        Files.createDirectories(stubs.resolve("bin"));
        Files.createDirectories(stubs.resolve("outputs"));
        write("bin/pulumi", """
                #!/bin/sh
                # pulumi stack output <name> --stack <org/project/stack>
                file="$STUBS/outputs/$(echo "$5" | tr / _)/$3"
                [ -f "$file" ] || { echo "error: no output named $3 on $5" >&2; exit 255; }
                cat "$file"
                """);
        write("bin/aws", """
                #!/bin/sh
                echo "$*" >> "$STUBS/aws.log"
                case "$2" in
                  batch-get-image) cat "$STUBS/batch-get-image.json" ;;
                  put-image) if [ -f "$STUBS/tag-exists" ]; then
                      echo "An error occurred (ImageAlreadyExistsException) when calling the PutImage operation" >&2; exit 254; fi
                    echo '{"image": {}}' ;;
                esac
                """);
        write("batch-get-image.json", """
                {"images": [{"imageId": {"imageDigest": "%s"}, "imageManifest": "{\\"schemaVersion\\":2}",
                  "imageManifestMediaType": "application/vnd.oci.image.index.v1+json"}], "failures": []}""".formatted(DIGEST));
    }

    @Test
    void theImageEachTargetRunsIsTaggedInThisStacksRepository() throws Exception {
        // given dev deployed, and prod running one of dev's images
        output("acme/spotfleet/dev", "repositoryUrl", DEV_REPOSITORY);
        output("acme/spotfleet/prod", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "prod"));
        // then: its manifest read, and put back under promoted-prod, by digest
        assertThat(run.exitCode()).isZero();
        assertThat(awsCalls()).containsExactly(
                "ecr batch-get-image --repository-name cluster-images-0a1b2c3 --image-ids imageDigest=" + DIGEST
                        + " --accepted-media-types application/vnd.docker.distribution.manifest.v2+json"
                        + " application/vnd.docker.distribution.manifest.list.v2+json application/vnd.oci.image.manifest.v1+json"
                        + " application/vnd.oci.image.index.v1+json --output json",
                "ecr put-image --repository-name cluster-images-0a1b2c3 --image-tag promoted-prod --image-manifest {\"schemaVersion\":2}"
                        + " --image-manifest-media-type application/vnd.oci.image.index.v1+json --image-digest " + DIGEST);
        assertThat(run.output()).contains("tagged " + DIGEST + " promoted-prod");
    }

    @Test
    void aTargetInAnotherAccountIsFoundByItsStackName() throws Exception {
        // given
        output("acme/spotfleet/dev", "repositoryUrl", DEV_REPOSITORY);
        output("acme/spotfleet/prod", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "210987654321/prod"));
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(awsCalls()).anySatisfy(call -> assertThat(call).contains("--image-tag promoted-prod"));
    }

    @Test
    void aTagAlreadyOnTheImageIsFine() throws Exception {
        // given
        output("acme/spotfleet/dev", "repositoryUrl", DEV_REPOSITORY);
        output("acme/spotfleet/prod", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        write("tag-exists", "");
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "prod"));
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("is already tagged promoted-prod");
    }

    @Test
    void targetsNotDeployedOrRunningAnotherRepositorysImageAreLeftAlone() throws Exception {
        // given qa never deployed, and staging running an image from elsewhere
        output("acme/spotfleet/dev", "repositoryUrl", DEV_REPOSITORY);
        output("acme/spotfleet/staging", "imageRef", "ghcr.io/acme/shop@" + DIGEST);
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "qa staging"));
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(awsCalls()).isEmpty();
        assertThat(run.output()).contains("qa has no imageRef output yet", "staging runs ghcr.io/acme/shop@" + DIGEST);
    }

    @Test
    void aStackNeverDeployedHasNothingToKeep() throws Exception {
        // given no outputs at all
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "prod"));
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(awsCalls()).isEmpty();
        assertThat(run.output()).contains("dev has no repositoryUrl output yet");
    }

    @Test
    void anImageTheRepositoryNoLongerHoldsFailsTheJobLoudly() throws Exception {
        // given prod runs an image that has expired already
        output("acme/spotfleet/dev", "repositoryUrl", DEV_REPOSITORY);
        output("acme/spotfleet/prod", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        write("batch-get-image.json", "{\"images\": [], \"failures\": [{\"failureCode\": \"ImageNotFound\"}]}");
        // when
        var run = run("keep-promoted-images", Map.of("TARGETS", "prod"));
        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("::error::prod runs " + DIGEST + ", which cluster-images-0a1b2c3 no longer holds");
    }

    @Test
    void aPreviewOfAPromotingStackSaysTheSourcesCurrentDigest() throws Exception {
        // given
        output("acme/spotfleet/dev", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        // when
        var run = run("image-summary", Map.of("STACK", "prod", "COMMAND", "preview", "IMAGE_SOURCE", "promote", "IMAGE", "promote:dev"));
        // then
        assertThat(run.exitCode()).isZero();
        assertThat(summary()).isEqualTo("**Image:** prod will run acme/spotfleet/dev's image " + DEV_REPOSITORY + "@" + DIGEST
                + " (its imageRef now)\n");
    }

    @Test
    void aPreviewNamesAFullyQualifiedSourceAsWrittenAndSaysWhenItHasNoImage() throws Exception {
        // given no output of the source
        // when
        var run = run("image-summary", Map.of("STACK", "prod", "COMMAND", "preview", "IMAGE_SOURCE", "promote",
                "IMAGE", "promote:other/shop/staging"));
        // then
        assertThat(summary()).isEqualTo("**Image:** prod promotes other/shop/staging's image, but other/shop/staging has no imageRef"
                + " output: deploy it first\n");
    }

    @Test
    void aBuildingStackAndAPrebuiltOneSayWhatTheyDeploy() throws Exception {
        // given / when
        run("image-summary", Map.of("COMMAND", "preview", "IMAGE_SOURCE", "build", "IMAGE", "build", "GITHUB_SHA", "abc123"));
        run("image-summary", Map.of("COMMAND", "preview", "IMAGE_SOURCE", "prebuilt", "IMAGE", "ghcr.io/a/b@" + DIGEST));
        // then
        assertThat(summary()).isEqualTo("**Image:** dev builds its image from app/ at abc123; its digest is known once pushed\n"
                + "**Image:** dev will run the prebuilt image ghcr.io/a/b@" + DIGEST + "\n");
    }

    @Test
    void afterAnUpTheStackSaysTheDigestItRuns() throws Exception {
        // given
        output("acme/spotfleet/prod", "imageRef", DEV_REPOSITORY + "@" + DIGEST);
        // when
        run("image-summary", Map.of("STACK", "prod", "COMMAND", "up", "IMAGE_SOURCE", "promote", "IMAGE", "promote:dev"));
        // then
        assertThat(summary()).isEqualTo("**Image:** prod runs " + DEV_REPOSITORY + "@" + DIGEST + "\n");
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(String script, Map<String, String> environment) throws Exception {
        var process = new ProcessBuilder("bash", "--noprofile", "--norc", SCRIPTS.resolve(script).toAbsolutePath().toString())
                .redirectErrorStream(true);
        var env = process.environment();
        env.put("PATH", stubs.resolve("bin") + ":" + env.get("PATH"));
        env.put("STUBS", stubs.toString());
        env.put("ORG", "acme");
        env.put("PROJECT", "spotfleet");
        env.put("STACK", "dev");
        env.put("GITHUB_STEP_SUMMARY", stubs.resolve("summary.md").toString());
        env.putAll(environment);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes());
        return new Run(started.waitFor(), output);
    }

    private void output(String stack, String name, String value) throws IOException {
        var directory = stubs.resolve("outputs").resolve(stack.replace('/', '_'));
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name), value + "\n");
    }

    private List<String> awsCalls() throws IOException {
        var log = stubs.resolve("aws.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private String summary() throws IOException {
        return Files.readString(stubs.resolve("summary.md"));
    }

    private void write(String name, String text) throws IOException {
        var file = stubs.resolve(name);
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }
}
