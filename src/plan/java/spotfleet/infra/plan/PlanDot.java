package spotfleet.infra.plan;

import spotfleet.infra.plan.ArchitectureGraph.Edge;
import spotfleet.infra.plan.ArchitectureGraph.Node;
import spotfleet.infra.plan.ResourceKinds.Flow;
import spotfleet.infra.offline.ResourceTypes.Tier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan as a Graphviz picture of its architecture ({@code ./plan dev --format dot | dot -Tsvg}). Two blocks: the
 * service's path, where requests run left to right from the internet to the tasks and their instances, and
 * outbound traffic runs back right to left (through NAT, where the stack has it) to the internet; and below it, small and grey, the
 * components that only support it (logs, alarms, alerts, the dashboard), each naming the components it refers to
 * rather than drawing an arrow across. The text depends on the plan alone: the same plan gives the same picture.
 */
public final class PlanDot {

    private static final String FONT = "Helvetica,Arial,sans-serif";
    private static final String BLUE = "#1f5fbf";
    private static final String ORANGE = "#c8661c";
    private static final String GREY = "#b4bac2";
    private static final String GREY_TEXT = "#6b7280";
    private static final String INK = "#39424e";
    /** Detail lines longer than this are broken after a comma. */
    private static final int LINE = 22;

    private final StringBuilder out = new StringBuilder();
    private final ArchitectureGraph graph;
    private final Set<String> supporting = new LinkedHashSet<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private PlanDot(ArchitectureGraph graph) {
        this.graph = graph;
        graph.nodes().forEach(node -> nodes.put(node.id(), node));
        graph.components().keySet().stream()
                .filter(component -> members(component).stream().allMatch(node -> node.tier() == Tier.SUPPORT))
                .forEach(supporting::add);
    }

    public static String render(Plan plan) {
        return new PlanDot(ArchitectureGraph.of(plan)).write(plan);
    }

    private String write(Plan plan) {
        var name = plan.project() + "-" + plan.stack();
        line("// The architecture of stack %s, drawn from its offline plan by ./plan %s --format dot.".formatted(name, plan.stack()));
        line("// Render it with Graphviz: dot -Tsvg (docs/render-architecture makes the picture in the docs). Outbound traffic");
        line("// and most wiring are written target first with dir=back: drawn the right way, laid out to read left to right.");
        line("digraph %s {".formatted(quote(name)));
        line("  graph [rankdir=LR, newrank=true, nodesep=0.12, ranksep=0.25, pad=0.2, fontname=%s,".formatted(quote(FONT)));
        line("         labelloc=b, labeljust=l, fontsize=10, fontcolor=%s, label=<%s>]".formatted(quote(GREY_TEXT), legend(plan)));
        line("  node [shape=box, style=\"rounded,filled\", fontname=%s, fontsize=10, fontcolor=%s, color=%s, fillcolor=white,"
                .formatted(quote(FONT), quote(INK), quote(GREY_TEXT)));
        line("        margin=\"0.08,0.03\", penwidth=1]");
        line("  edge [fontname=%s, fontsize=9, color=%s, arrowsize=0.5, penwidth=0.8]".formatted(quote(FONT), quote(GREY)));
        // Declared first, the supporting block is drawn below the service's path.
        if (!supporting.isEmpty()) {
            line("  subgraph \"cluster_supporting\" {");
            line("    label=<supporting>; labeljust=r; fontsize=9; fontcolor=%s; style=dashed; color=%s;"
                    .formatted(quote(GREY_TEXT), quote("#d5d9de")));
            supporting.forEach(component -> cluster(component, "    "));
            line("  }");
            graph.edges().stream().filter(edge -> inSupport(edge.from()) && inSupport(edge.to())).forEach(this::edge);
        }
        graph.nodes().stream().filter(node -> node.component().isEmpty()).forEach(node -> node(node, "  "));
        graph.components().keySet().stream().filter(component -> !supporting.contains(component))
                .forEach(component -> cluster(component, "  "));
        graph.edges().stream().filter(edge -> !inSupport(edge.from()) && !inSupport(edge.to())).forEach(this::edge);
        line("}");
        return out.toString();
    }

    private void cluster(String component, String indent) {
        var type = graph.components().get(component);
        var support = supporting.contains(component);
        var label = "<b>" + escape(type.substring(type.lastIndexOf(':') + 1)) + "</b>";
        var refersTo = refersTo(component);
        if (!refersTo.isEmpty()) {
            label += wrap("refers to " + String.join(", ", refersTo)).stream()
                    .map(text -> "<br/><font point-size=\"8\">" + escape(text) + "</font>").collect(Collectors.joining());
        }
        line(indent + "subgraph %s {".formatted(quote("cluster_" + component)));
        line(indent + "  label=<%s>; labeljust=l; fontsize=%d; fontcolor=%s; style=\"rounded%s\"; color=%s; penwidth=%s;"
                .formatted(label, support ? 9 : 11, quote(support ? GREY_TEXT : INK), support ? ",dashed" : "",
                        quote(support ? GREY : GREY_TEXT), support ? "0.8" : "1.2"));
        members(component).forEach(node -> node(node, indent + "  "));
        line(indent + "}");
    }

    /** The other components a supporting component's boxes refer to, or are referred to by, across the blocks. */
    private List<String> refersTo(String component) {
        if (!supporting.contains(component)) {
            return List.of();
        }
        var others = new LinkedHashSet<String>();
        for (var edge : graph.edges()) {
            var from = nodes.get(edge.from()).component();
            var to = nodes.get(edge.to()).component();
            if (from.equals(Optional.of(component)) && to.isPresent() && !supporting.contains(to.get())) {
                others.add(to.get());
            }
            if (to.equals(Optional.of(component)) && from.isPresent() && !supporting.contains(from.get())) {
                others.add(from.get());
            }
        }
        return graph.components().entrySet().stream().filter(entry -> others.contains(entry.getKey()))
                .map(entry -> entry.getValue().substring(entry.getValue().lastIndexOf(':') + 1)).toList();
    }

    private void node(Node node, String indent) {
        var support = node.tier() == Tier.SUPPORT;
        var label = new StringBuilder("<b>").append(escape(node.title())).append("</b>");
        if (!node.derived()) {
            label.append("<br/><font point-size=\"8\" color=\"").append(GREY_TEXT).append("\">").append(escape(node.id()))
                    .append("</font>");
        }
        node.details().stream().flatMap(detail -> wrap(detail).stream())
                .forEach(detail -> label.append("<br/><font point-size=\"").append(support ? 8 : 9).append("\">")
                        .append(escape(detail)).append("</font>"));
        var attributes = new StringBuilder("label=<").append(label).append(">");
        switch (node.tier()) {
            case TRAFFIC -> attributes.append(", fontsize=12, color=").append(quote(BLUE))
                    .append(", fillcolor=\"#eaf1fb\", penwidth=1.4");
            case SUPPORT -> attributes.append(", fontsize=9, fontcolor=").append(quote(GREY_TEXT)).append(", color=")
                    .append(quote(GREY)).append(", fillcolor=\"#f6f7f8\"");
            case PLATFORM -> {
            }
        }
        if (node.derived()) {
            attributes.append(", style=\"rounded,filled,dashed\"");
        }
        if (node.component().isEmpty()) {
            attributes.append(", shape=oval");
        }
        line(indent + quote(node.id()) + " [" + attributes + "]");
    }

    /**
     * One arrow. Outbound traffic is laid out against its direction (and drawn with it), so that it runs back to the
     * internet under the requests; plain wiring is laid out with the resource named before the one naming it, except
     * between two boxes on the traffic path, where it does not move them at all.
     */
    private void edge(Edge edge) {
        // An external label: a plain one would take a rank of its own and double the picture's width.
        var label = edge.label().isEmpty() ? "" : ", xlabel=" + quote(edge.label());
        switch (edge.flow()) {
            case REQUEST -> arrow(edge.from(), edge.to(), "color=%s, fontcolor=%s, penwidth=2.2, arrowsize=0.8, weight=8"
                    .formatted(quote(BLUE), quote(BLUE)) + label);
            case PLACEMENT -> arrow(edge.from(), edge.to(), "color=%s, fontcolor=%s, penwidth=1.6, style=dashed, arrowsize=0.7, weight=8"
                    .formatted(quote(BLUE), quote(BLUE)) + label);
            case EGRESS -> arrow(edge.to(), edge.from(), "dir=back, color=%s, fontcolor=%s, penwidth=2, arrowsize=0.8, weight=8"
                    .formatted(quote(ORANGE), quote(ORANGE)) + label);
            case LAUNCH -> arrow(edge.from(), edge.to(), "style=dashed" + label);
            case REFERENCE -> {
                if (inSupport(edge.from())) {
                    arrow(edge.from(), edge.to(), label.isEmpty() ? "" : label.substring(2));
                } else if (nodes.get(edge.from()).tier() == Tier.TRAFFIC && nodes.get(edge.to()).tier() == Tier.TRAFFIC) {
                    arrow(edge.from(), edge.to(), "constraint=false" + label);
                } else {
                    arrow(edge.to(), edge.from(), "dir=back" + label);
                }
            }
        }
    }

    private void arrow(String from, String to, String attributes) {
        line("  %s -> %s%s".formatted(quote(from), quote(to), attributes.isEmpty() ? "" : " [" + attributes + "]"));
    }

    private boolean inSupport(String id) {
        return nodes.get(id).component().filter(supporting::contains).isPresent();
    }

    private List<Node> members(String component) {
        return graph.nodes().stream().filter(node -> node.component().equals(Optional.of(component))).toList();
    }

    /** {@code text} in lines of about {@link #LINE} characters, broken after commas. */
    static List<String> wrap(String text) {
        var lines = new ArrayList<String>();
        var current = new StringBuilder();
        for (var part : text.split("(?<=,) ")) {
            if (!current.isEmpty() && current.length() + 1 + part.length() > LINE) {
                lines.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : " ").append(part);
        }
        lines.add(current.toString());
        return lines;
    }

    private static String legend(Plan plan) {
        return String.join("<br/>", List.of(
                ("<font color=\"%s\"><b>blue</b>: requests</font> · <font color=\"%s\">dashed blue: where the tasks run</font>"
                        + " · <font color=\"%s\"><b>orange</b>: outbound traffic</font> · grey: an input wired"
                        + " from another resource").formatted(BLUE, BLUE, ORANGE),
                escape("A box is a resource of the plan, with the resources that only configure it (rules, policies, "
                        + "attachments) and its copies in other AZs (×n); a dashed box is derived from one."),
                escape("Stack %s of project %s, drawn by ./plan %s --format dot".formatted(plan.stack(), plan.project(), plan.stack()))));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
