package spotfleet.infra.policy;

import com.google.gson.JsonParser;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineMocks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

/**
 * IAM: the roles, what they may do and who may assume them, and the resource policies (key, topic, function) that
 * grant access to other principals. No policy grants {@code *} actions, {@code *} resources only where AWS offers
 * nothing narrower, and the web service's own tasks get no AWS access at all.
 */
class IamPolicyTest {

    /** The AWS-managed policies the program may attach (by path, the partition varies), and the service whose role takes each. */
    static final Map<String, String> AWS_MANAGED_POLICIES = Map.of(
            // the ECS agent on the instances: register with the cluster, poll for tasks, pull from ECR, write logs
            "service-role/AmazonEC2ContainerServiceforEC2Role", "ec2.amazonaws.com",
            // Session Manager instead of SSH: no port 22, no keys to leak
            // (the task execution role is not here: AmazonECSTaskExecutionRolePolicy lets it pull from every repository, so it
            // gets its own policy, checked by theExecutionRolePullsOnlyItsImagesRepositoryAndReadsOnlyItsSecrets)
            "AmazonSSMManagedInstanceCore", "ec2.amazonaws.com");

    private static final Pattern MANAGED_POLICY_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::aws:policy/(.+)");

    /**
     * The only actions a policy of this stack may grant on {@code Resource: *}: those AWS does not scope by resource, each
     * with why, and the condition key that narrows it instead where AWS offers one.
     */
    static final Map<String, UnscopedAction> UNSCOPED_ACTIONS = Map.of(
            "autoscaling:DescribeAutoScalingGroups",
            new UnscopedAction("Describe calls support no resource-level permissions", Optional.empty()),
            "ec2:DescribeInstances",
            new UnscopedAction("Describe calls support no resource-level permissions", Optional.empty()),
            "cloudwatch:PutMetricData",
            new UnscopedAction("metrics are not resources", Optional.of("cloudwatch:namespace")),
            "ecr:GetAuthorizationToken",
            new UnscopedAction("ECR's token has no resource type (the Service Authorization Reference lists none for it): it opens"
                    + " every registry the role may pull from, and the pull actions are what name the repository", Optional.empty()));

    record UnscopedAction(String why, Optional<String> requiredCondition) {
    }

    /**
     * The services the program's roles may trust, and whether the trust policy must carry the confused-deputy condition
     * ({@code aws:SourceAccount}). EC2 and Lambda use a role only when someone with {@code iam:PassRole} in this account
     * hands it to them (an instance profile, a function), which cannot happen across accounts: AWS documents no
     * condition for them. ECS tasks and VPC flow logs name their role in a resource, and AWS recommends the condition there.
     */
    static final Map<String, Boolean> TRUSTED_SERVICES = Map.of(
            "ec2.amazonaws.com", false,
            "lambda.amazonaws.com", false,
            "ecs-tasks.amazonaws.com", true,
            "vpc-flow-logs.amazonaws.com", true,
            // the Spot interruption drill's experiments (FIS names the role in its experiment template)
            "fis.amazonaws.com", true);

    @PolicyCheck
    void onlyTheAllowedAwsManagedPoliciesAreAttached(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var attachment : stack.each(ROLE_POLICY_ATTACHMENT)) {
            var arn = String.valueOf(input(attachment, "policyArn"));
            var managed = MANAGED_POLICY_ARN.matcher(arn);
            if (!managed.matches() || !AWS_MANAGED_POLICIES.containsKey(managed.group(2))) {
                findings.add(attachment, "attaches %s, which is not one of the allowed AWS-managed policies %s", arn,
                        AWS_MANAGED_POLICIES.keySet());
                continue;
            }
            var role = stack.referencedBy(ROLE, input(attachment, "role"));
            var expected = AWS_MANAGED_POLICIES.get(managed.group(2));
            findings.require(trustedServices(role).equals(List.of(expected)), attachment,
                    "attaches %s to %s, which is assumed by %s rather than %s", managed.group(2), role.name(),
                    trustedServices(role), expected);
        }
        for (var role : stack.each(ROLE)) {
            findings.require(input(role, "managedPolicyArns") == null && input(role, "inlinePolicies") == null, role,
                    "embeds policies (managedPolicyArns %s, inlinePolicies %s): attach them as their own resources so the"
                            + " checks see them", input(role, "managedPolicyArns"), input(role, "inlinePolicies"));
        }
        // then
        findings.assertNone("roles get only the AWS-managed ECS, SSM and task-execution policies, each on its own service's role");
    }

    @PolicyCheck
    void rolePoliciesGrantNoWildcardActions(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var policy : stack.each(ROLE_POLICY)) {
            for (var statement : PolicyDocument.parse(input(policy, "policy")).statements()) {
                findings.require(statement.notActions().isEmpty(), policy, "%s uses NotAction %s, which grants everything else",
                        statement.sid(), statement.notActions());
                statement.actions().stream().filter(action -> action.contains("*")).forEach(action ->
                        findings.add(policy, "%s grants the wildcard action %s", statement.sid(), action));
            }
        }
        // then
        findings.assertNone("inline role policies name every action they grant");
    }

    @PolicyCheck
    void rolePoliciesGrantAllResourcesOnlyForActionsAwsCannotScope(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var policy : stack.each(ROLE_POLICY)) {
            for (var statement : PolicyDocument.parse(input(policy, "policy")).statements()) {
                findings.require(statement.notResources().isEmpty(), policy, "%s uses NotResource %s", statement.sid(),
                        statement.notResources());
                for (var resource : statement.resources()) {
                    if (resource.equals("*")) {
                        statement.actions().forEach(action -> checkUnscoped(findings, policy, statement, action));
                    } else if (resource.contains("*") && !isOneLogGroupsStreams(resource)
                            && !isOneGroupsInstances(stack, statement, resource)) {
                        findings.add(policy, "%s grants the wildcard resource %s", statement.sid(), resource);
                    }
                }
            }
        }
        // then
        findings.assertNone("inline role policies grant Resource * only for the actions listed in UNSCOPED_ACTIONS, with their conditions");
    }

    @PolicyCheck
    void rolesTrustOnlyAwsServicesOfThisAccount(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var role : stack.each(ROLE)) {
            var statements = PolicyDocument.parse(input(role, "assumeRolePolicy")).statements();
            findings.require(!statements.isEmpty(), role, "has an empty trust policy");
            for (var statement : statements) {
                findings.require(statement.allows() && statement.actions().equals(List.of("sts:AssumeRole")), role,
                        "%s is %s %s, not Allow sts:AssumeRole", statement.sid(), statement.effect(), statement.actions());
                var services = statement.principals().getOrDefault("Service", List.of());
                findings.require(statement.principals().keySet().equals(Set.of("Service")) && services.size() == 1
                                && TRUSTED_SERVICES.containsKey(services.getFirst()), role,
                        "%s trusts %s; only one of the services %s may assume a role", statement.sid(), statement.principals(),
                        TRUSTED_SERVICES.keySet());
                var sourceAccounts = statement.conditionValues("aws:SourceAccount");
                var conditionRequired = services.size() == 1 && TRUSTED_SERVICES.getOrDefault(services.getFirst(), true);
                findings.require(!conditionRequired || !sourceAccounts.isEmpty(), role,
                        "%s lets %s assume it without an aws:SourceAccount condition", statement.sid(), services);
                sourceAccounts.stream().filter(account -> !account.equals(OfflineMocks.ACCOUNT_ID)).forEach(account ->
                        findings.add(role, "%s lets %s assume it on behalf of account %s, not this stack's %s", statement.sid(),
                                services, account, OfflineMocks.ACCOUNT_ID));
            }
        }
        // then
        findings.assertNone("roles are assumed only by the services they are for, with aws:SourceAccount where the service supports it");
    }

    @PolicyCheck
    void theServicesTaskRoleHasNoPermissions(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when: the role the service's containers run with (the execution role is the ECS agent's)
        for (var task : stack.each(TASK_DEFINITION)) {
            var role = stack.referencedBy(ROLE, input(task, "taskRoleArn"));
            var inline = stack.declared().all(ROLE_POLICY).stream().filter(p -> refersTo(p, role)).toList();
            var attached = stack.declared().all(ROLE_POLICY_ATTACHMENT).stream().filter(a -> refersTo(a, role)).toList();
            findings.require(inline.isEmpty() && attached.isEmpty(), role, "is %s's task role but has policies %s",
                    task.name(), names(inline, attached));
            findings.require(input(role, "managedPolicyArns") == null && input(role, "inlinePolicies") == null, role,
                    "is %s's task role but embeds policies", task.name());
        }
        // then
        findings.assertNone("the app calls no AWS API, so its task role grants nothing");
    }

    /** The pull actions, and the execution role's statements by Sid with the actions each may hold. */
    static final Set<String> PULL_ACTIONS = Set.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");
    private static final Map<String, Set<String>> EXECUTION_STATEMENTS = Map.of(
            "PullTheImage", PULL_ACTIONS,
            "AuthenticateToEcr", Set.of("ecr:GetAuthorizationToken"),
            "WriteTheServicesLogs", Set.of("logs:CreateLogStream", "logs:PutLogEvents"),
            "ReadTheSsmParameters", Set.of("ssm:GetParameters"),
            "ReadTheSecrets", Set.of("secretsmanager:GetSecretValue"));
    /** An image in an ECR private registry: account, region and repository, which make its repository's ARN. */
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^@]+)@sha256:[0-9a-f]{64}");

    @PolicyCheck
    void theExecutionRolePullsOnlyItsImagesRepositoryAndReadsOnlyItsSecrets(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when: each task definition's execution role, against what the task's container runs and reads
        for (var task : stack.each(TASK_DEFINITION)) {
            var role = stack.referencedBy(ROLE, input(task, "executionRoleArn"));
            var policies = stack.declared().all(ROLE_POLICY).stream().filter(p -> refersTo(p, role)).toList();
            var attached = stack.declared().all(ROLE_POLICY_ATTACHMENT).stream().filter(a -> refersTo(a, role)).toList();
            findings.require(attached.isEmpty(), role, "is %s's execution role with managed policies attached %s", task.name(), names(attached, List.of()));
            findings.require(policies.size() == 1, role, "is %s's execution role with %d inline policies, not one", task.name(), policies.size());
            var container = JsonParser.parseString((String) input(task, "containerDefinitions")).getAsJsonArray().get(0).getAsJsonObject();
            var expected = new java.util.LinkedHashMap<String, Set<String>>();
            var image = ECR_IMAGE.matcher(container.get("image").getAsString());
            if (image.matches()) {
                var partition = image.group(2).startsWith("cn-") ? "aws-cn" : image.group(2).startsWith("us-gov-") ? "aws-us-gov" : "aws";
                expected.put("PullTheImage", Set.of("arn:%s:ecr:%s:%s:repository/%s".formatted(partition, image.group(2), image.group(1), image.group(3))));
                expected.put("AuthenticateToEcr", Set.of("*"));
            }
            var group = container.getAsJsonObject("logConfiguration").getAsJsonObject("options").get("awslogs-group").getAsString();
            expected.put("WriteTheServicesLogs", Set.of(String.valueOf(stack.referencedBy(LOG_GROUP, group).outputs().get("arn")) + ":*"));
            var parameters = new java.util.HashSet<String>();
            var secrets = new java.util.HashSet<String>();
            if (container.has("secrets")) {
                container.getAsJsonArray("secrets").forEach(secret -> {
                    var from = secret.getAsJsonObject().get("valueFrom").getAsString();
                    if (from.split(":")[2].equals("ssm")) {
                        parameters.add(from);
                    } else {
                        // a JSON key or version after the secret's ARN picks a part of it; the role reads the secret
                        secrets.add(String.join(":", java.util.Arrays.copyOf(from.split(":"), 7)));
                    }
                });
            }
            if (!parameters.isEmpty()) {
                expected.put("ReadTheSsmParameters", parameters);
            }
            if (!secrets.isEmpty()) {
                expected.put("ReadTheSecrets", secrets);
            }
            for (var policy : policies) {
                var granted = new java.util.LinkedHashMap<String, Set<String>>();
                for (var statement : PolicyDocument.parse(input(policy, "policy")).statements()) {
                    findings.require(statement.allows() && EXECUTION_STATEMENTS.containsKey(statement.sid())
                                    && EXECUTION_STATEMENTS.get(statement.sid()).equals(Set.copyOf(statement.actions())), policy,
                            "%s %s %s, which is not one of the execution role's statements %s", statement.sid(), statement.effect(),
                            statement.actions(), EXECUTION_STATEMENTS);
                    granted.put(statement.sid(), Set.copyOf(statement.resources()));
                }
                findings.require(granted.equals(expected), policy, "grants %s; %s's container runs %s and reads %s, so it needs exactly %s",
                        granted, task.name(), container.get("image").getAsString(), container.get("secrets"), expected);
            }
        }
        // then
        findings.assertNone("the execution role pulls only from the repository holding its image and reads only its container's secrets");
    }

    @PolicyCheck
    void onlyTheRolesThatPullLiveUnderTheStacksPullPath(PolicyStack stack) {
        // given: repository policies let roles under /<project>/<stack>/ pull, so exactly the roles that pull images are
        // there: the task execution role, and the container instances' role, which the agent pulls with on EC2 unless ECS
        // marks the container to pull with the execution role
        var findings = new Findings(stack);
        var pullPath = "/%s/%s/".formatted(spotfleet.infra.DeclaredStack.PROJECT, stack.stackName());
        var pullers = new java.util.ArrayList<>(stack.each(TASK_DEFINITION).stream()
                .map(task -> stack.referencedBy(ROLE, input(task, "executionRoleArn")).name()).toList());
        stack.each(INSTANCE_PROFILE).forEach(profile -> pullers.add(stack.each(ROLE).stream()
                .filter(role -> role.outputs().get("name").equals(input(profile, "role"))).findFirst().orElseThrow().name()));
        // when
        for (var role : stack.each(ROLE)) {
            var path = String.valueOf(Optional.ofNullable(input(role, "path")).orElse("/"));
            var pulls = pullers.contains(role.name());
            findings.require(pulls == path.equals(pullPath), role, "has the path %s; only the roles that pull images live under %s",
                    path, pullPath);
        }
        // then
        findings.assertNone("a promotion source's grant reaches the target's roles that pull images and no other role");
    }

    @PolicyCheck
    void imageRepositoriesLetOnlyThePromotionTargetsExecutionRolesPull(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var targets = stack.settings().image().promotionTargets();
        var repositories = stack.declared().all(ECR_REPOSITORY);
        var policies = stack.declared().all(ECR_REPOSITORY_POLICY);
        // when
        findings.require(policies.isEmpty() == targets.isEmpty(), repositories.getFirst(), "has %d repository policies for the"
                + " promotion targets %s", policies.size(), targets);
        for (var policy : policies) {
            findings.require(repositories.stream().anyMatch(r -> r.outputs().get("name").equals(input(policy, "repository"))), policy,
                    "is on %s, which is not this stack's repository", input(policy, "repository"));
            var named = new java.util.ArrayList<String>();
            for (var statement : PolicyDocument.parse(input(policy, "policy")).statements()) {
                var accounts = statement.principals().getOrDefault("AWS", List.of());
                var patterns = statement.conditionValues("aws:PrincipalArn");
                var root = accounts.size() == 1 ? ACCOUNT_ROOT.matcher(accounts.getFirst()) : null;
                findings.require(statement.allows() && !statement.anyPrincipal() && statement.principals().keySet().equals(Set.of("AWS"))
                        && root != null && root.matches(), policy, "%s lets %s %s; only an account, narrowed to one role path, may pull",
                        statement.sid(), statement.principals(), statement.effect());
                findings.require(Set.copyOf(statement.actions()).equals(PULL_ACTIONS), policy, "%s lets them %s, not only pull",
                        statement.sid(), statement.actions());
                // a repository's policy is about the repository: ECR refuses a Resource in it (aws/aws-cdk #3583, #24314)
                findings.require(statement.resources().isEmpty() && statement.notResources().isEmpty(), policy,
                        "%s names resources %s; ECR refuses a repository policy with a Resource", statement.sid(),
                        statement.resources());
                findings.require(patterns.size() == 1 && statement.condition().has("ArnLike") && root != null && root.matches()
                                && patterns.getFirst().matches("arn:aws(-cn|-us-gov)?:iam::" + root.group(2) + ":role/"
                                + spotfleet.infra.DeclaredStack.PROJECT + "/[A-Za-z0-9_.-]+/\\*"), policy,
                        "%s narrows account %s to %s, not to one stack's role path in that account", statement.sid(), accounts, patterns);
                named.addAll(patterns);
            }
            var expected = targets.stream().map(target -> "role/%s/%s/*".formatted(spotfleet.infra.DeclaredStack.PROJECT, target.stack()))
                    .sorted().toList();
            findings.require(named.stream().map(p -> p.substring(p.indexOf("role/"))).sorted().toList().equals(expected), policy,
                    "lets %s pull; spotfleet:promotionTargets names %s", named, targets);
        }
        // then
        findings.assertNone("the image repository lets exactly the promotion targets' execution roles pull, and only pull");
    }

    private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::(\\d{12}):root");

    @PolicyCheck
    void theAlertKeyIsAdministeredThroughIamAndUsedOnlyByThePublishers(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var accountRoot = "arn:aws:iam::%s:root".formatted(OfflineMocks.ACCOUNT_ID);
        // when
        for (var key : stack.each(KMS_KEY)) {
            for (var statement : PolicyDocument.parse(input(key, "policy")).statements()) {
                findings.require(statement.allows() && !statement.anyPrincipal(), key, "%s: %s to %s", statement.sid(),
                        statement.effect(), statement.principals());
                var aws = statement.principals().getOrDefault("AWS", List.of());
                var services = statement.principals().getOrDefault("Service", List.of());
                if (!aws.isEmpty()) {
                    // AWS's default key policy: the account's IAM policies decide who may use and manage the key; without it
                    // the key can become unmanageable
                    findings.require(aws.equals(List.of(accountRoot)), key, "%s grants to %s, not to this account (%s)",
                            statement.sid(), aws, accountRoot);
                } else {
                    findings.require(Set.of("cloudwatch.amazonaws.com", "events.amazonaws.com").containsAll(services), key,
                            "%s lets %s use the key; only the alarms' and rules' services publish to the topic", statement.sid(), services);
                    findings.require(Set.of("kms:Decrypt", "kms:GenerateDataKey*").containsAll(statement.actions()), key,
                            "%s lets the publishers %s; they need only kms:Decrypt and kms:GenerateDataKey*", statement.sid(),
                            statement.actions());
                }
            }
        }
        // then
        findings.assertNone("the alert key: the account administers it through IAM, the publishing services only encrypt");
    }

    @PolicyCheck
    void theAlertTopicAcceptsOnlyThisStacksAlarmsAndRulesOverTls(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var policy : stack.each(SNS_TOPIC_POLICY)) {
            var statements = PolicyDocument.parse(input(policy, "policy")).statements();
            for (var statement : statements.stream().filter(PolicyDocument.Statement::allows).toList()) {
                findings.require(!statement.anyPrincipal() && statement.principals().keySet().equals(Set.of("Service")), policy,
                        "%s allows %s", statement.sid(), statement.principals());
                findings.require(statement.actions().equals(List.of("sns:Publish")), policy, "%s allows %s, not only sns:Publish",
                        statement.sid(), statement.actions());
                var sources = statement.conditionValues("aws:SourceArn");
                findings.require(!sources.isEmpty(), policy, "%s lets %s publish for any source: no aws:SourceArn condition",
                        statement.sid(), statement.principals());
                sources.stream().filter(source -> !isThisStacks(stack, source)).forEach(source ->
                        findings.add(policy, "%s lets %s publish for %s, which this stack does not declare", statement.sid(),
                                statement.principals(), source));
            }
            findings.require(statements.stream().anyMatch(s -> !s.allows() && s.anyPrincipal()
                            && s.conditionValues("aws:SecureTransport").equals(List.of("false"))), policy,
                    "does not deny publishing without TLS");
        }
        // then
        findings.assertNone("the topic policy admits this stack's alarms and rules by ARN, over TLS only");
    }

    @PolicyCheck
    void theAlertTopicAdmitsEveryAlarmAndRuleThatNotifiesIt(PolicyStack stack) {
        // given: SNS refuses what its topic policy does not allow, and a refused alarm notification fails silently
        var findings = new Findings(stack);
        var policies = stack.declared().all(SNS_TOPIC_POLICY);
        // when
        for (var topic : stack.each(SNS_TOPIC)) {
            var topicArn = topic.outputs().get("arn");
            var admitted = policies.stream().filter(policy -> topicArn.equals(input(policy, "arn")))
                    .flatMap(policy -> PolicyDocument.parse(input(policy, "policy")).statements().stream())
                    .filter(PolicyDocument.Statement::allows)
                    .flatMap(statement -> statement.conditionValues("aws:SourceArn").stream())
                    .toList();
            for (var alarm : stack.declared().all(METRIC_ALARM)) {
                var notifies = Stream.of("alarmActions", "okActions").map(actions -> (List<?>) input(alarm, actions))
                        .anyMatch(actions -> actions != null && actions.contains(topicArn));
                findings.require(!notifies || admitted.contains(alarm.outputs().get("arn")), alarm,
                        "notifies %s, whose policy does not admit it", topic.name());
            }
            for (var target : stack.declared().all(EVENT_TARGET).stream().filter(t -> topicArn.equals(input(t, "arn"))).toList()) {
                var rule = stack.referencedBy(EVENT_RULE, input(target, "rule"));
                findings.require(admitted.contains(rule.outputs().get("arn")), target,
                        "sends %s's events to %s, whose policy does not admit the rule", rule.name(), topic.name());
            }
        }
        // then
        findings.assertNone("the topic policy names every alarm and rule that publishes to the topic");
    }

    @PolicyCheck
    void functionsAreInvokedOnlyByThisStacksRules(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var permission : stack.each(LAMBDA_PERMISSION)) {
            findings.require("events.amazonaws.com".equals(input(permission, "principal")), permission,
                    "lets %s invoke the function", input(permission, "principal"));
            findings.require("lambda:InvokeFunction".equals(input(permission, "action")), permission,
                    "grants %s", input(permission, "action"));
            var source = input(permission, "sourceArn");
            findings.require(source != null && isThisStacks(stack, source), permission,
                    "lets any EventBridge rule invoke the function (sourceArn %s)", source);
        }
        // then
        findings.assertNone("EventBridge may invoke the function for this stack's rules only");
    }

    private static void checkUnscoped(Findings findings, DeclaredResource policy, PolicyDocument.Statement statement,
                                      String action) {
        var unscoped = UNSCOPED_ACTIONS.get(action);
        if (unscoped == null) {
            findings.add(policy, "%s grants %s on Resource *; name the resource (or add the action to UNSCOPED_ACTIONS with"
                    + " the reason AWS cannot scope it)", statement.sid(), action);
            return;
        }
        unscoped.requiredCondition().ifPresent(key -> findings.require(!statement.conditionValues(key).isEmpty(), policy,
                "%s grants %s on Resource * without narrowing it by %s", statement.sid(), action, key));
    }

    /** {@code arn:...:log-group:<name>:*}: the log streams of one group, which is how CloudWatch Logs names them. */
    /**
     * Instances are launched by Auto Scaling, so no policy can name them: {@code instance/*} of this account and region,
     * but only those carrying the {@code aws:autoscaling:groupName} tag of a group this stack declares (the drill's role).
     */
    private static boolean isOneGroupsInstances(PolicyStack stack, PolicyDocument.Statement statement, String resource) {
        var groups = stack.declared().all(AUTO_SCALING_GROUP).stream().map(group -> group.outputs().get("name")).toList();
        var tagged = statement.conditionValues(SpotInterruptionDrillPolicyTest.GROUP_TAG_CONDITION);
        return resource.matches("arn:aws[a-z-]*:ec2:[a-z0-9-]+:\\d{12}:instance/\\*") && statement.condition().size() == 1
                && statement.condition().has("StringEquals") && tagged.size() == 1 && groups.contains(tagged.getFirst());
    }

    private static boolean isOneLogGroupsStreams(String resource) {
        return resource.matches("arn:[^:*]+:logs:[^:*]+:\\d{12}:log-group:[^:*]+:\\*");
    }

    private static List<String> trustedServices(DeclaredResource role) {
        return PolicyDocument.parse(input(role, "assumeRolePolicy")).statements().stream()
                .flatMap(statement -> statement.principals().getOrDefault("Service", List.of()).stream())
                .distinct()
                .toList();
    }

    /** Policies and attachments name their role by name or by id (the same text for a role). */
    private static boolean refersTo(DeclaredResource policyOrAttachment, DeclaredResource role) {
        var named = input(policyOrAttachment, "role");
        return named != null && (named.equals(output(role, "name")) || named.equals(role.id()));
    }

    private static List<String> names(List<DeclaredResource> first, List<DeclaredResource> second) {
        return Stream.concat(first.stream(), second.stream()).map(DeclaredResource::name).toList();
    }

    /** An ARN of a resource this stack declares (as the mock engine made the ARNs up). */
    private static boolean isThisStacks(PolicyStack stack, Object arn) {
        return stack.declared().resources().stream().anyMatch(r -> arn.equals(r.outputs().get("arn")));
    }
}
