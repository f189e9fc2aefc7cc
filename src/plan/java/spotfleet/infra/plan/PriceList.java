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
 * unit, value, the public page it was read from and the date; one without a source or a date is refused when the file is
 * read, so no figure enters an estimate unsourced.
 *
 * @param hoursPerMonth  what an hourly price is multiplied by for a month (AWS's pricing pages use 730)
 * @param prices         by {@link #key(String, String) id and region}
 * @param spotDiscounts  the assumed Spot saving against on demand, by instance family
 * @param fargateSpot    the assumed Fargate Spot saving against Fargate
 */
public record PriceList(int hoursPerMonth, Map<String, Price> prices, Map<String, Discount> spotDiscounts, Discount fargateSpot) {

    static final String RESOURCE = "prices.json";

    /** One price: {@code usd} per {@code unit} in {@code region}, read from {@code source} as published at {@code date}. */
    public record Price(String id, String region, String unit, double usd, String source, String date) {
    }

    /** An assumed saving (0 to 1) with where its figure comes from. */
    public record Discount(double discount, String source, String date) {
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
            var missing = missing(entry, "id", "region", "unit", "usd", "source", "date");
            if (!missing.isEmpty()) {
                problems.add("prices[%d] (%s) has no %s".formatted(index, text(entry, "id"), String.join(", ", missing)));
            } else {
                var price = new Price(text(entry, "id"), text(entry, "region"), text(entry, "unit"), entry.get("usd").getAsDouble(),
                        text(entry, "source"), text(entry, "date"));
                if (prices.put(key(price.id(), price.region()), price) != null) {
                    problems.add("prices[%d]: %s in %s is listed twice".formatted(index, price.id(), price.region()));
                }
            }
            index++;
        }
        var spot = new LinkedHashMap<String, Discount>();
        for (var element : json.getAsJsonArray("spotDiscounts")) {
            var entry = element.getAsJsonObject();
            var missing = missing(entry, "family", "discount", "source", "date");
            if (!missing.isEmpty()) {
                problems.add("spotDiscounts (%s) has no %s".formatted(text(entry, "family"), String.join(", ", missing)));
            } else {
                spot.put(text(entry, "family"), discount(entry));
            }
        }
        var fargate = json.getAsJsonObject("fargateSpotDiscount");
        if (fargate == null || !missing(fargate, "discount", "source", "date").isEmpty()) {
            problems.add("fargateSpotDiscount needs a discount, a source and a date");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + ": " + String.join("; ", problems));
        }
        return new PriceList(json.get("hoursPerMonth").getAsInt(), prices, spot, discount(fargate));
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

    private static Discount discount(JsonObject entry) {
        return new Discount(entry.get("discount").getAsDouble(), text(entry, "source"), text(entry, "date"));
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
