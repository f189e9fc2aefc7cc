package spotfleet.infra.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.contract.ServiceModels;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.InstanceScaling;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.ResourceTypes;
import spotfleet.infra.offline.ResourceTypes.ResourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * policies/preview-role.json, the policy of the AWS roles `pulumi preview --refresh` runs with in pull requests
 * (docs/deploy-credentials.md): valid IAM, only actions that exist, no call that reads data, and every call the
 * preview makes. A refresh reads every resource of the stack through the provider's Read; the calls each Read makes
 * are those of terraform-provider-aws's read function for the type (the file named beside each entry of
 * ResourceTypes, under internal/service/), plus the tag listing its transparent tagging makes. A type the program
 * starts to declare without its entry fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewRolePolicyTest {

    static final Path POLICY = Path.of("policies/preview-role.json");

    /** The calls the provider's Read makes for each resource type the program declares: each entry's reads in ResourceTypes. */
    static final Map<String, List<String>> READ_ACTIONS = ResourceTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceType::token, ResourceType::readActions));

    /** The calls behind each invoke the program makes, in a preview as in an update. */
    static final Map<String, List<String>> INVOKE_ACTIONS = Map.ofEntries(
            entry("aws:index/getAvailabilityZones:getAvailabilityZones", List.of("ec2:DescribeAvailabilityZones")),
            entry("aws:index/getCallerIdentity:getCallerIdentity", List.of("sts:GetCallerIdentity")),
            // both answered from the provider's configuration and endpoint data, no call
            entry("aws:index/getRegion:getRegion", List.of()),
            entry("aws:index/getPartition:getPartition", List.of()),
            // the ECS-optimized AMI's public parameter (Architecture.ecsAmiParameter), scoped to /aws/service/ecs/ in the policy
            entry("aws:ssm/getParameter:getParameter", List.of("ssm:GetParameter")),
            // a registry login for the image build; without ecr:BatchGetImage and friends it reads no image
            entry("aws:ecr/getAuthorizationToken:getAuthorizationToken", List.of("ecr:GetAuthorizationToken")),
            // route53/zone_data_source.go, by name: the zones are listed, the match read, its tags listed
            entry("aws:route53/getZone:getZone", List.of("route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource")),
            // elb/service_account_data_source.go: a table in the provider, no call
            entry("aws:elb/getServiceAccount:getServiceAccount", List.of()));

    /** IAM action prefixes and the botocore service directory of their API. */
    static final Map<String, String> BOTOCORE_SERVICE = Map.ofEntries(entry("acm", "acm"),
            entry("application-autoscaling", "application-autoscaling"), entry("autoscaling", "autoscaling"),
            entry("cloudwatch", "cloudwatch"), entry("ec2", "ec2"), entry("ecr", "ecr"), entry("ecs", "ecs"),
            entry("elasticloadbalancing", "elbv2"), entry("events", "events"), entry("fis", "fis"), entry("iam", "iam"), entry("kms", "kms"),
            entry("lambda", "lambda"), entry("logs", "logs"), entry("pricing", "pricing"), entry("route53", "route53"), entry("s3", "s3"), entry("sns", "sns"),
            entry("ssm", "ssm"), entry("sts", "sts"));

    /**
     * S3 actions whose IAM name is not the API operation's: the operation and whether botocore's documentation of it
     * names the action ("you must have the s3:... permission"). s3:GetBucketObjectLockConfiguration is the permission
     * of GetObjectLockConfiguration per AWS's Service Authorization Reference for Amazon S3; botocore does not say.
     */
    static final Map<String, Operation> RENAMED = Map.of(
            "s3:ListBucket", new Operation("HeadBucket", true),
            "s3:GetBucketCORS", new Operation("GetBucketCors", true),
            "s3:GetAccelerateConfiguration", new Operation("GetBucketAccelerateConfiguration", true),
            "s3:GetLifecycleConfiguration", new Operation("GetBucketLifecycleConfiguration", true),
            "s3:GetEncryptionConfiguration", new Operation("GetBucketEncryption", true),
            "s3:GetReplicationConfiguration", new Operation("GetBucketReplication", true),
            "s3:GetBucketPublicAccessBlock", new Operation("GetPublicAccessBlock", true),
            "s3:GetBucketObjectLockConfiguration", new Operation("GetObjectLockConfiguration", false));

    /**
     * Operations AWS added after the botocore 1.29 models (December 2022), proven by the AWS SDK for Java v2 (2.57.x)
     * request class of the operation.
     */
    static final Map<String, String> NEWER_THAN_BOTOCORE = Map.of(
            "elasticloadbalancing:DescribeListenerAttributes",
            "software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerAttributesRequest",
            "elasticloadbalancing:DescribeCapacityReservation",
            "software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeCapacityReservationRequest");
    /**
     * Operations newer than botocore 1.29 whose SDK v2 module is not served here, each with the source that shows it: the
     * call as terraform-provider-aws makes it.
     */
    static final Map<String, String> CITED_ONLY = Map.of(
            "application-autoscaling:ListTagsForResource",
            "terraform-provider-aws internal/service/appautoscaling/tags_gen.go: listTags calls conn.ListTagsForResource");

    /** Calls that return data the stack holds or passes, not its configuration: never for a preview. */
    static final Set<String> DATA_READS = Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectAcl",
            "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "logs:GetLogRecord",
            "logs:StartLiveTail", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory",
            "secretsmanager:GetSecretValue", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "dynamodb:GetItem",
            "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "sqs:ReceiveMessage", "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "lambda:InvokeFunction",
            "athena:GetQueryResults", "ec2:GetPasswordData", "ec2:GetConsoleOutput", "ec2:GetConsoleScreenshot");
    static final String PUBLIC_PARAMETERS = "arn:*:ssm:*::parameter/aws/service/ecs/optimized-ami/*";

    record Operation(String name, boolean documentedThere) {
    }

    /** What the configs declare and invoke: every committed stack, one with a domain and an email, one scaling on CPU. */
    record Needs(Set<String> types, Set<String> invokes) {
    }

    JsonObject policy;
    Needs needs;

    @BeforeAll
    void read() throws Exception {
        policy = JsonParser.parseString(Files.readString(POLICY)).getAsJsonObject();
        var types = new TreeSet<String>();
        var invokes = new TreeSet<String>();
        for (var stack : configs()) {
            stack.resources().stream().map(DeclaredResource::type).filter(type -> !type.startsWith("spotfleet:index:")).forEach(types::add);
            stack.evaluation().invokes().forEach(invoke -> invokes.add(invoke.token()));
        }
        needs = new Needs(types, invokes);
    }

    @Test
    void thePolicyIsAnIamPolicyOfAllowStatementsWithExactActions() {
        // given / when
        var statements = statements();
        // then
        assertThat(policy.keySet()).containsExactlyInAnyOrder("Version", "Statement");
        assertThat(policy.get("Version").getAsString()).isEqualTo("2012-10-17");
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.keySet()).as("%s", statement).containsExactlyInAnyOrder("Sid", "Effect", "Action", "Resource");
            assertThat(statement.get("Sid").getAsString()).matches("[A-Za-z0-9]+");
            assertThat(statement.get("Effect").getAsString()).isEqualTo("Allow");
            assertThat(strings(statement.get("Action"))).isNotEmpty().doesNotHaveDuplicates()
                    .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"));
        });
        assertThat(statements.stream().map(s -> s.get("Sid").getAsString())).doesNotHaveDuplicates();
    }

    @Test
    void everyActionIsAnOperationOfItsService() {
        // given
        var missing = new ArrayList<String>();
        // when
        for (var action : actions()) {
            var prefix = action.substring(0, action.indexOf(':'));
            var name = action.substring(action.indexOf(':') + 1);
            if (CITED_ONLY.containsKey(action)) {
                continue;
            }
            if (NEWER_THAN_BOTOCORE.containsKey(action)) {
                try {
                    Class.forName(NEWER_THAN_BOTOCORE.get(action));
                } catch (ClassNotFoundException e) {
                    missing.add(action + " (no " + NEWER_THAN_BOTOCORE.get(action) + ")");
                }
                continue;
            }
            assertThat(BOTOCORE_SERVICE).as("the API model of %s", prefix).containsKey(prefix);
            var operations = operations(BOTOCORE_SERVICE.get(prefix));
            var renamed = RENAMED.get(action);
            var operation = renamed == null ? name : renamed.name();
            if (!operations.has(operation)) {
                missing.add(action);
            } else if (renamed != null && renamed.documentedThere()) {
                assertThat(operations.get(operation).toString()).as("botocore's %s documentation names %s", operation, action).contains(action);
            }
        }
        // then
        assertThat(missing).as("actions that are no operation of their service's API model").isEmpty();
    }

    @Test
    void noActionReadsDataOrChangesAnything() {
        // given / when
        var actions = actions();
        // then: describe, list and get only, none that returns data, and parameters only from AWS's public ones
        assertThat(actions).allSatisfy(action -> assertThat(action.substring(action.indexOf(':') + 1)).matches("(Describe|List|Get)[A-Za-z0-9]+"));
        assertThat(actions).doesNotContainAnyElementsOf(DATA_READS);
        for (var statement : statements()) {
            var resources = strings(statement.get("Resource"));
            if (strings(statement.get("Action")).contains("ssm:GetParameter")) {
                assertThat(strings(statement.get("Action"))).containsExactly("ssm:GetParameter");
                assertThat(resources).containsExactly(PUBLIC_PARAMETERS);
            }
        }
    }

    @Test
    void everyResourceTypeAndInvokeOfEveryStackHasItsReadActionsAndNothingMoreIsAllowed() {
        // given what the configs declare and invoke
        var unknownTypes = new TreeSet<>(needs.types());
        unknownTypes.removeAll(READ_ACTIONS.keySet());
        var unknownInvokes = new TreeSet<>(needs.invokes());
        unknownInvokes.removeAll(INVOKE_ACTIONS.keySet());
        // when
        var needed = new TreeSet<String>();
        needs.types().stream().filter(READ_ACTIONS::containsKey).forEach(type -> needed.addAll(READ_ACTIONS.get(type)));
        needs.invokes().stream().filter(INVOKE_ACTIONS::containsKey).forEach(token -> needed.addAll(INVOKE_ACTIONS.get(token)));
        // and ./plan <stack> --cost --live, which a reviewer may run with the preview role's credentials (LivePrices)
        needed.addAll(LivePrices.ACTIONS);
        var allowed = new TreeSet<>(actions());
        // then
        assertThat(unknownTypes).as("resource types without their Read's calls (read terraform-provider-aws's"
                + " read function of each, add its calls to its entry in ResourceTypes and to policies/preview-role.json)").isEmpty();
        assertThat(unknownInvokes).as("invokes without their calls in INVOKE_ACTIONS").isEmpty();
        assertThat(allowed).as("calls a preview makes that the policy does not allow").containsAll(needed);
        var unneeded = new TreeSet<>(allowed);
        unneeded.removeAll(needed);
        assertThat(unneeded).as("allowed calls no declared type or invoke makes").isEmpty();
    }

    @Test
    void theMappingsDescribeOnlyWhatSomeConfigDeclares() {
        // given / when: a stale entry would keep an action no preview needs
        var stale = new TreeSet<>(READ_ACTIONS.keySet());
        stale.removeAll(needs.types());
        var staleInvokes = new TreeSet<>(INVOKE_ACTIONS.keySet());
        staleInvokes.removeAll(needs.invokes());
        // then
        assertThat(stale).isEmpty();
        assertThat(staleInvokes).isEmpty();
    }

    @Test
    void thePreviewRefreshesSoTheseReadsAreWhatItMakes() {
        // given the Pulumi step of the stack workflow
        var pulumi = Workflows.steps(Workflows.map(Workflows.jobs("pulumi-stack.yml").get("pulumi"))).stream()
                .filter(step -> String.valueOf(step.get("uses")).startsWith("pulumi/actions@")).findFirst().orElseThrow();
        // when / then: `pulumi preview --refresh`, so the diff is against what AWS holds, through the Reads above
        assertThat(Workflows.map(pulumi.get("with"))).containsEntry("refresh", true);
    }

    /**
     * Every shape a deploying or previewing role must cover: each committed stack file, prod with every optional feature,
     * and CPU scaling (its own resource types). DeployRolePolicyTest judges its policy against the same.
     */
    static List<DeclaredStack> configs() throws Exception {
        var configs = new ArrayList<DeclaredStack>();
        for (var stack : StackFile.stacks(Path.of("."))) {
            configs.add(DeclaredStack.committed(stack));
        }
        configs.add(DeclaredStack.committed("prod", Map.of("spotfleet:domainName", "app.example.com",
                "spotfleet:hostedZoneName", "example.com", "spotfleet:alarmEmail", "ops@example.com")));
        configs.add(DeclaredStack.of(StackSettings.defaults().toBuilder().instanceScaling(InstanceScaling.CPU).onDemandTasks(0).build()));
        return configs;
    }

    private List<JsonObject> statements() {
        return policy.getAsJsonArray("Statement").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    private List<String> actions() {
        return statements().stream().flatMap(statement -> strings(statement.get("Action")).stream()).sorted().toList();
    }

    private static List<String> strings(JsonElement element) {
        return element.isJsonArray() ? element.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList()
                : List.of(element.getAsString());
    }

    /** The operations of botocore's latest model of {@code service}, as the AWS contract check loads it. */
    private static JsonObject operations(String service) {
        return ServiceModels.installed().service(service).json().getAsJsonObject("operations");
    }
}
