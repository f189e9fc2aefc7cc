package spotfleet.infra.plan;

import spotfleet.infra.plan.ResourceKinds.Flow;
import spotfleet.infra.offline.ResourceTypes.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A plan as a picture of the architecture: one box per resource, or per resource with the resources that only
 * configure it ({@link ResourceKinds#PARTS}) and its siblings in other Availability Zones; an arrow per wiring
 * between boxes. Arrows along {@link ResourceKinds#CARRIERS} carry traffic; the rest say which resource's input
 * names which. Three things a plan cannot show are derived from resource types: the internet in front of an
 * internet-facing load balancer and behind an internet gateway, the Spot and on-demand instances an Auto Scaling
 * group launches, and the service's tasks placed on the instances that join its cluster.
 *
 * @param components the program's components that hold boxes, in declaration order (logical name to type)
 * @param nodes      the boxes, in the order their first resource was declared; the internet in front comes first, the
 *                   instances right after their group, the internet behind last
 * @param edges      the arrows, by source then target box
 */
record ArchitectureGraph(Map<String, String> components, List<Node> nodes, List<Edge> edges) {

    static final String INTERNET_IN = "internet";
    static final String INTERNET_OUT = "internet-egress";

    /**
     * One box.
     *
     * @param id        a stable id: the logical name of its main resource ({@code -*} standing for AZ indexes)
     * @param component the component it belongs to; empty for the internet, which belongs to no one
     * @param title     what it is, e.g. {@code load balancer}; {@code subnet ×2} for siblings
     * @param details   a few key settings, one line each
     * @param tier      how prominent to draw it
     * @param derived   not a declared resource but derived from one (the internet, the instances)
     */
    record Node(String id, Optional<String> component, String title, List<String> details, Tier tier, boolean derived) {
    }

    /** One arrow; {@code label} may be empty. */
    record Edge(String from, String to, Flow flow, String label) {
    }

    static ArchitectureGraph of(Plan plan) {
        return new Builder(plan).build();
    }

    private static final class Builder {
        private final List<Plan.PlannedResource> resources;
        private final Map<String, Plan.PlannedResource> byName = new LinkedHashMap<>();
        private final Map<String, String> types = new HashMap<>();
        private final Map<String, String> parents = new HashMap<>();
        /** Every resource of the plan, components included, with its type. */
        private final Map<String, String> components = new LinkedHashMap<>();
        private final Map<String, List<Plan.PlannedResource>> boxes = new LinkedHashMap<>();
        private final Map<String, String> boxOf = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Edge> edges = new LinkedHashMap<>();

        Builder(Plan plan) {
            plan.resources().forEach(r -> components.put(r.name(), r.type()));
            this.resources = plan.resources().stream()
                    .filter(r -> r.custom() && !r.type().startsWith("pulumi:providers:"))
                    .toList();
            resources.forEach(r -> {
                byName.put(r.name(), r);
                types.put(r.name(), r.type());
                parents.put(r.name(), r.name());
            });
        }

        ArchitectureGraph build() {
            group();
            boxes.forEach((id, members) -> nodes.add(node(id, members)));
            wire();
            derive();
            // The components that hold boxes, in declaration order (the plan lists every resource, components too).
            var used = nodes.stream().map(Node::component).flatMap(Optional::stream).distinct().toList();
            var held = new LinkedHashMap<String, String>();
            components.forEach((name, type) -> {
                if (used.contains(name)) {
                    held.put(name, type);
                }
            });
            var position = new HashMap<String, Integer>();
            nodes.forEach(node -> position.put(node.id(), position.size()));
            var sorted = edges.values().stream()
                    .sorted(Comparator.comparingInt((Edge e) -> position.get(e.from())).thenComparingInt(e -> position.get(e.to())))
                    .toList();
            return new ArchitectureGraph(held, List.copyOf(nodes), sorted);
        }

        /** Resources that are parts of another, and siblings across AZs, share a box. */
        private void group() {
            for (var resource : resources) {
                for (var reference : resource.references()) {
                    var target = byName.get(reference.resource());
                    if (target != null && ResourceKinds.isPart(resource.type(), reference.input(), target.type())) {
                        union(resource.name(), target.name());
                    }
                }
            }
            var siblings = new HashMap<String, String>();
            for (var resource : resources) {
                var key = resource.type() + " " + resource.parent().orElse("") + " " + siblingKey(resource.name());
                var first = siblings.putIfAbsent(key, resource.name());
                if (first != null) {
                    union(first, resource.name());
                }
            }
            var members = new LinkedHashMap<String, List<Plan.PlannedResource>>();
            resources.forEach(r -> members.computeIfAbsent(find(r.name()), root -> new ArrayList<>()).add(r));
            members.values().forEach(group -> {
                var id = siblingKey(host(group).name());
                boxes.put(id, group);
                group.forEach(r -> boxOf.put(r.name(), id));
            });
        }

        private Node node(String id, List<Plan.PlannedResource> members) {
            var host = host(members);
            var count = members.stream().filter(r -> r.type().equals(host.type())).count();
            var title = NodeDetails.title(host, members, types) + (count > 1 ? " ×" + count : "");
            return new Node(id, host.parent(), title, NodeDetails.of(host, members), ResourceKinds.tier(host.type()), false);
        }

        /** An arrow per reference and explicit dependency between two boxes; traffic wins over plain wiring. */
        private void wire() {
            for (var resource : resources) {
                for (var reference : resource.references()) {
                    var target = byName.get(reference.resource());
                    if (target == null || ResourceKinds.PLACEMENT_INPUTS.contains(reference.input())) {
                        continue;
                    }
                    var carrier = ResourceKinds.CARRIERS.stream()
                            .filter(c -> c.type().equals(resource.type()) && c.input().equals(reference.input())
                                    && c.target().equals(target.type()))
                            .findFirst();
                    var from = boxOf.get(resource.name());
                    var to = boxOf.get(target.name());
                    if (carrier.isPresent()) {
                        var flow = carrier.get();
                        add(flow.reversed() ? to : from, flow.reversed() ? from : to, flow.flow(), "");
                    } else {
                        add(from, to, Flow.REFERENCE, "");
                    }
                }
                resource.dependsOn().stream().filter(byName::containsKey)
                        .forEach(name -> add(boxOf.get(resource.name()), boxOf.get(name), Flow.REFERENCE, ""));
            }
        }

        /** The internet at both ends, the instances, and the tasks placed on them. */
        private void derive() {
            var entrances = new ArrayList<Node>();
            var exits = new ArrayList<Node>();
            for (var node : List.copyOf(nodes)) {
                var members = boxes.get(node.id());
                var host = host(members);
                if (host.type().equals(ResourceKinds.LOAD_BALANCER) && !Boolean.TRUE.equals(host.inputs().get("internal"))) {
                    entrances.add(node);
                }
                if (host.type().equals(ResourceKinds.INTERNET_GATEWAY)) {
                    exits.add(node);
                }
                if (host.type().equals(ResourceKinds.AUTO_SCALING_GROUP)) {
                    // the groups that share a launch template share a box: a Spot group and an on-demand group
                    members.stream().filter(r -> r.type().equals(ResourceKinds.AUTO_SCALING_GROUP))
                            .forEach(group -> instances(node, group));
                }
            }
            if (!entrances.isEmpty()) {
                nodes.addFirst(new Node(INTERNET_IN, Optional.empty(), "internet", List.of("clients"), Tier.TRAFFIC, true));
                entrances.forEach(lb -> add(INTERNET_IN, lb.id(), Flow.REQUEST, ""));
            }
            if (!exits.isEmpty()) {
                nodes.add(new Node(INTERNET_OUT, Optional.empty(), "internet", List.of("AWS APIs, images"), Tier.TRAFFIC, true));
                exits.forEach(gateway -> add(gateway.id(), INTERNET_OUT, Flow.EGRESS, ""));
            }
        }

        /**
         * The instances an Auto Scaling group launches, by purchase option; they sit in the group's subnets, and the
         * tasks of every service in the cluster their user data (the launch template's) joins run on them.
         */
        private void instances(Node group, Plan.PlannedResource host) {
            var subnets = host.references().stream().filter(r -> r.input().equals("vpcZoneIdentifiers"))
                    .map(r -> boxOf.get(r.resource())).distinct().toList();
            var clusters = boxes.get(group.id()).stream()
                    .flatMap(r -> r.references().stream().filter(ref -> ref.input().equals("userData")))
                    .map(ref -> boxOf.get(ref.resource())).distinct().toList();
            var services = resources.stream().filter(r -> r.type().equals(ResourceKinds.SERVICE))
                    .filter(r -> r.references().stream().anyMatch(ref -> ref.input().equals("cluster")
                            && clusters.contains(boxOf.get(ref.resource()))))
                    .map(r -> boxOf.get(r.name())).distinct().toList();
            var at = nodes.indexOf(group) + 1;
            while (at < nodes.size() && nodes.get(at).id().startsWith(group.id() + "-") && nodes.get(at).derived()) {
                at++; // after the purchase options an earlier group of the box added
            }
            for (var option : NodeDetails.purchaseOptions(host)) {
                var id = group.id() + "-" + option.id();
                nodes.add(at++, new Node(id, group.component(), option.title(), option.details(), Tier.TRAFFIC, true));
                add(group.id(), id, Flow.LAUNCH, "");
                subnets.forEach(subnet -> {
                    edges.remove(pair(group.id(), subnet));
                    add(id, subnet, Flow.EGRESS, "");
                });
                services.forEach(service -> add(service, id, Flow.PLACEMENT, ""));
            }
        }

        /** One arrow per pair of boxes: traffic replaces plain wiring, and the first wiring between two boxes stays. */
        private void add(String from, String to, Flow flow, String label) {
            if (from.equals(to)) {
                return;
            }
            var existing = edges.get(pair(from, to));
            if (existing != null && (existing.flow() != Flow.REFERENCE || flow == Flow.REFERENCE)) {
                return;
            }
            edges.put(pair(from, to), new Edge(from, to, flow, label));
        }

        /** The same key for both directions between two boxes. */
        private static String pair(String a, String b) {
            return Stream.of(a, b).sorted().collect(Collectors.joining(" "));
        }

        private Plan.PlannedResource host(List<Plan.PlannedResource> members) {
            // members are in declaration order, and min keeps the first of equals: the first declared of its type
            return members.stream().min(Comparator.comparingInt(r -> ResourceKinds.hostRank(r.type()))).orElseThrow();
        }

        /** {@code network-private-*} for {@code network-private-0}: the name with its AZ index left out. */
        private static String siblingKey(String name) {
            return name.replaceAll("-\\d+(?=-|$)", "-*");
        }

        private String find(String name) {
            var parent = parents.get(name);
            if (parent.equals(name)) {
                return name;
            }
            var root = find(parent);
            parents.put(name, root);
            return root;
        }

        private void union(String a, String b) {
            var rootA = find(a);
            var rootB = find(b);
            // Which root wins does not matter: a box is named and ordered after its host, whatever its root.
            parents.put(rootB, rootA);
        }
    }
}
