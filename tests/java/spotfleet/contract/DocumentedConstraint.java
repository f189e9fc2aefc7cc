package spotfleet.contract;

import java.util.List;
import java.util.function.Function;

/**
 * A rule AWS states only in the documentation text of a model member, not as a model constraint.
 *
 * @param service the botocore service
 * @param shape   the structure shape the member belongs to, e.g. {@code CreateSecurityGroupRequest}
 * @param member  the member; empty for a rule on the whole structure (one member's rule depends on another's value)
 * @param quotes  the model's own words for the rule (from {@code botocore/data/<service>/<version>/service-2.json}),
 *                one wording per botocore era where AWS reworded it (Debian's 1.29 first, then the newer); the rule
 *                holds where the model in use says one of them
 * @param rule    the value (the member's, or the structure's) to what is wrong with it
 * @param source  empty when the quotes are the model's; else where AWS states the rule when the model in use no
 *                longer does (a page of AWS's documentation), the quotes then being that page's words
 */
public record DocumentedConstraint(String service, String shape, String member, List<String> quotes,
                                   Function<Object, List<Violation>> rule, String source) {

    public DocumentedConstraint {
        quotes = List.copyOf(quotes);
        if (quotes.isEmpty()) {
            throw new IllegalArgumentException("%s:%s.%s quotes nothing".formatted(service, shape, member));
        }
    }

    public DocumentedConstraint(String service, String shape, String member, List<String> quotes, Function<Object, List<Violation>> rule) {
        this(service, shape, member, quotes, rule, "");
    }

    public DocumentedConstraint(String service, String shape, String member, String quote, Function<Object, List<Violation>> rule) {
        this(service, shape, member, List.of(quote), rule, "");
    }

    /** The first wording (Debian's botocore 1.29). */
    public String quote() {
        return quotes.getFirst();
    }

    /**
     * This constraint as the check applies it with {@code models}: itself where their documentation says one of its
     * quotes; otherwise a rule that fails every value it is asked about, naming the missing text (fail closed: a rule
     * whose source is gone is never applied silently, and never skipped).
     */
    public DocumentedConstraint against(ServiceModels models) {
        if (!source.isEmpty() || quotesTheModel(models)) {
            return this;
        }
        var message = ("cannot be checked: the rule's source text (\"%s\") is not in %s's documentation of %s:%s%s; "
                + "read the model's new wording and add it to the constraint's quotes (docs/aws-contract-check.md)")
                .formatted(quote(), models.describe(), service, shape, member.isEmpty() ? "" : "." + member);
        return new DocumentedConstraint(service, shape, member, quotes, value -> Violation.of(message), source);
    }

    /** The model's documentation of the member still says one of {@link #quotes} (see DocumentedConstraintsTest). */
    public boolean quotesTheModel(ServiceModels models) {
        try {
            var docs = normalized(documentation(models));
            return quotes.stream().anyMatch(quote -> docs.contains(normalized(quote)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false; // the model lacks the shape or member the rule is about
        }
    }

    private String documentation(ServiceModels models) {
        var model = models.service(service);
        var structure = model.shape(shape);
        // The rule is in the member's documentation, the structure's, or (log retention days) the member's shape's.
        // A rule on the whole structure quotes one of its members (e.g. PlacementStrategy's field).
        var docs = member.isEmpty()
                ? shapeDocumentation(structure) + structure.members().keySet().stream().map(structure::memberDocumentation)
                        .collect(java.util.stream.Collectors.joining(" "))
                : structure.memberDocumentation(member) + " " + shapeDocumentation(model.shape(structure.members().get(member)));
        return docs;
    }

    private static String shapeDocumentation(Shape shape) {
        return shape.json().has("documentation") ? Shape.plainText(shape.json().get("documentation").getAsString()) : "";
    }

    /** Without whitespace: the model's HTML puts spaces where tags were ("alias/ExampleAlias ."). */
    private static String normalized(String text) {
        return text.replaceAll("\\s+", "");
    }
}
