package spotfleet.contract;

import java.util.List;
import java.util.function.Function;

/**
 * A rule AWS states only in the documentation text of a model member, not as a model constraint.
 *
 * @param service the botocore service
 * @param shape   the structure shape the member belongs to, e.g. {@code CreateSecurityGroupRequest}
 * @param member  the member; empty for a rule on the whole structure (one member's rule depends on another's value)
 * @param quote   the model's own words for the rule (from {@code botocore/data/<service>/<version>/service-2.json})
 * @param rule    the value (the member's, or the structure's) to what is wrong with it
 */
public record DocumentedConstraint(String service, String shape, String member, String quote,
                                   Function<Object, List<Violation>> rule) {

    /** The model's documentation of the member still says what {@link #quote} quotes (see DocumentedConstraintsTest). */
    public boolean quotesTheModel(ServiceModels models) {
        var model = models.service(service);
        var structure = model.shape(shape);
        // The rule is in the member's documentation, the structure's, or (log retention days) the member's shape's.
        // A rule on the whole structure quotes one of its members (e.g. PlacementStrategy's field).
        var docs = member.isEmpty()
                ? shapeDocumentation(structure) + structure.members().keySet().stream().map(structure::memberDocumentation)
                        .collect(java.util.stream.Collectors.joining(" "))
                : structure.memberDocumentation(member) + " " + shapeDocumentation(model.shape(structure.members().get(member)));
        return normalized(docs).contains(normalized(quote));
    }

    private static String shapeDocumentation(Shape shape) {
        return shape.json().has("documentation") ? Shape.plainText(shape.json().get("documentation").getAsString()) : "";
    }

    /** Without whitespace: the model's HTML puts spaces where tags were ("alias/ExampleAlias ."). */
    private static String normalized(String text) {
        return text.replaceAll("\\s+", "");
    }
}
