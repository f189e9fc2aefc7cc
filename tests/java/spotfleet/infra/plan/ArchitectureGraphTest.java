package spotfleet.infra.plan;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.plan.ArchitectureGraph.Edge;
import spotfleet.infra.plan.ArchitectureGraph.Node;
import spotfleet.infra.plan.ResourceKinds.Flow;
import spotfleet.infra.offline.ResourceTypes.Tier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev and prod plans as pictures: the flows a reader follows, derived from the plans' wiring. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureGraphTest {

    private Plan devPlan;
    private Plan prodPlan;

    @BeforeAll
    void planTheCommittedStacks() throws Exception {
        devPlan = Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "dev"));
        prodPlan = Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "prod"));
    }

    // Drawn in each test, not once for all, so that mutation testing sees each test exercise the drawing.
    private ArchitectureGraph dev() {
        return ArchitectureGraph.of(devPlan);
    }

    private ArchitectureGraph prod() {
        return ArchitectureGraph.of(prodPlan);
    }

    @Test
    void requestsRunFromTheInternetThroughTheLoadBalancerAndTargetGroupToTheTasks() {
        // given / when
        var requests = edges(dev(), Flow.REQUEST);
        // then
        assertThat(requests).containsExactly(
                "internet -> loadbalancer-alb", "loadbalancer-alb -> web-tg", "web-tg -> web-service");
    }

    @Test
    void theTasksRunOnSpotAndOnDemandInstancesInPrivateSubnetsThatGoOutThroughNat() {
        // given / when: prod keeps NAT
        var placement = edges(dev(), Flow.PLACEMENT);
        var egress = edges(prod(), Flow.EGRESS);
        var launches = edges(dev(), Flow.LAUNCH);
        // then
        assertThat(placement).containsExactlyInAnyOrder("web-service -> capacity-asg-spot", "web-service -> capacity-asg-on-demand");
        assertThat(launches).containsExactlyInAnyOrder("capacity-asg -> capacity-asg-spot", "capacity-asg -> capacity-asg-on-demand");
        assertThat(egress).containsExactlyInAnyOrder(
                "capacity-asg-spot -> network-private-*", "capacity-asg-on-demand -> network-private-*",
                "network-private-* -> network-nat-*", "network-nat-* -> network-public-*",
                "network-public-* -> network-igw", "network-igw -> internet-egress");
        assertThat(node(prod(), "network-public-*").title()).isEqualTo("public subnet ×3");
        assertThat(node(prod(), "capacity-asg-spot").details()).containsExactly("price-capacity-optimized");
        // the on-demand group, all on demand, sized by ECS to the tasks the strategy keeps there
        assertThat(node(prod(), "capacity-asg-on-demand").details()).isEmpty();
    }

    @Test
    void withoutNatTheInstancesGoOutFromThePublicSubnetsThroughTheInternetGateway() {
        // given / when: dev has natGateways none
        var egress = edges(dev(), Flow.EGRESS);
        // then
        assertThat(egress).containsExactlyInAnyOrder("capacity-asg-spot -> network-public-*", "capacity-asg-on-demand -> network-public-*",
                "network-public-* -> network-igw", "network-igw -> internet-egress");
        assertThat(node(dev(), "network-public-*").title()).isEqualTo("public subnet ×2");
        assertThat(dev().nodes().stream().map(Node::id)).doesNotContain("network-private-*", "network-nat-*", "network-s3");
        assertThat(node(dev(), "capacity-asg-spot").details()).containsExactly("capacity-optimized");
    }

    @Test
    void copiesInOtherAzsAreOneBoxCounted() {
        // given / when / then: prod has three AZs, each with its NAT gateway
        assertThat(node(prod(), "network-private-*").title()).isEqualTo("private subnet ×3");
        assertThat(node(prod(), "network-nat-*").title()).isEqualTo("NAT gateway ×3");
        assertThat(node(prod(), "network-private-*").details()).containsExactly("10.1.128.0/20, 10.1.144.0/20, 10.1.160.0/20");
    }

    @Test
    void partsAreDrawnInsideTheResourceTheyConfigure() {
        // given
        var ids = dev().nodes().stream().map(Node::id).toList();
        // then: no box of their own
        assertThat(ids).doesNotContain("capacity-launch-template", "capacity-sg", "capacity-provider", "loadbalancer-http",
                "loadbalancer-sg", "web-rule", "web-task", "web-scaling-target", "network-public-rt", "network-nat-*-eip",
                "capacity-instance-profile", "alerts-key-alias", "alertpublishers-policy", "fleetwatch-schedule-target");
        assertThat(prod().nodes().stream().map(Node::id)).doesNotContain("capacity-sg", "network-nat-*-eip");
        // ...but what they say shows on it
        assertThat(node(dev(), "loadbalancer-alb").details()).containsExactly("internet-facing, in 2 subnets", "HTTP :80");
        assertThat(node(dev(), "web-tg").details()).containsExactly("HTTP :5000 to each instance", "health check /healthcheck",
                "rule: path /*");
        assertThat(node(dev(), "web-service").details()).containsExactly("2–4 tasks at CPU 70%", "each 256 CPU units, 256 MiB");
        assertThat(node(dev(), "capacity-asg").details()).containsExactly("1–4 instances", "t4g.micro, t4g.small");
    }

    @Test
    void wiringBetweenBoxesIsAReferenceExceptToTheVpc() {
        // given / when
        var references = edges(dev(), Flow.REFERENCE);
        // then
        assertThat(references).contains("capacity-asg -> loadbalancer-alb").doesNotContain("loadbalancer-alb -> capacity-asg");
        assertThat(references).contains("web-service -> cluster-ecs", "web-service -> image-image", "image-image -> cluster-images",
                "alarms-target-5xx-rate -> alerts-topic", "dashboard-cloudwatch -> alarms-p99-latency",
                "fleetwatch-function -> capacity-asg")
                .noneMatch(edge -> edge.endsWith("-> network-vpc") && !edge.startsWith("flowlogs"));
        assertThat(references).contains("image-pull-policy -> cluster-images", "flowlogs-vpc -> accesslogs-bucket");
        assertThat(edges(prod(), Flow.REFERENCE)).contains("network-nat-* -> network-igw");
        // prod's service runs the image its stack reference reads, and nothing else reads it
        assertThat(edges(prod(), Flow.REFERENCE)).contains("web-service -> image-source")
                .filteredOn(edge -> edge.endsWith("-> image-source")).containsExactly("web-service -> image-source");
    }

    @Test
    void componentsAndTiers() {
        // given / when / then
        assertThat(dev().components().keySet()).containsExactly("network", "accesslogs", "flowlogs", "loadbalancer", "cluster",
                "capacity", "image", "web", "alerts", "fleetwatch", "alarms", "spotalerts", "dashboard");
        assertThat(node(dev(), "accesslogs-bucket").tier()).isEqualTo(Tier.SUPPORT);
        assertThat(node(dev(), "accesslogs-bucket").title()).isEqualTo("S3 bucket");
        assertThat(node(dev(), "internet").component()).isEmpty();
        assertThat(node(dev(), "internet").derived()).isTrue();
        assertThat(node(dev(), "web-service").tier()).isEqualTo(Tier.TRAFFIC);
        assertThat(node(dev(), "cluster-ecs").tier()).isEqualTo(Tier.PLATFORM);
        assertThat(node(dev(), "flowlogs-vpc").tier()).isEqualTo(Tier.SUPPORT);
        assertThat(node(dev(), "alerts-topic").tier()).isEqualTo(Tier.SUPPORT);
        assertThat(node(dev(), "fleetwatch-schedule").details()).containsExactly("rate(1 minute)");
        assertThat(node(dev(), "capacity-instance-role").details()).containsExactly("for ec2");
        assertThat(node(dev(), "cluster-logs").details()).containsExactly("kept 14 days");
        // dev builds for Graviton and grants prod the pull; prod builds nothing and runs what dev's stack exports
        assertThat(node(dev(), "image-image").details()).containsExactly("linux/arm64");
        assertThat(node(dev(), "image-pull-policy").details()).containsExactly("to prod");
        assertThat(node(prod(), "image-source").details()).containsExactly("from <computed>/spotfleet/dev");
        assertThat(prod().nodes().stream().map(Node::id)).doesNotContain("image-image", "image-pull-policy");
        assertThat(node(dev(), "network-vpc").details()).containsExactly("10.0.0.0/16");
        assertThat(node(dev(), "fleetwatch-function").details()).containsExactly("python3.13");
        assertThat(node(dev(), "spotalerts-launch-failed").details()).containsExactly("EC2 Instance Launch Unsuccessful");
        assertThat(node(dev(), "alerts-topic").details()).isEmpty();
        assertThat(node(dev(), "network-igw").title()).isEqualTo("internet gateway");
        assertThat(dev().nodes().stream().map(Node::id)).containsSubsequence("internet", "network-vpc", "capacity-asg",
                "capacity-asg-spot", "capacity-asg-on-demand", "image-image", "internet-egress");
        assertThat(dev().nodes().getLast().id()).isEqualTo("internet-egress");
        assertThat(node(dev(), "loadbalancer-alb").title()).isEqualTo("ALB");
    }

    @Test
    void theSameNodeOrderEveryTime() throws Exception {
        // given / when
        var again = ArchitectureGraph.of(Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "dev")));
        // then
        assertThat(again).isEqualTo(dev());
    }

    @Test
    void noBoxIsAComponentOrTheProvider() {
        // given / when
        var ids = dev().nodes().stream().map(Node::id).toList();
        // then
        assertThat(ids).doesNotContain("aws", "network", "web", "capacity", "alarms").contains("network-vpc", "web-service");
    }

    @Test
    void arrowsAreOrderedBySourceBoxThenTargetBox() {
        // given
        var graph = dev();
        var ids = graph.nodes().stream().map(Node::id).toList();
        // when
        var positions = graph.edges().stream().map(edge -> List.of(ids.indexOf(edge.from()), ids.indexOf(edge.to()))).toList();
        // then
        assertThat(positions).isSortedAccordingTo((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        assertThat(positions).allSatisfy(pair -> assertThat(pair).doesNotContain(-1));
    }

    @Test
    void onlyServicesPlaceTasksOnTheInstancesThatJoinTheirCluster() {
        // given: a cluster, a group whose launch template joins it, a service and a task set in it, and a service elsewhere
        var plan = plan(
                resource("aws:ecs/cluster:Cluster", "ecs", "c"),
                resource("aws:ecs/cluster:Cluster", "other", "c"),
                resource(ResourceKinds.LAUNCH_TEMPLATE, "template", "c", new Plan.Reference("userData", "ecs")),
                resource(ResourceKinds.AUTO_SCALING_GROUP, "group", "c", new Plan.Reference("launchTemplate", "template")),
                resource(ResourceKinds.SERVICE, "service", "s", new Plan.Reference("cluster", "ecs")),
                resource("aws:ecs/taskSet:TaskSet", "tasks", "s", new Plan.Reference("cluster", "ecs")),
                resource(ResourceKinds.SERVICE, "elsewhere", "s", new Plan.Reference("cluster", "other")));
        // when
        var graph = ArchitectureGraph.of(plan);
        // then: no mixed-instances policy, so on-demand only
        assertThat(edges(graph, Flow.PLACEMENT)).containsExactly("service -> group-on-demand");
        assertThat(edges(graph, Flow.LAUNCH)).containsExactly("group -> group-on-demand");
        assertThat(graph.components()).containsOnlyKeys("c", "s");
    }

    @Test
    void theInstancesSitInTheGroupsSubnetsAndServeTheClusterItsUserDataJoins() {
        // given: the group's launch template names two clusters, only one in its user data; the group names a subnet
        // and a placement group
        var plan = plan(
                resource("aws:ecs/cluster:Cluster", "ecs", "c"),
                resource("aws:ecs/cluster:Cluster", "other", "c"),
                resource(ResourceKinds.SUBNET, "subnet", "c"),
                resource("aws:ec2/placementGroup:PlacementGroup", "spread", "c"),
                resource(ResourceKinds.LAUNCH_TEMPLATE, "template", "c", new Plan.Reference("tagSpecifications", "other"),
                        new Plan.Reference("userData", "ecs")),
                resource(ResourceKinds.AUTO_SCALING_GROUP, "group", "c", new Plan.Reference("launchTemplate", "template"),
                        new Plan.Reference("placementGroup", "spread"), new Plan.Reference("vpcZoneIdentifiers", "subnet")),
                resource(ResourceKinds.SERVICE, "service", "s", new Plan.Reference("cluster", "ecs")),
                resource(ResourceKinds.SERVICE, "elsewhere", "s", new Plan.Reference("cluster", "other")));
        // when
        var graph = ArchitectureGraph.of(plan);
        // then
        assertThat(edges(graph, Flow.EGRESS)).containsExactly("group-on-demand -> subnet");
        assertThat(edges(graph, Flow.PLACEMENT)).containsExactly("service -> group-on-demand");
        assertThat(edges(graph, Flow.REFERENCE)).contains("group -> spread", "group -> other").doesNotContain("group -> subnet");
        assertThat(graph.nodes().stream().map(Node::id)).containsSubsequence("group", "group-on-demand", "service");
    }

    @Test
    void trafficReplacesWiringBetweenTwoBoxesAndTheFirstWiringStays() {
        // given: the target group names the load balancer before the rule carries requests between them, and the
        // load balancer's second listener names the target group afterwards
        var plan = plan(
                resource(ResourceKinds.LOAD_BALANCER, "lb", "s"),
                resource(ResourceKinds.LISTENER, "listener", "s", new Plan.Reference("loadBalancerArn", "lb")),
                resource(ResourceKinds.TARGET_GROUP, "tg", "s", new Plan.Reference("tags", "lb")),
                resource(ResourceKinds.LISTENER_RULE, "rule", "s", new Plan.Reference("actions", "tg"),
                        new Plan.Reference("listenerArn", "listener")),
                resource(ResourceKinds.LISTENER, "second", "s", new Plan.Reference("loadBalancerArn", "lb"),
                        new Plan.Reference("tags", "tg")),
                resource("aws:cloudwatch/logGroup:LogGroup", "a", "l", new Plan.Reference("kmsKeyId", "b")),
                resource("aws:kms/key:Key", "b", "l", new Plan.Reference("policy", "a")));
        // when
        var graph = ArchitectureGraph.of(plan);
        // then
        assertThat(graph.edges()).extracting(ArchitectureGraphTest::text).containsExactly("internet -> lb", "lb -> tg", "a -> b");
        assertThat(graph.edges()).extracting(Edge::flow).containsExactly(Flow.REQUEST, Flow.REQUEST, Flow.REFERENCE);
    }

    static Plan plan(Plan.PlannedResource... resources) {
        var all = new java.util.ArrayList<Plan.PlannedResource>();
        for (var component : List.of("c", "s", "l")) {
            all.add(new Plan.PlannedResource("spotfleet:index:Part" + component.toUpperCase(), component, Optional.empty(), false,
                    Map.of(), List.of(), List.of(), List.of(), false, Map.of()));
        }
        all.addAll(List.of(resources));
        return new Plan("p", "java", "test", "Pulumi.test.yaml", List.of(), null, List.of(), all, Map.of());
    }

    static Plan.PlannedResource resource(String type, String name, String component, Plan.Reference... references) {
        return new Plan.PlannedResource(type, name, Optional.of(component), true, Map.of(), List.of(), List.of(references),
                List.of(), false, Map.of());
    }

    @Test
    void aRulesConditionsLabelItsArrow() {
        // given
        var rule = new Plan.PlannedResource(ResourceKinds.LISTENER_RULE, "rule", Optional.empty(), true, Map.of("conditions",
                List.of(Map.of("pathPattern", Map.of("values", List.of("/api/*"))),
                        Map.of("hostHeader", Map.of("values", List.of("app.example.com"))))),
                List.of(), List.of(), List.of(), false, Map.of());
        var listener = new Plan.PlannedResource(ResourceKinds.LISTENER, "l", Optional.empty(), true, Map.of(), List.of(),
                List.of(), List.of(), false, Map.of());
        // when / then
        assertThat(NodeDetails.edgeLabel(rule)).isEqualTo("path /api/*, host app.example.com");
        assertThat(NodeDetails.edgeLabel(listener)).isEmpty();
    }

    @Test
    void listenersAreListedByPort() {
        // given
        var https = new Plan.PlannedResource(ResourceKinds.LISTENER, "https", Optional.empty(), true,
                Map.of("protocol", "HTTPS", "port", 443L), List.of(), List.of(), List.of(), false, Map.of());
        var http = new Plan.PlannedResource(ResourceKinds.LISTENER, "http", Optional.empty(), true,
                Map.of("protocol", "HTTP", "port", 80L), List.of(), List.of(), List.of(), false, Map.of());
        // when / then
        assertThat(NodeDetails.listeners(List.of(https, http))).isEqualTo("HTTP :80, HTTPS :443");
    }

    @Test
    void purchaseOptionsFollowTheMixedInstancesPolicy() {
        // given / when / then
        assertThat(options(Map.of())).containsExactly("on-demand instances []");
        assertThat(options(distribution(0, 0))).containsExactly("Spot instances [capacity-optimized]");
        assertThat(options(distribution(2, 0))).containsExactly("Spot instances [capacity-optimized]", "on-demand instances [base 2]");
        assertThat(options(distribution(0, 100))).containsExactly("on-demand instances []");
        assertThat(options(distribution(1, 20))).containsExactly("Spot instances [capacity-optimized]",
                "on-demand instances [base 1, 20% above it]");
        assertThat(options(Map.of("mixedInstancesPolicy", Map.of("instancesDistribution", Map.of()))))
                .containsExactly("on-demand instances []");
    }

    private static Map<String, Object> distribution(long base, long above) {
        return Map.of("mixedInstancesPolicy", Map.of("instancesDistribution", Map.of("onDemandBaseCapacity", base,
                "onDemandPercentageAboveBaseCapacity", above, "spotAllocationStrategy", "capacity-optimized")));
    }

    private static List<String> options(Map<String, Object> inputs) {
        var group = new Plan.PlannedResource(ResourceKinds.AUTO_SCALING_GROUP, "asg", Optional.empty(), true, inputs,
                List.of(), List.of(), List.of(), false, Map.of());
        return NodeDetails.purchaseOptions(group).stream().map(option -> option.title() + " " + option.details()).toList();
    }

    private static List<String> edges(ArchitectureGraph graph, Flow flow) {
        return graph.edges().stream().filter(edge -> edge.flow() == flow).map(ArchitectureGraphTest::text).collect(Collectors.toList());
    }

    private static String text(Edge edge) {
        return edge.from() + " -> " + edge.to();
    }

    private static Node node(ArchitectureGraph graph, String id) {
        return graph.nodes().stream().filter(node -> node.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no box " + id + " in " + graph.nodes().stream().map(Node::id).toList()));
    }
}
