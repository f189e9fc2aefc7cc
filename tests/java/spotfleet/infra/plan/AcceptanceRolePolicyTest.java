package spotfleet.infra.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.contract.ServiceModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policies/acceptance-role.json, what the acceptance role holds beside deploy-role.json: the acceptance run's own AWS
 * calls and nothing a deploy already may do. That these are exactly the calls the run makes is checked in
 * acceptance-run (AcceptanceFlowTest, against the stand-in endpoints that log every call).
 */
class AcceptanceRolePolicyTest {

    static final Path POLICY = Path.of("policies/acceptance-role.json");

    @Test
    void oneStatementOfExactActionsEachAnOperationOfItsServicesApiModel() throws IOException {
        // given
        var policy = read(POLICY);
        assertThat(policy.keySet()).containsExactlyInAnyOrder("Version", "Statement");
        var statements = policy.getAsJsonArray("Statement").asList().stream().map(JsonElement::getAsJsonObject).toList();

        // then: Allow statements of exact actions, each an operation botocore's model of its service has
        assertThat(statements).hasSize(1).allSatisfy(statement -> {
            assertThat(statement.get("Effect").getAsString()).isEqualTo("Allow");
            assertThat(statement.keySet()).containsExactlyInAnyOrder("Sid", "Effect", "Action", "Resource");
        });
        var actions = DeployRolePolicyTest.strings(statements.getFirst().get("Action"));
        assertThat(actions).isSorted().doesNotHaveDuplicates()
                .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"));
        for (var action : actions) {
            var prefix = action.substring(0, action.indexOf(':'));
            var operations = ServiceModels.installed().service(PreviewRolePolicyTest.BOTOCORE_SERVICE.get(prefix)).json()
                    .getAsJsonObject("operations");
            assertThat(operations.has(action.substring(action.indexOf(':') + 1))).as(action).isTrue();
        }
    }

    @Test
    void itAddsOnlyWhatTheDeployRoleDoesNotHave() throws IOException {
        // given both policies
        var deploy = new TreeSet<String>();
        read(DeployRolePolicyTest.POLICY).getAsJsonArray("Statement").forEach(statement ->
                deploy.addAll(DeployRolePolicyTest.strings(statement.getAsJsonObject().get("Action"))));
        var acceptance = DeployRolePolicyTest.strings(read(POLICY).getAsJsonArray("Statement").get(0).getAsJsonObject().get("Action"));

        // then
        assertThat(acceptance).isNotEmpty().doesNotContainAnyElementsOf(deploy);
    }

    private static JsonObject read(Path path) throws IOException {
        return JsonParser.parseString(Files.readString(path)).getAsJsonObject();
    }
}
