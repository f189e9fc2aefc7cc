package spotfleet.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded document checks on hand-written documents: what they accept, what they reject, and how many checks
 * each counts (the coverage report's figures).
 */
class DocumentChecksTest {

    @Test
    void iamAcceptsEveryGrammarFormTheProgramMayUse() {
        // given a resource policy with NotAction, NotResource, Principal "*", a principal list and list conditions
        var policy = """
                {"Version":"2012-10-17","Id":"p","Statement":[
                 {"Sid":"A1","Effect":"Deny","Principal":"*","NotAction":["sns:Publish","sns:Subscribe"],"NotResource":"*",
                  "Condition":{"ForAnyValue:StringLike":{"aws:PrincipalTag/team":["a","b"]},"NumericLessThanIfExists":{"k":5},
                  "Bool":{"aws:SecureTransport":false},"Null":{"aws:TokenIssueTime":"true"}}},
                 {"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root"],"Service":"sns.amazonaws.com"},
                  "Action":"*","Resource":["arn:aws:sns:eu-west-1:123456789012:t"]}]}""";
        // when
        var sink = CountingSink.check(IamPolicies.resource(), policy);
        // then
        assertThat(sink.failures).isEmpty();
        assertThat(sink.checks).containsEntry(CheckKind.IAM_POLICY, 62);
    }

    @Test
    void iamRejectsBadConditionsPrincipalsAndResources() {
        // given
        var policy = """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"Group":"x","AWS":"bob"},"Action":"s3:Get*","Resource":"bucket",
                  "Condition":{"StringEquals":{"k":[]},"Bool":"true"}},
                 {"Sid":"S","Effect":"Allow","Principal":"*","Action":"a:b","Resource":"*"},
                 {"Sid":"S","Effect":"Allow","Principal":"*","Action":"a:b","NotAction":"c:d","Resource":"*"}]}""";
        // when
        var sink = CountingSink.check(IamPolicies.resource(), policy);
        // then
        assertThat(sink.failures).hasSize(7)
                .anyMatch(f -> f.startsWith("Statement[0].Principal.Group: Group is not a principal type"))
                .contains("Statement[0].Principal.AWS: \"bob\" is not a valid AWS principal",
                        "Statement[0].Resource: \"bucket\" is neither \"*\" nor an ARN",
                        "Statement[0].Condition.StringEquals.k: a condition value is a string, number, boolean or non-empty list",
                        "Statement[0].Condition.Bool: a condition's keys must be a JSON object, not \"true\"",
                        "Statement[2].Sid: \"S\": Sids must be unique within the policy",
                        "Statement[2].Action: a statement needs exactly one of Action and NotAction");
    }

    @Test
    void aTrustPolicyNeedsAPrincipalAndAnIdentityPolicyAStatement() {
        // given / when
        var trust = CountingSink.check(IamPolicies.trust(), "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}");
        var empty = CountingSink.check(IamPolicies.identity(), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        var none = CountingSink.check(IamPolicies.identity(), "{\"Version\":\"2012-10-17\"}");
        var notObject = CountingSink.check(IamPolicies.identity(), "[1]");
        // then
        assertThat(trust.failures).containsExactly("Statement[0].Principal: a IAM trust policy needs a Principal");
        assertThat(empty.failures).containsExactly("Statement: a policy needs at least one statement");
        assertThat(none.failures).containsExactly("Statement: required key Statement is missing");
        assertThat(notObject.failures).singleElement().asString().contains("a policy must be a JSON object");
    }

    @Test
    void eventPatternsTakeValuesAndOneContentFilterPerItem() {
        // given
        var good = "{\"source\":[\"aws.ec2\"],\"detail\":{\"state\":[{\"prefix\":\"run\"},null,5,true],\"x\":{\"y\":[{\"exists\":true}]}}}";
        var bad = "{\"detail\":{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}],\"b\":[{\"regex\":\"x\"}],\"c\":[[\"nested\"]]}}";
        // when
        var accepted = CountingSink.check(new EventPatterns(), good);
        var rejected = CountingSink.check(new EventPatterns(), bad);
        var empty = CountingSink.check(new EventPatterns(), "{}");
        // then
        assertThat(accepted.failures).isEmpty();
        assertThat(accepted.checks).containsEntry(CheckKind.EVENT_PATTERN, 15);
        assertThat(rejected.failures).hasSize(3).allMatch(f -> f.contains("is neither a value nor one content filter"));
        assertThat(empty.failures).containsExactly(": an event pattern needs at least one field to match");
    }

    @Test
    void dashboardsAcceptTheDocumentedFormsAndRejectTheRest() {
        // given a text widget, an expression-only metric, the grid's last column and the boundary periods
        var good = """
                {"widgets":[
                 {"type":"text","x":0,"y":0,"width":24,"height":1,"properties":{"markdown":"# hi"}},
                 {"type":"metric","x":23,"y":1,"width":1,"height":1000,"properties":{"region":"eu-west-1","period":60,"stat":"p99.9",
                  "metrics":[[{"expression":"SUM(METRICS())","id":"e1"}],["AWS/EC2","CPUUtilization","InstanceId","i-1",{"period":1}]]}},
                 {"type":"alarm","properties":{"alarms":["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a"]}}]}""";
        var bad = """
                {"widgets":[
                 {"type":"text","properties":{}},
                 {"type":"metric","x":-1,"y":0,"width":0,"height":1,"properties":{"region":"r","period":0,"metrics":[[{"label":"x"}],[]]}},
                 {"type":"metric","properties":{"region":"r","period":90.5,"metrics":[]}},
                 {"type":"alarm","properties":{"alarms":["my-alarm"]}}]}""";
        // when
        var accepted = CountingSink.check(new DashboardBodies(), good);
        var rejected = CountingSink.check(new DashboardBodies(), bad);
        // then
        assertThat(accepted.failures).isEmpty();
        assertThat(accepted.checks).containsEntry(CheckKind.DASHBOARD, 65);
        assertThat(rejected.failures).containsExactlyInAnyOrder(
                "widgets[0].properties.markdown: required key markdown is missing",
                "widgets[1].x: -1 is not a whole number from 0 to 23",
                "widgets[1].width: 0 is not a whole number from 1 to 24",
                "widgets[1].properties.period: 0 is not a period of 1, 5, 10, 30 or a multiple of 60 seconds",
                "widgets[1].properties.metrics[0]: a metric without namespace and name must be an expression ({\"expression\": ...})",
                "widgets[1].properties.metrics[1]: a metric is a non-empty array",
                "widgets[2].properties.period: 90.5 is not a period of 1, 5, 10, 30 or a multiple of 60 seconds",
                "widgets[2].properties.metrics: metrics must be a non-empty array of metric arrays",
                "widgets[3].properties.alarms: \"my-alarm\" is not an alarm ARN");
    }

    @Test
    void aDashboardWithoutWidgetsOrWithTooManyIsRejected() {
        // given / when
        var none = CountingSink.check(new DashboardBodies(), "{\"start\":\"-PT6H\"}");
        var many = CountingSink.check(new DashboardBodies(), "{\"widgets\":[" + "{\"type\":\"text\",\"properties\":{\"markdown\":\"x\"}},".repeat(500)
                + "{\"type\":\"text\",\"properties\":{\"markdown\":\"x\"}}]}");
        var alarms = CountingSink.check(new DashboardBodies(), "{\"widgets\":[{\"type\":\"alarm\",\"properties\":{\"alarms\":["
                + "\"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a\",".repeat(100) + "\"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b\"]}}]}");
        // then
        assertThat(none.failures).containsExactly("widgets: required key widgets is missing");
        assertThat(many.failures).containsExactly("widgets: widgets must be an array of 0 to 500 widgets");
        assertThat(alarms.failures).containsExactly("widgets[0].properties.alarms: alarms must be an array of 1 to 100 alarm ARNs");
    }

    @Test
    void ecrLifecyclePoliciesFollowTheRuleProperties() {
        // given: "any" last with the highest priority, and an age rule in days
        var good = """
                {"rules":[{"rulePriority":1,"description":"old","selection":{"tagStatus":"tagged","tagPrefixList":["v"],
                  "countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}},
                 {"rulePriority":9,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""";
        var bad = """
                {"rules":[{"rulePriority":5,"description":7,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countNumber":0},
                  "action":{"type":"expire"}},
                 {"rulePriority":5,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{}},
                 {"rulePriority":6,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1}}]}""";
        // when
        var accepted = CountingSink.check(new EcrLifecyclePolicies(), good);
        var rejected = CountingSink.check(new EcrLifecyclePolicies(), bad);
        var empty = CountingSink.check(new EcrLifecyclePolicies(), "{\"rules\":[]}");
        // then
        assertThat(accepted.failures).isEmpty();
        assertThat(accepted.checks).containsEntry(CheckKind.ECR_LIFECYCLE, 59);
        assertThat(rejected.failures).containsExactlyInAnyOrder(
                "rules[0].description: a description is a string",
                "rules[0].selection.countUnit: countType sinceImagePushed needs countUnit \"days\"",
                "rules[0].selection.countNumber: 0 is not a whole number from 1 to 2147483647",
                "rules[1].rulePriority: rulePriority 5 is used twice",
                "rules[1].action.type: required key type is missing",
                "rules[2].action: required key action is missing",
                "rules: the rule with tagStatus any must have the highest rulePriority");
        assertThat(empty.failures).containsExactly("rules: rules must be a non-empty array");
    }
}
