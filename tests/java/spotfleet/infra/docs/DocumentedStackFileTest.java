package spotfleet.infra.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotfleet.contract.ContractCheck;
import spotfleet.contract.ContractStacks;
import spotfleet.contract.ServiceModels;
import spotfleet.infra.config.ContainerSecret;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.ServiceScalingMetric;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.plan.Planner;
import spotfleet.infra.plan.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complete stack file README.md shows for a team's own service is one the program takes: read as the Pulumi CLI
 * would hand it over (StackFile), parsed by the program's own parser, and planned under the mock engine. Editing the
 * example into something the program refuses fails here.
 */
class DocumentedStackFileTest {

    static final Path README = Path.of("README.md");
    static final String MARKER = "<!-- DocumentedStackFileTest";

    @TempDir
    Path project;

    @Test
    void theTeamsOwnStackFileParsesAndPlans() throws Exception {
        // given the example, as a stack file of this project
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.shop.yaml"), example());
        var stackFile = StackFile.read(project, "shop");

        // when
        var settings = StackConfig.parse(stackFile.config());
        var plan = Planner.plan(stackFile);

        // then: every feature it shows is what the program understood, and the program declares it
        assertThat(stackFile.problems()).isEmpty();
        assertThat(settings.image().source()).isInstanceOf(ImageSource.Prebuilt.class);
        assertThat(settings.service().containerPort()).isEqualTo(8080);
        assertThat(settings.service().healthCheckPath()).isEqualTo("/actuator/health/readiness");
        assertThat(settings.service().environment()).hasSize(2);
        assertThat(settings.service().secrets()).extracting(ContainerSecret::store).containsExactly(
                ContainerSecret.Store.SSM_PARAMETER, ContainerSecret.Store.SECRETS_MANAGER, ContainerSecret.Store.SECRETS_MANAGER);
        assertThat(settings.service().serviceScalingMetric()).isEqualTo(ServiceScalingMetric.REQUESTS);
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.image().source()).isEqualTo("prebuilt");
        assertThat(plan.resources()).extracting(r -> r.type()).contains("aws:ecs/taskDefinition:TaskDefinition")
                .doesNotContain("docker:index/image:Image");
    }

    @Test
    void theTeamsOwnStackFilePassesTheAwsContractCheckAndATypoInAnInstanceTypeFailsIt() throws Exception {
        // given the example saved as README says, and the same with a typo the program's name check lets through (m7gx)
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.shop.yaml"), example());
        var shop = ContractStacks.plan(project, "shop", "README.md");
        assertThat(example()).contains("m7g.large");
        Files.writeString(project.resolve("Pulumi.shop.yaml"), example().replace("m7g.large", "m7gx.large"));
        var typo = ContractStacks.plan(project, "shop", "README.md, with a typo");
        for (var models : ServiceModels.checked()) {
            // when each is checked against the newest models and Debian's (m7g.large is in neither 1.29 nor its allow-list)
            var check = ContractCheck.standard(models);
            // then the example passes (the AWS SDK's InstanceType enum knows m7g.large), and the typo is named, in each
            // group that lists it (the Spot group and the on-demand group)
            assertThat(check.run(List.of(shop)).findings()).as(models.describe()).isEmpty();
            assertThat(check.run(List.of(typo)).findings()).as(models.describe())
                    .extracting(f -> f.resourceName()).containsExactlyInAnyOrder("capacity-asg", "capacity-on-demand-asg");
            assertThat(check.run(List.of(typo)).findings()).as(models.describe())
                    .allSatisfy(f -> assertThat(f.message()).contains("\"m7gx.large\" is not an EC2 instance type"));
        }
    }

    /** The first YAML block after the marker. */
    static String example() throws IOException {
        var text = Files.readString(README);
        var marker = text.indexOf(MARKER);
        assertThat(marker).as("%s marks the example with %s", README, MARKER).isNotNegative();
        var start = text.indexOf("```yaml\n", marker) + "```yaml\n".length();
        var end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
