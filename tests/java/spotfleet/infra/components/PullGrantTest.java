package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.INSTANCE_PROFILE;
import static spotfleet.infra.Types.ROLE;
import static spotfleet.infra.Types.TASK_DEFINITION;

/**
 * The repository that dev builds into grants prod the pull, and on EC2 either of prod's roles may make that pull: the task
 * execution role, or the container instance role, which the agent uses unless ECS marks the container to pull with the
 * execution role (the ECS developer guide's task execution role page lists ECR pulls among its uses for Fargate and
 * external instances). So every role of prod that ECS or its instances assume must match dev's grant, or a promotion
 * ends in CannotPullContainerError.
 */
class PullGrantTest {

    @Test
    void everyRoleOfTheTargetThatMayPullMatchesTheSourcesGrant() {
        // given dev's grant to prod, as dev's committed stack file declares it
        var dev = DeclaredStack.committed("dev");
        var granted = dev.stackOutput("imagePullers");
        assertThat(granted).asList().hasSize(1);
        var pattern = glob(String.valueOf(((List<?>) granted).getFirst()));
        // when prod's roles that pull are listed (its task definitions' execution roles, its instance profiles' roles), with
        // the ARN their path gives them
        var prod = DeclaredStack.committed("prod");
        var executionRoles = prod.all(TASK_DEFINITION).stream().map(task -> input(task, "executionRoleArn")).toList();
        var instanceRoles = prod.all(INSTANCE_PROFILE).stream().map(profile -> input(profile, "role")).toList();
        var pullers = prod.all(ROLE).stream().filter(PullGrantTest::assumedByEcsOrEc2)
                .filter(role -> executionRoles.contains(output(role, "arn")) || instanceRoles.contains(output(role, "name")))
                .toList();
        // then
        assertThat(pullers).extracting(DeclaredResource::name)
                .contains("web-execution-role", "capacity-instance-role");
        assertThat(pullers).allSatisfy(role -> assertThat(pattern.matcher(arn(role)).matches())
                .as("%s (%s) matches dev's grant %s", role.name(), arn(role), pattern).isTrue());
    }

    private static boolean assumedByEcsOrEc2(DeclaredResource role) {
        var service = JsonParser.parseString((String) input(role, "assumeRolePolicy")).getAsJsonObject()
                .getAsJsonArray("Statement").get(0).getAsJsonObject().getAsJsonObject("Principal").get("Service").getAsString();
        return service.equals("ecs-tasks.amazonaws.com") || service.equals("ec2.amazonaws.com");
    }

    /** The role's ARN as IAM forms it: the account, then {@code role}, its path and its name. */
    private static String arn(DeclaredResource role) {
        var path = role.inputs().containsKey("path") ? (String) input(role, "path") : "/";
        return "arn:aws:iam::123456789012:role" + path + role.name();
    }

    /** ArnLike's matching: {@code *} any run of characters, {@code ?} one. */
    private static Pattern glob(String arnLike) {
        var regex = new StringBuilder();
        for (var c : arnLike.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }
}
