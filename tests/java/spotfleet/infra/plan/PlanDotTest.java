package spotfleet.infra.plan;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(dot).contains("  \"network-nat-*\" -> \"network-private-*\" [dir=back, color=\"#c8661c\"");
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
        assertThat(dot).contains("<b>Alarms</b><br/><font point-size=\"8\">refers to LoadBalancer,</font>"
                + "<br/><font point-size=\"8\">Cluster, WebService</font>");
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
    void longDetailsAreBrokenAfterCommas() {
        // given / when / then
        assertThat(PlanDot.wrap("short")).containsExactly("short");
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
        assertThat(https).contains("subgraph \"cluster_https\" {", "\"https-cert\" [label=<<b>certificate</b>",
                "<font point-size=\"9\">HTTP :80, HTTPS :443</font>");
        // a made-up value in a label is escaped, not taken for markup
        assertThat(https).contains("&lt;computed&gt;").doesNotContain("<computed>");
        assertThat(https.chars().filter(c -> c == '{').count()).isEqualTo(https.chars().filter(c -> c == '}').count());
    }
}
