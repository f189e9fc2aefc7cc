package spotfleet.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The value conversions the provider makes between a Pulumi input and an AWS request member. */
public final class Values {

    /**
     * An id the provider generates where the program sets none (an event target's, a Lambda permission's statement):
     * sdkid.UniqueId() in hashicorp/terraform-plugin-sdk, "terraform-" and a 26-digit timestamp and counter.
     */
    public static final String GENERATED_ID = "terraform-20250601120000000000000001";

    private Values() {
    }

    /** Terraform keeps some flags as text ("true") so it can tell unset from false; AWS gets the boolean. */
    public static Object booleanText(Object value) {
        return value instanceof String text && (text.equals("true") || text.equals("false")) ? Boolean.valueOf(text) : value;
    }

    /** Whole-number text ("300") as the number the provider parses it into (an instance refresh's warm-up). */
    public static Object wholeNumber(Object value) {
        return value instanceof String text && text.matches("-?\\d+") ? (Object) Double.valueOf(text) : value;
    }

    /** A whole number as text ("5"), as attribute APIs (ELB) take every value. */
    public static Object text(Object value) {
        return value instanceof Double number && number == Math.rint(number) ? String.valueOf(number.longValue()) : String.valueOf(value);
    }

    /** A list of ids as one comma-separated string (Auto Scaling's {@code VPCZoneIdentifier}). */
    public static Object commaJoined(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : value;
    }

    /** A map as a list of name/value structures (CloudWatch dimensions: {@code Name}, {@code Value}). */
    public static List<Map<String, Object>> pairs(Object value, String keyMember, String valueMember) {
        var pairs = new ArrayList<Map<String, Object>>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                var pair = new LinkedHashMap<String, Object>();
                pair.put(keyMember, String.valueOf(k));
                pair.put(valueMember, v);
                pairs.add(pair);
            });
        }
        return pairs;
    }
}
