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
}
