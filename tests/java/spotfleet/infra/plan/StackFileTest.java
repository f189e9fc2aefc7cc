package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void configKeysAtTheTopLevelAreRefusedWithWhereToPutThem() throws Exception {
        // given keys written without config: above them, which the Pulumi CLI ignores (every key would take its default)
        givenProject("""
                aws:region: eu-west-1
                spotfleet:instanceTypes: [t4g.small]
                """);
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.config()).isEmpty();
        assertThat(stack.problems()).containsExactly("Pulumi.prod.yaml: aws:region, spotfleet:instanceTypes are at the top"
                + " level, where Pulumi does not read config: did you mean to put aws:region under config:? (a line config:"
                + " first, then each key indented below it)");
    }

    @Test
    void anUnknownTopLevelKeyGetsTheCloseOneOrTheList() throws Exception {
        // given
        givenProject("""
                confg:
                  aws:region: eu-west-1
                stack: prod
                """);
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.problems()).containsExactly(
                "Pulumi.prod.yaml: confg is not a key of a Pulumi stack file: did you mean config?",
                "Pulumi.prod.yaml: stack is not a key of a Pulumi stack file (Pulumi reads config, environment,"
                        + " secretsprovider, encryptedkey, encryptionsalt)");
    }

    @Test
    void thePulumiCliKeysBesideConfigAreAccepted() throws Exception {
        // given a stack file as `pulumi stack init --secrets-provider passphrase` leaves it
        givenProject("""
                secretsprovider: passphrase
                encryptionsalt: v1:abcdefghijk=:v1:lmnopqrst:uvwxyz==
                config:
                  aws:region: eu-west-1
                """);
        // when / then
        assertThat(StackFile.read(project, "prod").problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "---\n"})
    void anEmptyStackFileIsRefused(String content) throws Exception {
        // given
        givenProject(content);
        // when
        var stack = StackFile.read(project, "prod");
        // then
        assertThat(stack.problems()).singleElement().asString().startsWith("Pulumi.prod.yaml is empty: a stack file holds")
                .contains("aws:region: eu-west-1");
    }

    @Test
    void anEscEnvironmentIsAProblemOnlyTheCliCanSolve() throws Exception {
        // given
        givenProject("""
                environment:
                  - shop/prod
                config:
                  aws:region: eu-west-1
                """);
        // when / then
        assertThat(StackFile.read(project, "prod").problems()).singleElement().asString()
                .startsWith("Pulumi.prod.yaml imports Pulumi ESC environments (environment:)");
    }

    @Test
    void aMissingStackFileIsNotFoundAndABrokenOneIsUnreadable() throws Exception {
        // given
        givenProject("config: [unclosed\n");
        // when / then: the command tells a wrong name (usage) from a broken file (invalid)
        assertThatThrownBy(() -> StackFile.read(project, "staging")).isInstanceOf(StackFile.NotFoundException.class);
        assertThatThrownBy(() -> StackFile.read(project, "prod")).isInstanceOf(StackFile.UnreadableException.class)
                .isNotInstanceOf(StackFile.NotFoundException.class);
    }

    private void givenProject(String prodStack) throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: spotfleet\nruntime: java\n");
        Files.writeString(project.resolve("Pulumi.prod.yaml"), prodStack);
    }
}
