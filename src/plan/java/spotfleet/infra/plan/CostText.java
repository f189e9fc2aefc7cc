package spotfleet.infra.plan;

import java.util.ArrayList;
import java.util.List;

/** The cost estimate for people: one line per billable item with its working-out, the total, Spot's saving, every assumption. */
public final class CostText {

    private CostText() {
    }

    public static String render(Plan plan, CostEstimate estimate, PriceList prices) {
        var out = new ArrayList<String>();
        var dates = prices.prices().values().stream().filter(price -> price.region().equals(estimate.region()))
                .map(PriceList.Price::date).distinct().sorted().toList();
        out.add("Monthly cost estimate of stack %s in %s, in USD at list prices (%s: AWS's public pricing pages as of %s)."
                .formatted(plan.stack(), estimate.region(), "src/plan/resources/spotfleet/infra/plan/" + PriceList.RESOURCE,
                        String.join(", ", dates)));
        out.add("An estimate of the stack as declared, at its starting size: not a measured bill.");
        out.add("");
        var resourceWidth = estimate.lines().stream().mapToInt(line -> line.resource().length()).max().orElse(0);
        for (var line : estimate.lines()) {
            out.add(("  %9s  %-" + resourceWidth + "s  %s: %s").formatted(CostEstimate.usd(line.monthly()), line.resource(), line.what(),
                    line.basis()));
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
        if (!estimate.spot().isEmpty()) {
            out.add("Spot prices move; offline they are the on-demand price less an assumed discount (prices.json):");
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
            return "about %s a month at %s list prices (an unverified price file), Spot at assumed discounts (all on demand: %s)%s; ./plan %s --cost for every"
                    .formatted(CostEstimate.usd(estimate.total()), estimate.region(), CostEstimate.usd(estimate.allOnDemand()), unpriced,
                            plan.stack()) + " line and assumption";
        } catch (PriceList.MissingPriceException e) {
            return "no estimate: " + e.getMessage();
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
