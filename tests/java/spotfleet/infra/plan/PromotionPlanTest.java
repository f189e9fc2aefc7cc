package spotfleet.infra.plan;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline plan of a stack that promotes another's image: it never reads a backend. A source whose stack file is in
 * the project gets its own offline plan, so the checks run for real on the two files (architecture, grant); any other
 * source gets stand-ins, said to be stand-ins and marked made up.
 */
class PromotionPlanTest {

    static final String DEV = """
            config:
              aws:region: eu-west-1
              spotfleet:instanceTypes: [t4g.micro, t4g.small]
              spotfleet:promotionTargets: [prod]
            """;
    static final String PROD = """
            config:
              aws:region: eu-west-1
              spotfleet:image: promote:dev
              spotfleet:instanceTypes: [m7g.medium, c7g.medium]
            """;

    @TempDir
    Path project;

    @Test
    void aPromotingStackIsPlannedWithItsSourcesOfflineOutputs() throws IOException {
        // given
        givenStackFile("dev", DEV);
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--json", "--dir", project.toString());
        // then: nothing built, dev read by a StackReference whose organization is only known when deployed
        assertThat(run.exitCode()).isEqualTo(PlanCommand.OK);
        var json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.getAsJsonObject("image").get("source").getAsString()).isEqualTo("promote");
        assertThat(json.getAsJsonObject("image").get("promotes").getAsString()).isEqualTo("dev");
        assertThat(json.getAsJsonObject("image").get("description").getAsString()).contains("Pulumi.dev.yaml's offline plan");
        var types = json.getAsJsonArray("resources").asList().stream().map(r -> r.getAsJsonObject().get("type").getAsString()).toList();
        assertThat(types).contains("pulumi:pulumi:StackReference").doesNotContain("docker:index/image:Image");
        var reference = json.getAsJsonArray("resources").asList().stream().map(r -> r.getAsJsonObject())
                .filter(r -> r.get("type").getAsString().equals("pulumi:pulumi:StackReference")).findFirst().orElseThrow();
        assertThat(reference.getAsJsonObject("inputs").get("name").getAsString()).isEqualTo("<computed>/spotfleet/dev");
        assertThat(json.getAsJsonObject("outputs").get("imageRef").getAsString()).isEqualTo("<computed>");
        assertThat(json.getAsJsonObject("outputs").get("imagePlatform").getAsString()).isEqualTo("linux/arm64");
    }

    @Test
    void thePicturesShowTheGrantAndThePromotedImage() throws IOException {
        // given
        givenStackFile("dev", DEV);
        givenStackFile("prod", PROD);
        // when
        var dev = PlanCommandTest.run("dev", "--format", "dot", "--dir", project.toString());
        var prod = PlanCommandTest.run("prod", "--format", "dot", "--dir", project.toString());
        // then: dev's pull grant names prod; prod's image comes from dev and goes to the service, nowhere else
        assertThat(dev.out()).contains("<b>pull grant</b>", "to prod</font>");
        assertThat(prod.out()).contains("<b>promoted image</b>", "from &lt;computed&gt;/spotfleet/dev</font>")
                .contains("\"image-source\" -> \"web-service\"").doesNotContain("\"image-source\" -> \"capacity-asg\"");
    }

    @Test
    void twoStackFilesOfDifferentArchitecturesFailThePlanOfThePromotingOne() throws IOException {
        // given dev on x86 and prod on Graviton
        givenStackFile("dev", DEV.replace("[t4g.micro, t4g.small]", "[t3.micro, t3a.micro]"));
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then: caught offline, before any preview
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("spotfleet:image promotes offline-organization/spotfleet/dev's linux/amd64 image, but this"
                + " stack's instanceTypes are arm64 (m7g.medium, c7g.medium)");
    }

    @Test
    void aSourceThatDoesNotListTheTargetFailsThePlanSayingWhatToAdd() throws IOException {
        // given dev without promotionTargets
        givenStackFile("dev", "config:\n  aws:region: eu-west-1\n  spotfleet:instanceTypes: [t4g.micro, t4g.small]\n");
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("dev's repository does not let this stack pull it (it lets no other stack): add prod to"
                + " spotfleet:promotionTargets in dev's stack file");
    }

    @Test
    void aSourceWithConfigProblemsMakesThemThePromotingStacksProblems() throws IOException {
        // given
        givenStackFile("dev", "config:\n  aws:region: eu-west-1\n  spotfleet:azCount: 9\n");
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("spotfleet:image promotes dev, whose Pulumi.dev.yaml has a problem: spotfleet:azCount (9) must be"
                + " between 2 and 6");
    }

    @Test
    void aSourceStackFileThatIsNotYamlIsAProblemOfThePromotingStack() throws IOException {
        // given
        givenStackFile("dev", "config: [unclosed\n");
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("spotfleet:image promotes dev, whose stack file cannot be read: Pulumi.dev.yaml is not valid YAML");
    }

    @Test
    void stacksPromotingEachOtherAreACircle() throws IOException {
        // given
        givenStackFile("dev", "config:\n  aws:region: eu-west-1\n  spotfleet:image: promote:prod\n");
        givenStackFile("prod", PROD);
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID);
        assertThat(run.err()).contains("spotfleet:image: the stacks promote each other's images in a circle: prod -> dev -> prod");
    }

    @Test
    void aSourceOutsideTheProjectGetsStandInsTheTextSaysAre() throws IOException {
        // given prod promoting a stack of another project
        givenStackFile("prod", PROD.replace("promote:dev", "promote:acme/builds/main"));
        // when
        var run = PlanCommandTest.run("prod", "--dir", project.toString());
        // then: the plan runs, and says its view of the image is made up
        assertThat(run.exitCode()).isEqualTo(PlanCommand.OK);
        assertThat(run.out().replaceAll("\\s+", " ")).contains("Image (promote): the image stack acme/builds/main runs, read from its"
                + " outputs when deployed: nothing is built. Its stack file is not in this project directory, so its outputs here"
                + " are stand-ins, marked <computed>; pulumi preview reads the real ones and checks them (digest, platform, pull grant).");
        assertThat(run.out()).contains("name = acme/builds/main").containsPattern("imageRef\\s+<computed>");
    }

    @Test
    void aBuildingAndAPrebuiltStackSayWhereTheirImageComesFrom() throws IOException {
        // given
        givenStackFile("dev", DEV);
        givenStackFile("shop", "config:\n  aws:region: eu-west-1\n  spotfleet:image: ghcr.io/acme/shop@sha256:" + "0".repeat(64) + "\n");
        // when
        var dev = PlanCommandTest.run("dev", "--dir", project.toString());
        var shop = PlanCommandTest.run("shop", "--json", "--dir", project.toString());
        // then
        assertThat(dev.out().replaceAll("\\s+", " ")).contains("Image (build): built from ./app for linux/arm64 by the deploying"
                + " machine's Docker engine and pushed to this stack's repository");
        var image = JsonParser.parseString(shop.out()).getAsJsonObject().getAsJsonObject("image");
        assertThat(image.get("source").getAsString()).isEqualTo("prebuilt");
        assertThat(image.get("promotes").isJsonNull()).isTrue();
        assertThat(image.get("description").getAsString()).isEqualTo("ghcr.io/acme/shop@sha256:" + "0".repeat(64)
                + ", deployed as it is: nothing is built");
    }

    private void givenStackFile(String stack, String content) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("Pulumi." + stack + ".yaml"), content);
    }
}
