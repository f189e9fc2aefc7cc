package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackFileTest {

    @TempDir
    Path project;

    @Test
    void valuesArriveInPulumisRawTextForm() throws Exception {
        // given
        givenProject("""
                config:
                  aws:region: eu-west-1
                  spotfleet:instanceTypes: [t4g.small, m7g.medium]
                  spotfleet:onDemandTasks: 2
                  spotfleet:protect: true
                """);
        // when
        var stack = StackFile.read(project, "prod");
        // then: scalars as text, lists as JSON, as the Pulumi CLI hands them to the program
        assertThat(stack.project()).isEqualTo("spotfleet");
        assertThat(stack.runtime()).isEqualTo("java");
        assertThat(stack.config()).containsExactly(
                java.util.Map.entry("aws:region", "eu-west-1"),
                java.util.Map.entry("spotfleet:instanceTypes", "[\"t4g.small\",\"m7g.medium\"]"),
                java.util.Map.entry("spotfleet:onDemandTasks", "2"),
                java.util.Map.entry("spotfleet:protect", "true"));
        assertThat(stack.problems()).isEmpty();
    }

    @Test
    void awsObjectsAndListsArriveAsJsonTextAsPulumiPassesThem() throws Exception {
        // given the provider's object, list and scalar settings written as YAML
        givenProject("""
                config:
                  aws:assumeRole:
                    roleArn: arn:aws:iam::111122223333:role/deploy
                    policyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
                  aws:endpoints:
                    - s3: http://localhost:4566
                  aws:skipMetadataApiCheck: true
                  aws:maxRetries: 5
                """);
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.config()).containsExactly(
                java.util.Map.entry("aws:assumeRole",
                        "{\"roleArn\":\"arn:aws:iam::111122223333:role/deploy\",\"policyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}"),
                java.util.Map.entry("aws:endpoints", "[{\"s3\":\"http://localhost:4566\"}]"),
                java.util.Map.entry("aws:skipMetadataApiCheck", "true"),
                java.util.Map.entry("aws:maxRetries", "5"));
    }

    @Test
    void theRuntimesLongFormGivesItsName() throws Exception {
        // given
        givenProject("config: {}\n");
        Files.writeString(project.resolve("Pulumi.yaml"),
                "name: spotfleet\nruntime:\n  name: java\n  options:\n    use-executor: ./run-program\n");
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.runtime()).isEqualTo("java");
    }

    @Test
    void anEncryptedValueIsAProblemOnlyTheCliCanSolve() throws Exception {
        // given
        givenProject("""
                config:
                  spotfleet:alarmEmail:
                    secure: AAABAKdr1a7cd8Kd
                """);
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.problems()).containsExactly("spotfleet:alarmEmail is encrypted (secure:), which only the Pulumi CLI can read");
    }

    @Test
    void aStackFileThatIsNotYamlCannotBePlanned() throws Exception {
        // given
        givenProject("config: [unclosed\n");
        // when / then
        assertThatThrownBy(() -> StackFile.read(project, "prod"))
                .isInstanceOf(StackFile.UnreadableException.class)
                .hasMessageStartingWith("Pulumi.prod.yaml is not valid YAML");
    }

    private void givenProject(String prodStack) throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: spotfleet\nruntime: java\n");
        Files.writeString(project.resolve("Pulumi.prod.yaml"), prodStack);
    }
}
