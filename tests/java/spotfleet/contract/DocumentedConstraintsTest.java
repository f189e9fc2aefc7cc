package spotfleet.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented constraints quote the models they encode, and a few rules need checks the plans cannot reach. */
class DocumentedConstraintsTest {

    @Test
    void everyConstraintQuotesItsMemberDocumentationInEveryCheckedModel() {
        for (var models : ServiceModels.checked()) {
            // given the models (the newest and Debian's) / when each constraint's quotes are looked up / then the model says one
            assertThat(DocumentedConstraints.all(models).list()).isNotEmpty();
            assertThat(DocumentedConstraints.all(models).list().stream().filter(c -> c.source().isEmpty() && !c.quotesTheModel(models))
                    .map(c -> "%s:%s.%s quotes \"%s\"".formatted(c.service(), c.shape(), c.member(), c.quote())))
                    .as("constraints whose quotes %s does not have", models.describe()).isEmpty();
        }
    }

    @Test
    void aRuleWhoseSourceTextIsMissingFailsClosed() {
        // given a rule quoting text the model does not have, which would accept anything
        var models = ServiceModels.installed();
        var invented = new DocumentedConstraint("ec2", "CreateSecurityGroupRequest", "Description",
                "Descriptions may contain anything at all.", value -> List.of());
        // when the check applies it with these models
        var applied = invented.against(models);
        // then every value fails, and the message says which text is missing where
        assertThat(applied.rule().apply("web")).singleElement().satisfies(v -> assertThat(v.message()).contains(
                "cannot be checked: the rule's source text (\"Descriptions may contain anything at all.\") is not in "
                        + models.describe() + "'s documentation of ec2:CreateSecurityGroupRequest.Description"));
        // and a rule whose text is there is applied as it is
        var real = DocumentedConstraints.all(models).on("ec2", "CreateSecurityGroupRequest", "Description").getFirst();
        assertThat(real.rule().apply("web")).isEmpty();
    }

    @Test
    void anElbAttributeKeyTheDocumentationDoesNotListIsRejected() {
        // given the load balancer attribute rule
        var rule = DocumentedConstraints.all().on("elbv2", "LoadBalancerAttribute", "").getFirst().rule();
        // when / then: keys are read from the model's own Key documentation
        assertThat(rule.apply(Map.of("Key", "deletion_protection.enabled", "Value", "true"))).isEmpty();
        assertThat(rule.apply(Map.of("Key", "deletion.protection", "Value", "true")))
                .singleElement().satisfies(v -> {
                    assertThat(v.subPath()).isEqualTo("Key");
                    assertThat(v.message()).contains("\"deletion.protection\" is not an attribute");
                });
    }

    @Test
    void theDocumentedAttributeKeysAreReadFromTheModelText() {
        // given / when
        var keys = ElbConstraints.documentedKeys(ServiceModels.installed().service("elbv2").shape("TargetGroupAttribute")
                .memberDocumentation("Key"));
        // then
        assertThat(keys).contains("deregistration_delay.timeout_seconds", "stickiness.enabled").doesNotContain("The");
    }

    @Test
    void characterRulesUseTheDocumentsOwnList() {
        // given EC2's security group description rule
        var rule = DocumentedConstraints.characters("EC2", Ec2Constraints.GROUP_CHARACTERS, 255);
        // when / then: each listed character passes, others fail, and all bad ones are named once
        assertThat(rule.apply("aZ09. _-:/()#,@[]+=&;{}!$*")).isEmpty();
        assertThat(rule.apply("it's \"quoted\"")).singleElement().satisfies(v ->
                assertThat(v.message()).startsWith("characters \"'\", \"\"\" not allowed"));
    }

    @Test
    void everyServiceFileContributesItsConstraints() {
        // given / when
        var all = DocumentedConstraints.all();
        // then: one constraint from each file is there
        assertThat(all.on("ec2", "CreateSecurityGroupRequest", "Description")).hasSize(1);
        assertThat(all.on("elbv2", "CreateTargetGroupInput", "Name")).hasSize(1);
        assertThat(all.on("autoscaling", "InstancesDistribution", "SpotAllocationStrategy")).hasSize(1);
        assertThat(all.on("ecs", "RegisterTaskDefinitionRequest", "cpu")).hasSize(1);
        assertThat(all.on("logs", "PutRetentionPolicyRequest", "retentionInDays")).hasSize(1);
        assertThat(all.on("events", "PutRuleRequest", "ScheduleExpression")).hasSize(1);
        assertThat(all.on("sns", "CreateTopicInput", "Name")).hasSize(1);
        assertThat(all.on("kms", "CreateAliasRequest", "AliasName")).hasSize(1);
        assertThat(all.on("s3", "LifecycleExpiration", "Days")).hasSize(1);
    }

    @Test
    void aQuoteTheModelDoesNotHaveIsCaught() {
        // given a constraint quoting words its member's documentation lacks
        var invented = new DocumentedConstraint("ec2", "CreateSecurityGroupRequest", "Description",
                "Constraints: Up to 1000 characters", value -> java.util.List.of());
        // when / then
        assertThat(invented.quotesTheModel(ServiceModels.installed())).isFalse();
    }

    @Test
    void theEc2TaskCpuBoundIsTheOneTheModelInUseStates() {
        for (var models : ServiceModels.checked()) {
            // given the bound the model's cpu documentation states (10240 in 1.29, 196608 in 1.43)
            var text = models.service("ecs").shape("RegisterTaskDefinitionRequest").memberDocumentation("cpu");
            var stated = java.util.regex.Pattern.compile("and (\\d+) CPU units").matcher(text);
            assertThat(stated.find()).as(models.describe()).isTrue();
            var max = Long.parseLong(stated.group(1));
            // when / then: the rule takes it, and not one unit more
            assertPassesAndFails(DocumentedConstraints.all(models).on("ecs", "RegisterTaskDefinitionRequest", "cpu").getFirst(),
                    List.<Object>of(String.valueOf(max)), List.<Object>of(String.valueOf(max + 1)));
        }
    }

    @Test
    void boundsAreInclusiveAsTheDocumentationStatesThem() {
        // given the rules, each at and just past its documented bounds (the task cpu bound as Debian's botocore 1.29 says it)
        var all = DocumentedConstraints.all(ServiceModels.floorRequired());
        // when / then
        assertPassesAndFails(all.on("ec2", "LaunchTemplateInstanceMetadataOptionsRequest", "HttpPutResponseHopLimit").getFirst(),
                java.util.List.of(1.0, 64.0), java.util.List.of(0.0, 65.0));
        assertPassesAndFails(all.on("cloudwatch", "PutMetricAlarmInput", "Period").getFirst(),
                java.util.List.of(10.0, 20.0, 30.0, 60.0, 120.0), java.util.List.of(0.0, 25.0, 90.0, 60.5));
        assertPassesAndFails(all.on("cloudwatch", "MetricStat", "Period").getFirst(),
                java.util.List.of(1.0, 5.0, 20.0, 60.0), java.util.List.of(0.0, 2.0, 61.0));
        assertPassesAndFails(all.on("elbv2", "Matcher", "HttpCode").getFirst(),
                java.util.List.of("200", "499", "200,202", "200-299"), java.util.List.of("199", "500", "200-500", "2000", "200-300-400"));
        assertPassesAndFails(all.on("elbv2", "TargetGroupAttribute", "").getFirst(),
                java.util.List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "3600")),
                java.util.List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "3601")));
        assertPassesAndFails(all.on("ecs", "RegisterTaskDefinitionRequest", "cpu").getFirst(),
                java.util.List.of("128", "10240", "1 vCPU", "0.5 vcpu", "10 vCPU"), java.util.List.of("127", "10241", "11 vCPU"));
        assertPassesAndFails(all.on("autoscaling", "CreateAutoScalingGroupType", "AutoScalingGroupName").getFirst(),
                java.util.List.of("!~"), java.util.List.of(" a", "a\u007f"));
        assertPassesAndFails(all.on("kms", "CreateAliasRequest", "AliasName").getFirst(),
                java.util.List.of("alias/a"), java.util.List.of("alias/"));
        assertPassesAndFails(all.on("acm", "RequestCertificateRequest", "DomainName").getFirst(),
                java.util.List.of("a".repeat(60) + ".com"), java.util.List.of("a".repeat(61) + ".com"));
        assertPassesAndFails(all.on("lambda", "CreateFunctionRequest", "FunctionName").getFirst(),
                java.util.List.of("f".repeat(64), "arn:aws:lambda:eu-west-1:123456789012:function:" + "f".repeat(64)), java.util.List.of("f".repeat(65)));
        assertPassesAndFails(all.on("ec2", "CreateSecurityGroupRequest", "Description").getFirst(),
                java.util.List.of("a".repeat(255)), java.util.List.of("a".repeat(256)));
        assertPassesAndFails(all.on("s3", "LifecycleExpiration", "Days").getFirst(),
                java.util.List.of(1.0, 3653.0), java.util.List.of(0.0, -1.0));
        assertPassesAndFails(all.on("s3", "LifecycleRule", "ID").getFirst(),
                java.util.List.of("r".repeat(255)), java.util.List.of("r".repeat(256)));
    }

    private static void assertPassesAndFails(DocumentedConstraint constraint, java.util.List<Object> good, java.util.List<Object> bad) {
        good.forEach(value -> assertThat(constraint.rule().apply(value)).as("%s.%s accepts %s", constraint.shape(), constraint.member(), value).isEmpty());
        bad.forEach(value -> assertThat(constraint.rule().apply(value)).as("%s.%s rejects %s", constraint.shape(), constraint.member(), value).isNotEmpty());
    }
}
