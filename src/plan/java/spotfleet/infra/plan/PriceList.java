package spotfleet.infra.plan;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The prices the cost estimate uses: data, not code ({@value #RESOURCE} beside this class). Every entry names its region,
 * unit, value, the AWS page to check it against, a date and how far it is checked ({@link Status}): a figure an AWS page
 * or document was seen to state is {@code verified}, one only a dated third-party page states for that region is
 * {@code corroborated}, the rest {@code unverified}; the first two carry their evidence (where, when, the words). An
 * entry without a source, date or status, or a checked one without its evidence, is refused when the file is read, so
 * no figure enters an estimate unsourced, and the estimate marks every line that rests on an unverified one.
 *
 * @param hoursPerMonth  what an hourly price is multiplied by for a month (AWS's pricing pages use 730)
 * @param prices         by {@link #key(String, String) id and region}
 * @param spotDiscounts  the assumed Spot saving against on demand, by instance family
 * @param fargateSpot    the assumed Fargate Spot saving against Fargate
 */
public record PriceList(int hoursPerMonth, Map<String, Price> prices, Map<String, Discount> spotDiscounts, Discount fargateSpot) {

    static final String RESOURCE = "prices.json";

    /** How far a figure is checked; {@code LIVE} ones were read from AWS's own APIs by {@code --cost --live}. */
    public enum Status {
        VERIFIED, CORROBORATED, UNVERIFIED, LIVE;

        static Status parse(String text) {
            return switch (text) {
                case "verified" -> VERIFIED;
                case "corroborated" -> CORROBORATED;
                case "unverified" -> UNVERIFIED;
                default -> throw new IllegalArgumentException(text);
            };
        }

        /** Whether an AWS source (a page, a document or its API) states the figure. */
        public boolean fromAws() {
            return this == VERIFIED || this == LIVE;
        }
    }

    /** Where a figure was seen: the page or document, its date (or the day it was read, when it has none) and its words. */
    public record Evidence(String url, String date, String quote) {
    }

    /**
     * One price: {@code usd} per {@code unit} in {@code region}, to be checked against {@code source}, as of {@code date};
     * {@code evidence} is null when the figure is unverified.
     */
    public record Price(String id, String region, String unit, double usd, String source, String date, Status status,
                        Evidence evidence) {

        /** A file price with no evidence: what tests and older callers build. */
        public Price(String id, String region, String unit, double usd, String source, String date) {
            this(id, region, unit, usd, source, date, Status.UNVERIFIED, null);
        }
    }

    /** An assumed saving (0 to 1) with where its figure comes from and how far that is checked. */
    public record Discount(double discount, String source, String date, Status status, Evidence evidence) {

        public Discount(double discount, String source, String date) {
            this(discount, source, date, Status.UNVERIFIED, null);
        }
    }

    /** A price the estimate needs and the list does not have. */
    public static final class MissingPriceException extends RuntimeException {
        MissingPriceException(String message) {
            super(message);
        }
    }

    /** The committed price list. */
    public static PriceList committed() {
        try (var in = PriceList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + PriceList.class.getName());
            }
            return parse(JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list in {@code json}; every entry without its region, unit, value, source or date is refused, all named at once. */
    public static PriceList parse(JsonObject json) {
        var problems = new ArrayList<String>();
        var prices = new LinkedHashMap<String, Price>();
        var index = 0;
        for (var element : json.getAsJsonArray("prices")) {
            var entry = element.getAsJsonObject();
            var missing = missing(entry, "id", "region", "unit", "usd", "source", "date", "status");
            var what = "prices[%d] (%s)".formatted(index, text(entry, "id"));
            if (!missing.isEmpty()) {
                problems.add("%s has no %s".formatted(what, String.join(", ", missing)));
            } else {
                var status = status(entry, what, problems);
                var price = new Price(text(entry, "id"), text(entry, "region"), text(entry, "unit"), entry.get("usd").getAsDouble(),
                        text(entry, "source"), text(entry, "date"), status, evidence(entry, what, status, problems));
                if (prices.put(key(price.id(), price.region()), price) != null) {
                    problems.add("prices[%d]: %s in %s is listed twice".formatted(index, price.id(), price.region()));
                }
            }
            index++;
        }
        var spot = new LinkedHashMap<String, Discount>();
        for (var element : json.getAsJsonArray("spotDiscounts")) {
            var entry = element.getAsJsonObject();
            var missing = missing(entry, "family", "discount", "source", "date", "status");
            var what = "spotDiscounts (%s)".formatted(text(entry, "family"));
            if (!missing.isEmpty()) {
                problems.add("%s has no %s".formatted(what, String.join(", ", missing)));
            } else {
                spot.put(text(entry, "family"), discount(entry, what, problems));
            }
        }
        var fargate = json.getAsJsonObject("fargateSpotDiscount");
        Discount fargateSpot = null;
        if (fargate == null || !missing(fargate, "discount", "source", "date", "status").isEmpty()) {
            problems.add("fargateSpotDiscount needs a discount, a source, a date and a status");
        } else {
            fargateSpot = discount(fargate, "fargateSpotDiscount", problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + ": " + String.join("; ", problems));
        }
        return new PriceList(json.get("hoursPerMonth").getAsInt(), prices, spot, fargateSpot);
    }

    /** The price {@code id} in {@code region}; throws naming both when the list has none. */
    public Price price(String id, String region) {
        var price = prices.get(key(id, region));
        if (price == null) {
            throw new MissingPriceException("no price for %s in %s in %s (regions with prices: %s)".formatted(id, region, RESOURCE,
                    String.join(", ", regions())));
        }
        return price;
    }

    /** The current Spot price of {@code type} in {@code region}, when {@code --live} read one ({@link LivePrices#SPOT_PREFIX}). */
    public Optional<Price> spotPrice(String type, String region) {
        return Optional.ofNullable(prices.get(key(LivePrices.SPOT_PREFIX + type, region)));
    }

    /** The assumed Spot saving of {@code family}; throws naming it when the list has none. */
    public Discount spotDiscount(String family) {
        return Optional.ofNullable(spotDiscounts.get(family)).orElseThrow(() -> new MissingPriceException(
                "no Spot discount for the %s family in %s".formatted(family, RESOURCE)));
    }

    /** The regions with at least one price. */
    public List<String> regions() {
        return List.copyOf(new TreeSet<>(prices.values().stream().map(Price::region).toList()));
    }

    /** This list without {@code id} in {@code region}: what a test uses to prove a missing price fails. */
    public PriceList without(String id, String region) {
        var rest = new LinkedHashMap<>(prices);
        rest.remove(key(id, region));
        return new PriceList(hoursPerMonth, rest, spotDiscounts, fargateSpot);
    }

    static String key(String id, String region) {
        return id + "@" + region;
    }

    private static Discount discount(JsonObject entry, String what, List<String> problems) {
        var status = status(entry, what, problems);
        return new Discount(entry.get("discount").getAsDouble(), text(entry, "source"), text(entry, "date"), status,
                evidence(entry, what, status, problems));
    }

    private static Status status(JsonObject entry, String what, List<String> problems) {
        try {
            return Status.parse(text(entry, "status"));
        } catch (IllegalArgumentException e) {
            problems.add("%s: status %s is none of verified, corroborated, unverified".formatted(what, text(entry, "status")));
            return Status.UNVERIFIED;
        }
    }

    /** A checked figure's evidence, required whole; an unverified one has none to give. */
    private static Evidence evidence(JsonObject entry, String what, Status status, List<String> problems) {
        var evidence = entry.getAsJsonObject("evidence");
        if (status == Status.UNVERIFIED) {
            if (evidence != null) {
                problems.add(what + " is unverified but has evidence: say verified or corroborated, or drop it");
            }
            return null;
        }
        var missing = evidence == null ? List.of("url", "date", "quote") : missing(evidence, "url", "date", "quote");
        if (!missing.isEmpty()) {
            problems.add("%s is %s but its evidence has no %s".formatted(what, status.name().toLowerCase(java.util.Locale.ROOT),
                    String.join(", ", missing)));
            return null;
        }
        return new Evidence(text(evidence, "url"), text(evidence, "date"), text(evidence, "quote"));
    }

    /** The prices of this list whose figure no AWS source was seen to state. */
    public List<Price> unverified() {
        return prices.values().stream().filter(price -> !price.status().fromAws()).toList();
    }

    /** This list with {@code replacements} (live prices) in place of its own entries of the same id and region. */
    public PriceList with(java.util.Collection<Price> replacements) {
        var all = new LinkedHashMap<>(prices);
        replacements.forEach(price -> all.put(key(price.id(), price.region()), price));
        return new PriceList(hoursPerMonth, all, spotDiscounts, fargateSpot);
    }

    private static List<String> missing(JsonObject entry, String... fields) {
        var missing = new ArrayList<String>();
        for (var field : fields) {
            if (!entry.has(field) || entry.get(field).isJsonNull() || entry.get(field).getAsString().isBlank()) {
                missing.add(field);
            }
        }
        return missing;
    }

    private static String text(JsonObject entry, String field) {
        return entry.has(field) && !entry.get(field).isJsonNull() ? entry.get(field).getAsString() : "?";
    }
}
