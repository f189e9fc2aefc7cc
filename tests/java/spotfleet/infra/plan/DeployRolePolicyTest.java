package spotfleet.infra.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.contract.ServiceModels;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.ResourceTypes;
import spotfleet.infra.offline.ResourceTypes.ResourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policies/deploy-role.json, the least the person or role running {@code pulumi up} and {@code pulumi destroy} needs
 * (docs/first-deploy.md): every call the provider makes to create, update, read and delete each resource type the
 * stacks declare, and nothing else. The reads are PreviewRolePolicyTest's (a deploy refreshes and reads back what it
 * created); the writes are those of terraform-provider-aws's create, update and delete functions of each type (the
 * file under internal/service/ named beside each entry of ResourceTypes), plus the calls AWS itself checks on the
 * caller's behalf (cited beside them). A type the program starts to declare without its entry fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployRolePolicyTest {

    static final Path POLICY = Path.of("policies/deploy-role.json");

    /** The calls each type's create, update and delete make: each entry's writes in ResourceTypes. */
    static final Map<String, List<String>> WRITE_ACTIONS = ResourceTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceType::token, ResourceType::writeActions));

    /** The roles the stacks create are passed to these services, and no role to any other (iam:PassedToService). */
    static final Set<String> PASSED_TO = Set.of("ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com",
            "vpc-flow-logs.amazonaws.com", "fis.amazonaws.com");
    /**
     * The service-linked roles a first deploy in a fresh account makes the caller create (each service's guide, "Using
     * service-linked roles"): Elastic Load Balancing's, ECS's, EC2 Auto Scaling's, and Application Auto Scaling's for ECS.
     */
    static final Set<String> SERVICE_LINKED_ROLES = Set.of("elasticloadbalancing.amazonaws.com", "ecs.amazonaws.com",
            "autoscaling.amazonaws.com", "ecs.application-autoscaling.amazonaws.com");

    /** IAM actions whose API operation has another name, or that guard no operation of their own. */
    static final Map<String, String> OPERATION = Map.of(
            "s3:ListBucketVersions", "ListObjectVersions",
            "s3:DeleteObjectVersion", "DeleteObject",
            "s3:PutEncryptionConfiguration", "PutBucketEncryption",
            "s3:PutLifecycleConfiguration", "PutBucketLifecycleConfiguration",
            "s3:PutBucketPublicAccessBlock", "PutPublicAccessBlock");
    /** Permissions AWS checks that are no API operation, with the source that defines them. */
    static final Map<String, String> PERMISSION_ONLY = Map.of(
            "iam:PassRole", "IAM User Guide, \"Grant a user permissions to pass a role to an AWS service\"",
            // vended log deliveries are authorised by these permissions, not API operations of CloudWatch Logs
            "logs:CreateLogDelivery", "Amazon VPC User Guide, \"Publish flow logs to Amazon S3\", IAM permissions of the principal",
            "logs:DeleteLogDelivery", "Amazon VPC User Guide, \"Publish flow logs to Amazon S3\", IAM permissions of the principal");
    /**
     * Operations newer than the botocore 1.29 models (Application Auto Scaling's tagging, March 2023), as
     * PreviewRolePolicyTest.CITED_ONLY: botocore 1.43's application-autoscaling/2016-02-06/service-2.json has both.
     */
    static final Map<String, String> CITED_ONLY = Map.of(
            "application-autoscaling:TagResource",
            "terraform-provider-aws internal/service/appautoscaling/tags_gen.go: updateTags calls conn.TagResource",
            "application-autoscaling:UntagResource",
            "terraform-provider-aws internal/service/appautoscaling/tags_gen.go: updateTags calls conn.UntagResource");

    JsonObject policy;
    Set<String> types;
    Set<String> invokes;
    Set<String> trustedServices;

    @BeforeAll
    void read() throws Exception {
        policy = JsonParser.parseString(Files.readString(POLICY)).getAsJsonObject();
        types = new TreeSet<>();
        invokes = new TreeSet<>();
        trustedServices = new TreeSet<>();
        for (var stack : configs()) {
            for (var resource : stack.resources()) {
                if (!resource.type().startsWith("spotfleet:index:")) {
                    types.add(resource.type());
                }
                if (resource.type().equals("aws:iam/role:Role")) {
                    trustedServices.addAll(principals(resource));
                }
            }
            stack.evaluation().invokes().forEach(invoke -> invokes.add(invoke.token()));
        }
    }

    @Test
    void thePolicyIsAnIamPolicyOfAllowStatementsWithExactActions() {
        assertThat(policy.keySet()).containsExactlyInAnyOrder("Version", "Statement");
        assertThat(policy.get("Version").getAsString()).isEqualTo("2012-10-17");
        assertThat(statements()).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.keySet()).as("%s", statement).containsAnyOf("Sid").containsAll(List.of("Effect", "Action", "Resource"))
                    .isSubsetOf("Sid", "Effect", "Action", "Resource", "Condition");
            assertThat(statement.get("Sid").getAsString()).matches("[A-Za-z0-9]+");
            assertThat(statement.get("Effect").getAsString()).isEqualTo("Allow");
            assertThat(strings(statement.get("Action"))).isNotEmpty().doesNotHaveDuplicates()
                    .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"));
        });
        assertThat(actions()).as("each action in one statement").doesNotHaveDuplicates();
    }

    @Test
    void everyActionIsAnOperationOfItsServiceOrAPermissionAwsDefines() {
        var missing = new ArrayList<String>();
        for (var action : new TreeSet<>(actions())) {
            var prefix = action.substring(0, action.indexOf(':'));
            if (PERMISSION_ONLY.containsKey(action) || CITED_ONLY.containsKey(action) || PreviewRolePolicyTest.CITED_ONLY.containsKey(action)) {
                continue;
            }
            if (PreviewRolePolicyTest.NEWER_THAN_BOTOCORE.containsKey(action)) {
                try {
                    Class.forName(PreviewRolePolicyTest.NEWER_THAN_BOTOCORE.get(action));
                } catch (ClassNotFoundException e) {
                    missing.add(action);
                }
                continue;
            }
            var renamed = PreviewRolePolicyTest.RENAMED.get(action);
            var operation = OPERATION.getOrDefault(action, renamed == null ? action.substring(action.indexOf(':') + 1) : renamed.name());
            assertThat(PreviewRolePolicyTest.BOTOCORE_SERVICE).as("the API model of %s", prefix).containsKey(prefix);
            var operations = ServiceModels.installed().service(PreviewRolePolicyTest.BOTOCORE_SERVICE.get(prefix)).json()
                    .getAsJsonObject("operations");
            if (!operations.has(operation)) {
                missing.add(action + " (" + operation + ")");
            }
        }
        assertThat(missing).as("actions that are no operation of their service's API model").isEmpty();
    }

    @Test
    void everyTypeAndInvokeOfEveryStackHasItsCallsAndNothingMoreIsAllowed() {
        // given what the stacks declare and invoke
        var unknown = new TreeSet<>(types);
        unknown.removeAll(WRITE_ACTIONS.keySet());
        // when: its reads (as a preview makes them), its writes and the invokes' calls
        var needed = new TreeSet<String>();
        types.forEach(type -> {
            needed.addAll(PreviewRolePolicyTest.READ_ACTIONS.getOrDefault(type, List.of()));
            needed.addAll(WRITE_ACTIONS.getOrDefault(type, List.of()));
        });
        invokes.forEach(token -> needed.addAll(PreviewRolePolicyTest.INVOKE_ACTIONS.getOrDefault(token, List.of())));
        // then
        assertThat(unknown).as("resource types without their create, update and delete calls (their entry in ResourceTypes)").isEmpty();
        assertThat(new TreeSet<>(actions())).as("the policy's actions, against what the stacks need").isEqualTo(needed);
        var stale = new TreeSet<>(WRITE_ACTIONS.keySet());
        stale.removeAll(types);
        assertThat(stale).as("entries for types no stack declares").isEmpty();
    }

    @Test
    void rolesArePassedOnlyToTheServicesTheStacksRolesTrust() {
        // given the one statement that allows iam:PassRole
        var passRole = statementWith("iam:PassRole");
        // when / then: only PassRole in it, only to the services the declared roles trust
        assertThat(strings(passRole.get("Action"))).containsExactly("iam:PassRole");
        assertThat(trustedServices).isEqualTo(new TreeSet<>(PASSED_TO));
        assertThat(strings(passRole.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("iam:PassedToService")))
                .containsExactlyInAnyOrderElementsOf(PASSED_TO);
    }

    @Test
    void serviceLinkedRolesOnlyForTheServicesTheStackUses() {
        var linked = statementWith("iam:CreateServiceLinkedRole");
        assertThat(strings(linked.get("Action"))).containsExactly("iam:CreateServiceLinkedRole");
        assertThat(strings(linked.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("iam:AWSServiceName")))
                .containsExactlyInAnyOrderElementsOf(SERVICE_LINKED_ROLES);
    }

    @Test
    void theAmiParameterIsReadOnlyFromAwsPublicParameters() {
        var parameter = statementWith("ssm:GetParameter");
        assertThat(strings(parameter.get("Action"))).containsExactly("ssm:GetParameter");
        assertThat(strings(parameter.get("Resource"))).containsExactly(PreviewRolePolicyTest.PUBLIC_PARAMETERS);
        assertThat(statements()).filteredOn(statement -> !statement.has("Condition") && statement != parameter)
                .allSatisfy(statement -> assertThat(strings(statement.get("Resource"))).containsExactly("*"));
    }

    private JsonObject statementWith(String action) {
        return statements().stream().filter(statement -> strings(statement.get("Action")).contains(action)).findFirst().orElseThrow();
    }

    /** The Service principals of a role's trust policy. */
    private static Set<String> principals(DeclaredResource role) {
        var services = new TreeSet<String>();
        var trust = JsonParser.parseString(String.valueOf(role.inputs().get("assumeRolePolicy"))).getAsJsonObject();
        trust.getAsJsonArray("Statement").forEach(statement -> {
            var principal = statement.getAsJsonObject().getAsJsonObject("Principal");
            if (principal != null && principal.has("Service")) {
                services.addAll(strings(principal.get("Service")));
            }
        });
        return services;
    }

    private static List<DeclaredStack> configs() throws Exception {
        return PreviewRolePolicyTest.configs();
    }

    private List<JsonObject> statements() {
        return policy.getAsJsonArray("Statement").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    private List<String> actions() {
        return statements().stream().flatMap(statement -> strings(statement.get("Action")).stream()).toList();
    }

    /** An IAM policy element that is one string or a list of them, as a list. */
    static List<String> strings(JsonElement element) {
        return element.isJsonArray() ? element.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList()
                : List.of(element.getAsString());
    }
}
