package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.AUTO_SCALING_GROUP;
import static spotfleet.infra.Types.EXPERIMENT_TEMPLATE;
import static spotfleet.infra.Types.METRIC_ALARM;
import static spotfleet.infra.Types.ROLE;
import static spotfleet.infra.Types.ROLE_POLICY;
import static spotfleet.infra.Types.ROLE_POLICY_ATTACHMENT;

/**
 * The Spot interruption drill (spotfleet:spotInterruptionDrill) can do one thing: send the two-minute notice to one
 * running instance of the stack's Spot group, never to an on-demand instance nor to anything outside the stack, and it
 * stops when the stack's 5xx alarms fire. Its role may interrupt only instances tagged with that group's name.
 */
class SpotInterruptionDrillPolicyTest {

    static final String GROUP_TAG_CONDITION = "aws:ResourceTag/aws:autoscaling:groupName";
    /** The 5xx metrics of the load balancer (its own, and the targets'): the alarms a drill stops on watch one of them. */
    private static final Set<String> FIVE_XX_METRICS = Set.of("HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count");

    @PolicyCheck
    void theSpotInterruptionDrillInterruptsOneInstanceOfTheSpotGroupOnly(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var templates = stack.declared().all(EXPERIMENT_TEMPLATE);
        // when
        if (!stack.settings().spotInterruptionDrill()) {
            templates.forEach(t -> findings.add(t, "is declared, but spotfleet:spotInterruptionDrill is false"));
            findings.assertNone("no experiment template unless the stack asks for the drill");
            return;
        }
        findings.require(templates.size() == 1, stack.declared().all(AUTO_SCALING_GROUP).getFirst(),
                "the stack asks for the drill and declares %d experiment templates, not one", templates.size());
        var spotGroup = spotGroupName(stack);
        for (var template : templates) {
            checkTemplate(stack, findings, template, spotGroup);
            checkRole(stack, findings, template, spotGroup);
        }
        // then
        findings.assertNone("the drill interrupts one running instance of the Spot group, stops on the 5xx alarms, and its role can do nothing else");
    }

    private static void checkTemplate(PolicyStack stack, Findings findings, DeclaredResource template, String spotGroup) {
        var targets = (List<?>) input(template, "targets");
        findings.require(targets != null && targets.size() == 1, template, "has targets %s, not one", targets);
        findings.require("aws:ec2:spot-instance".equals(input(template, "targets.0.resourceType")), template,
                "targets %s, not Spot instances", input(template, "targets.0.resourceType"));
        findings.require("COUNT(1)".equals(input(template, "targets.0.selectionMode")), template,
                "selects %s instances, not COUNT(1)", input(template, "targets.0.selectionMode"));
        findings.require(List.of(Map.of("key", "aws:autoscaling:groupName", "value", spotGroup)).equals(input(template, "targets.0.resourceTags")),
                template, "picks instances by the tags %s, not by the Spot group's aws:autoscaling:groupName %s",
                input(template, "targets.0.resourceTags"), spotGroup);
        findings.require(input(template, "targets.0.resourceArns") == null, template, "names instances by ARN %s",
                input(template, "targets.0.resourceArns"));
        findings.require(List.of(Map.of("path", "State.Name", "values", List.of("running"))).equals(input(template, "targets.0.filters")),
                template, "filters its targets by %s, not only State.Name running", input(template, "targets.0.filters"));
        var actions = (List<?>) input(template, "actions");
        findings.require(actions != null && actions.size() == 1, template, "has actions %s, not one", actions);
        findings.require("aws:ec2:send-spot-instance-interruptions".equals(input(template, "actions.0.actionId")), template,
                "runs %s, not aws:ec2:send-spot-instance-interruptions", input(template, "actions.0.actionId"));
        findings.require(List.of(Map.of("key", "durationBeforeInterruption", "value", "PT2M")).equals(input(template, "actions.0.parameters")),
                template, "gives the notice %s, not EC2's two minutes (PT2M)", input(template, "actions.0.parameters"));
        findings.require(Objects.equals(input(template, "actions.0.target.value"), input(template, "targets.0.name")), template,
                "acts on %s, not on its target %s", input(template, "actions.0.target.value"), input(template, "targets.0.name"));
        var fiveXxAlarms = stack.declared().all(METRIC_ALARM).stream().filter(SpotInterruptionDrillPolicyTest::watchesFiveXx)
                .map(alarm -> output(alarm, "arn")).toList();
        var stops = (List<?>) input(template, "stopConditions");
        var stoppedBy = stops == null ? List.of() : stops.stream().map(stop -> ((Map<?, ?>) stop).get("value")).toList();
        findings.require(stops != null && stops.stream().allMatch(stop -> "aws:cloudwatch:alarm".equals(((Map<?, ?>) stop).get("source"))),
                template, "has stop conditions %s that are not alarms", stops);
        findings.require(!fiveXxAlarms.isEmpty() && Set.copyOf(stoppedBy).equals(Set.copyOf(fiveXxAlarms)), template,
                "stops on %s, not on exactly the stack's 5xx alarms %s", stoppedBy, fiveXxAlarms);
    }

    private static void checkRole(PolicyStack stack, Findings findings, DeclaredResource template, String spotGroup) {
        var role = stack.referencedBy(ROLE, input(template, "roleArn"));
        var trust = PolicyDocument.parse(input(role, "assumeRolePolicy")).statements();
        findings.require(trust.stream().allMatch(s -> s.principals().equals(Map.of("Service", List.of("fis.amazonaws.com")))), role,
                "is the drill's role but trusts %s", trust.stream().map(PolicyDocument.Statement::principals).toList());
        findings.require(stack.declared().all(ROLE_POLICY_ATTACHMENT).stream().noneMatch(a -> refersTo(a, role)), role,
                "is the drill's role with managed policies attached");
        var policies = stack.declared().all(ROLE_POLICY).stream().filter(p -> refersTo(p, role)).toList();
        findings.require(policies.size() == 1, role, "is the drill's role with %d inline policies, not one", policies.size());
        for (var policy : policies) {
            for (var statement : PolicyDocument.parse(input(policy, "policy")).statements()) {
                findings.require(statement.allows() && statement.notActions().isEmpty() && statement.notResources().isEmpty(), policy,
                        "%s is not a plain Allow", statement.sid());
                if (statement.actions().equals(List.of("ec2:SendSpotInstanceInterruptions"))) {
                    findings.require(statement.resources().size() == 1
                                    && statement.resources().getFirst().matches("arn:aws[a-z-]*:ec2:[a-z0-9-]+:\\d{12}:instance/\\*"), policy,
                            "%s interrupts %s, not this region's and account's instances", statement.sid(), statement.resources());
                    findings.require(statement.conditionValues(GROUP_TAG_CONDITION).equals(List.of(spotGroup))
                                    && statement.condition().has("StringEquals") && statement.condition().size() == 1, policy,
                            "%s is not limited by StringEquals %s to the Spot group %s: %s", statement.sid(), GROUP_TAG_CONDITION,
                            spotGroup, statement.condition());
                } else {
                    findings.require(statement.actions().equals(List.of("ec2:DescribeInstances")), policy,
                            "%s grants %s; the drill's role may only describe instances and interrupt the Spot group's",
                            statement.sid(), statement.actions());
                }
            }
        }
    }

    /** The Spot group: the one that launches no on-demand instance at all. */
    private static String spotGroupName(PolicyStack stack) {
        var spot = stack.each(AUTO_SCALING_GROUP).stream()
                .filter(group -> isZero(input(group, "mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity"))
                        && isZero(input(group, "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity")))
                .toList();
        if (spot.size() != 1) {
            throw new AssertionError("%s has %d all-Spot groups, not one".formatted(stack, spot.size()));
        }
        return String.valueOf(output(spot.getFirst(), "name"));
    }

    private static boolean isZero(Object value) {
        return value instanceof Number number && number.doubleValue() == 0;
    }

    private static boolean watchesFiveXx(DeclaredResource alarm) {
        var queries = (List<?>) input(alarm, "metricQueries");
        return queries != null && queries.stream().map(q -> ((Map<?, ?>) q).get("metric"))
                .anyMatch(metric -> metric instanceof Map<?, ?> m && FIVE_XX_METRICS.contains(m.get("metricName")));
    }

    private static boolean refersTo(DeclaredResource policyOrAttachment, DeclaredResource role) {
        var named = input(policyOrAttachment, "role");
        return named != null && (named.equals(output(role, "name")) || named.equals(role.id()));
    }
}
