package spotfleet.contract;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented constraints quote the models they encode, and a few rules need checks the plans cannot reach. */
class DocumentedConstraintsTest {

    @Test
    void everyConstraintQuotesItsMemberDocumentationInTheModel() {
        // given the installed models / when each constraint's quote is looked up / then the model says it
        var models = ServiceModels.installed();
        assertThat(DocumentedConstraints.all().list())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.quotesTheModel(models))
                        .as("%s:%s.%s quotes \"%s\"", c.service(), c.shape(), c.member(), c.quote()).isTrue());
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
    void boundsAreInclusiveAsTheDocumentationStatesThem() {
        // given the rules, each at and just past its documented bounds
        var all = DocumentedConstraints.all();
        // when / then
        assertPassesAndFails(all.on("ec2", "LaunchTemplateInstanceMetadataOptionsRequest", "HttpPutResponseHopLimit").getFirst(),
                java.util.List.of(1.0, 64.0), java.util.List.of(0.0, 65.0));
        assertPassesAndFails(all.on("cloudwatch", "PutMetricAlarmInput", "Period").getFirst(),
                java.util.List.of(10.0, 30.0, 60.0, 120.0), java.util.List.of(0.0, 20.0, 90.0, 60.5));
        assertPassesAndFails(all.on("cloudwatch", "MetricStat", "Period").getFirst(),
                java.util.List.of(1.0, 5.0, 60.0), java.util.List.of(0.0, 2.0, 61.0));
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
