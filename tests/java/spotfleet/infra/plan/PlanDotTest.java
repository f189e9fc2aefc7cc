package spotfleet.infra.plan;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Graphviz text of the dev plan: the layout rules the picture relies on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanDotTest {

    private Plan dev;

    @BeforeAll
    void planTheDevStack() throws Exception {
        dev = Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "dev"));
    }

    @Test
    void oneClusterPerComponentWithTheSupportingBlockDeclaredFirst() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(dot).contains("subgraph \"cluster_network\" {", "subgraph \"cluster_web\" {", "subgraph \"cluster_alarms\" {");
        assertThat(dot.indexOf("subgraph \"cluster_supporting\"")).isPositive()
                .isLessThan(dot.indexOf("subgraph \"cluster_alarms\"")).isLessThan(dot.indexOf("subgraph \"cluster_network\""));
        assertThat(dot.indexOf("subgraph \"cluster_network\"")).isGreaterThan(dot.indexOf("subgraph \"cluster_dashboard\""));
        assertThat(dot).doesNotContain("cluster_alertpublishers"); // its only resource is part of the topic
    }

    @Test
    void trafficIsBoldOutboundTrafficLaidOutAgainstItsDirectionAndWiringBetweenTrafficBoxesFree() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(dot).contains("  \"internet\" -> \"loadbalancer-alb\" [color=\"#1f5fbf\", fontcolor=\"#1f5fbf\", penwidth=2.2");
        // dev has no NAT: out from the public subnets
        assertThat(dot).contains("  \"network-public-*\" -> \"capacity-asg-spot\" [dir=back, color=\"#c8661c\"");
        assertThat(dot).contains("  \"internet-egress\" -> \"network-igw\" [dir=back, color=\"#c8661c\"");
        assertThat(dot).contains("  \"web-service\" -> \"capacity-asg-spot\" [color=\"#1f5fbf\", fontcolor=\"#1f5fbf\", penwidth=1.6, style=dashed");
        assertThat(dot).contains("  \"capacity-asg\" -> \"capacity-asg-spot\" [style=dashed]");
        assertThat(dot).contains("  \"loadbalancer-alb\" -> \"network-public-*\" [constraint=false]");
        assertThat(dot).contains("  \"cluster-ecs\" -> \"web-service\" [dir=back]");
        assertThat(dot).contains("  \"alarms-target-5xx-rate\" -> \"alerts-topic\"\n");
    }

    @Test
    void supportingComponentsNameWhatTheyReferToInsteadOfArrowsAcross() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(dot).doesNotContain("\"alarms-target-5xx-rate\" -> \"web-tg\"", "\"dashboard-cloudwatch\" -> \"loadbalancer-alb\"");
        // dev has no Container Insights, so no alarm reads the cluster's metrics
        assertThat(dot).contains("<b>Alarms</b><br/><font point-size=\"8\">refers to LoadBalancer,</font>"
                + "<br/><font point-size=\"8\">Capacity, WebService</font>");
        assertThat(dot).contains("<b>FleetWatch</b><br/><font point-size=\"8\">refers to Capacity</font>");
        assertThat(dot).contains("label=<<b>Network</b>>;");
    }

    @Test
    void boxesSayWhatTheyAreAndTheirKeySettings() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(dot).contains("\"web-tg\" [label=<<b>target group</b><br/><font point-size=\"8\" color=\"#6b7280\">web-tg</font>"
                + "<br/><font point-size=\"9\">HTTP :5000 to each instance</font>");
        assertThat(dot).contains("\"internet\" [label=<<b>internet</b><br/><font point-size=\"9\">clients</font>>, fontsize=12, "
                + "color=\"#1f5fbf\", fillcolor=\"#eaf1fb\", penwidth=1.4, style=\"rounded,filled,dashed\", shape=oval]");
        assertThat(dot).contains("\"alerts-topic\" [label=<<b>SNS topic</b><br/><font point-size=\"8\" color=\"#6b7280\">alerts-topic"
                + "</font>>, fontsize=9, fontcolor=\"#6b7280\", color=\"#b4bac2\", fillcolor=\"#f6f7f8\"]");
        assertThat(dot).contains("\"cluster-ecs\" [label=<<b>ECS cluster</b><br/><font point-size=\"8\" color=\"#6b7280\">cluster-ecs</font>>]");
    }

    @Test
    void everyBoxAndEveryClusterIsDeclaredOnceAndStyledByItsBlock() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(occurrences(dot, "\"web-service\" [label=")).isOne();
        assertThat(occurrences(dot, "\"internet\" [label=")).isOne();
        assertThat(occurrences(dot, "\"alerts-topic\" [label=")).isOne();
        assertThat(occurrences(dot, "subgraph \"cluster_alarms\"")).isOne();
        assertThat(occurrences(dot, "subgraph \"cluster_web\"")).isOne();
        assertThat(occurrences(dot, "\"internet\" -> \"loadbalancer-alb\"")).isOne();
        assertThat(dot).contains("    subgraph \"cluster_alarms\" {\n      label=<<b>Alarms</b>", "fontsize=9; fontcolor=\"#6b7280\"; "
                + "style=\"rounded,dashed\"; color=\"#b4bac2\"; penwidth=0.8;");
        assertThat(dot).contains("  subgraph \"cluster_web\" {\n    label=<<b>WebService</b>>; labeljust=l; fontsize=11; "
                + "fontcolor=\"#39424e\"; style=\"rounded\"; color=\"#6b7280\"; penwidth=1.2;");
    }

    @Test
    void theLegendSaysWhatTheColoursMeanAndWhereThePictureComesFrom() {
        // given / when
        var dot = PlanDot.render(dev);
        // then
        assertThat(dot).contains("label=<<font color=\"#1f5fbf\"><b>blue</b>: requests</font>",
                "a dashed box is derived from one.", "Stack dev of project spotfleet, drawn by ./plan dev --format dot>]");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theFileSaysWhatItIsAndSetsTheLayoutAndTheDefaults() {
        // given / when
        var lines = PlanDot.render(dev).lines().toList();
        // then
        assertThat(lines.get(0)).isEqualTo("// The architecture of stack spotfleet-dev, drawn from its offline plan by ./plan dev --format dot.");
        assertThat(lines.get(1)).startsWith("// Render it with Graphviz: dot -Tsvg");
        assertThat(lines.get(2)).startsWith("// and most wiring are written target first with dir=back");
        assertThat(lines.get(3)).isEqualTo("digraph \"spotfleet-dev\" {");
        assertThat(lines.get(4)).startsWith("  graph [rankdir=LR, newrank=true,");
        assertThat(lines.get(5)).startsWith("         labelloc=b, labeljust=l,");
        assertThat(lines.get(6)).startsWith("  node [shape=box, style=\"rounded,filled\"");
        assertThat(lines.get(7)).isEqualTo("        margin=\"0.08,0.03\", penwidth=1]");
        assertThat(lines.get(8)).startsWith("  edge [fontname=");
        assertThat(lines.get(9)).isEqualTo("  subgraph \"cluster_supporting\" {");
        assertThat(lines.get(10)).startsWith("    label=<supporting>; labeljust=r;");
        assertThat(lines.getLast()).isEqualTo("}");
    }

    @Test
    void aSupportingComponentAlsoNamesTheComponentsThatReferToIt() {
        // given: a service on the traffic path that names a log group of a supporting component
        var plan = ArchitectureGraphTest.plan(
                ArchitectureGraphTest.resource(ResourceKinds.SERVICE, "service", "s", new Plan.Reference("logs", "logs")),
                ArchitectureGraphTest.resource("aws:cloudwatch/logGroup:LogGroup", "logs", "l"));
        // when
        var dot = PlanDot.render(plan);
        // then: no arrow across the blocks, but the supporting cluster says who refers to it
        assertThat(dot).contains("<b>PartL</b><br/><font point-size=\"8\">refers to PartS</font>")
                .doesNotContain("\"service\" -> \"logs\"", "\"logs\" -> \"service\"");
        assertThat(dot).contains("label=<<b>PartS</b>>;");
    }

    @Test
    void textIsEscapedForGraphvizLabelsAndIds() {
        // given: a value with markup characters in a label, and a name with a quote
        var rule = new Plan.PlannedResource("aws:cloudwatch/eventRule:EventRule", "odd\"rule", Optional.of("l"), true,
                Map.of("scheduleExpression", "cron(<0> & \"1\")"), List.of(), List.of(), List.of(), false, Map.of());
        // when
        var dot = PlanDot.render(ArchitectureGraphTest.plan(rule));
        // then
        assertThat(dot).contains("\"odd\\\"rule\" [label=<<b>EventBridge rule</b><br/><font point-size=\"8\" color=\"#6b7280\">"
                + "odd&quot;rule</font><br/><font point-size=\"8\">cron(&lt;0&gt; &amp; &quot;1&quot;)</font>>");
    }

    @Test
    void longDetailsAreBrokenAfterCommas() {
        // given / when / then
        assertThat(PlanDot.wrap("short")).containsExactly("short");
        assertThat(PlanDot.wrap("aaaaaaaaaa, bbbbbbbbbb")).containsExactly("aaaaaaaaaa, bbbbbbbbbb"); // 22 characters: one line
        assertThat(PlanDot.wrap("aaaaaaaaaa, bbbbbbbbbbb")).containsExactly("aaaaaaaaaa,", "bbbbbbbbbbb");
        assertThat(PlanDot.wrap("10.1.128.0/20, 10.1.144.0/20, 10.1.160.0/20"))
                .containsExactly("10.1.128.0/20,", "10.1.144.0/20,", "10.1.160.0/20");
        assertThat(PlanDot.wrap("t3.micro, t3a.micro, t2.micro")).containsExactly("t3.micro, t3a.micro,", "t2.micro");
        assertThat(PlanDot.wrap("a-single-part-much-longer-than-the-line")).containsExactly("a-single-part-much-longer-than-the-line");
    }

    @Test
    void aStackWithADomainDrawsItsHttpsEndpointWithTextEscapedForGraphviz(@TempDir Path project) throws Exception {
        // given
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.https.yaml"), """
                config:
                  aws:region: eu-west-1
                  spotfleet:domainName: app.example.com
                  spotfleet:hostedZoneName: example.com
                """);
        // when
        var https = PlanDot.render(Planner.plan(StackFile.read(project, "https")));
        // then: the HTTPS listener is part of the load balancer, the certificate and the alias are boxes of their own
        assertThat(https).contains("subgraph \"cluster_https\" {", "\"https-cert\" [label=<<b>certificate</b><br/>"
                        + "<font point-size=\"8\" color=\"#6b7280\">https-cert</font><br/><font point-size=\"9\">app.example.com</font>>",
                "<b>DNS record</b><br/><font point-size=\"8\" color=\"#6b7280\">https-alias</font><br/><font point-size=\"9\">A app.example.com",
                "<font point-size=\"9\">HTTP :80, HTTPS :443</font>");
        assertThat(https.chars().filter(c -> c == '{').count()).isEqualTo(https.chars().filter(c -> c == '}').count());
    }
}
