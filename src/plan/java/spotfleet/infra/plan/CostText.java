package spotfleet.infra.plan;

import java.util.ArrayList;
import java.util.List;

/** The cost estimate for people: one line per billable item with its working-out, the total, Spot's saving, every assumption. */
public final class CostText {

    private CostText() {
    }

    static final String FILE = "src/plan/resources/spotfleet/infra/plan/" + PriceList.RESOURCE;

    public static String render(Plan plan, CostEstimate estimate, PriceList prices) {
        return render(plan, estimate, prices, List.of());
    }

    /**
     * The estimate with, per line, where its prices came from ({@code live}: AWS's APIs just now; {@code file}: the price
     * file; a {@code *} when the file's figure is not verified) and, after {@code --live}, what it could not read live.
     */
    public static String render(Plan plan, CostEstimate estimate, PriceList prices, List<String> liveNotes) {
        var out = new ArrayList<String>();
        var inRegion = prices.prices().values().stream().filter(price -> price.region().equals(estimate.region()))
                .filter(price -> price.status() != PriceList.Status.LIVE).toList();
        var unverified = inRegion.stream().filter(price -> !price.status().fromAws()).count();
        var live = estimate.lines().stream().anyMatch(line -> !line.origin().equals("file"));
        out.add("Monthly cost estimate of stack %s in %s, in USD at list prices, %s.".formatted(plan.stack(), estimate.region(),
                live ? "live from AWS's Price List API and EC2's Spot price history where a line says live, from " + FILE + " where it says file"
                        : "from " + FILE));
        out.add("An estimate of the stack as declared, at its starting size: not a measured bill.");
        out.add("");
        var resourceWidth = estimate.lines().stream().mapToInt(line -> line.resource().length()).max().orElse(0);
        for (var line : estimate.lines()) {
            out.add(("  %9s  %-" + resourceWidth + "s  %-10s %s: %s").formatted(CostEstimate.usd(line.monthly()), line.resource(),
                    line.origin() + (line.unverified() ? "*" : ""), line.what(), line.basis()));
        }
        out.add("  " + "-".repeat(9));
        out.add("  %9s  total a month".formatted(CostEstimate.usd(estimate.total())));
        out.add("  %9s  the same capacity all on demand (Spot saves %s)".formatted(CostEstimate.usd(estimate.allOnDemand()),
                CostEstimate.usd(estimate.spotSavings())));
        if (!estimate.unpriced().isEmpty()) {
            out.add("");
            out.add("NOT PRICED (no rule for these types, the total is too low): " + String.join(", ", estimate.unpriced()));
        }
        out.add("");
        if (estimate.lines().stream().anyMatch(CostEstimate.Line::unverified)) {
            out.add(("* rests on a figure of %s that no AWS source was seen to state (%d of its %d entries for %s are unverified or"
                    + " only corroborated by a third-party page): check it on the AWS page its entry names, or run --cost --live.")
                    .formatted(PriceList.RESOURCE, unverified, inRegion.size(), estimate.region()));
        }
        if (!liveNotes.isEmpty()) {
            out.add("Not read live, so from the price file:");
            liveNotes.forEach(note -> out.add("  " + note));
        }
        if (!estimate.spot().isEmpty()) {
            out.add(live ? "Spot prices move; each Spot line says whether it is the current price or an assumed discount:"
                    : "Spot prices move; offline they are the on-demand price less an assumed discount (prices.json):");
            estimate.spot().stream().distinct().forEach(line -> out.add("  " + line));
            out.add("Instances: the first listed type each group may launch, as many as the service's starting tasks need"
                    + " (the Spot group with its spare below the capacity target).");
        }
        out.add("Usage assumed (--usage FILE overrides, one key: value a line):");
        estimate.usageKeys().forEach(key -> out.add("  " + estimate.usage().describe(key)));
        out.add(CostEstimate.NOT_COUNTED);
        return String.join("\n", out) + "\n";
    }

    /** The summary's line: the total and where the working-out is, or why there is none. */
    static String summaryLine(Plan plan) {
        try {
            var prices = PriceList.committed();
            var estimate = CostEstimate.of(plan, prices, UsageAssumptions.defaultsOnly());
            var unpriced = estimate.unpriced().isEmpty() ? "" : ", without %d unpriced types".formatted(estimate.unpriced().size());
            var resting = estimate.lines().stream().filter(CostEstimate.Line::unverified).count();
            return ("about %s a month at %s list prices from the price file (%d of its %d lines on figures not yet verified against AWS),"
                    + " Spot at assumed discounts (all on demand: %s)%s; ./plan %s --cost for every line and assumption")
                    .formatted(CostEstimate.usd(estimate.total()), estimate.region(), resting, estimate.lines().size(),
                            CostEstimate.usd(estimate.allOnDemand()), unpriced, plan.stack());
        } catch (PriceList.MissingPriceException e) {
            return "no estimate: " + e.getMessage();
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
