package spotfleet.contract;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One shape of a botocore service model ({@code service-2.json}, "shapes"): its type and the constraints the model
 * states on it (enum, min, max, pattern, required members), as botocore 1.29 has them.
 *
 * @param service the service the shape belongs to, e.g. {@code ec2}
 * @param name    the shape's name, e.g. {@code CreateSecurityGroupRequest}
 * @param json    the shape as the model writes it
 */
public record Shape(String service, String name, JsonObject json) {

    public String type() {
        return json.get("type").getAsString();
    }

    public boolean isStructure() {
        return type().equals("structure");
    }

    /** Member name to the name of its shape, in model order. */
    public Map<String, String> members() {
        var members = new LinkedHashMap<String, String>();
        if (json.has("members")) {
            json.getAsJsonObject("members").entrySet()
                    .forEach(e -> members.put(e.getKey(), e.getValue().getAsJsonObject().get("shape").getAsString()));
        }
        return members;
    }

    /** The documentation the model gives a member, HTML tags removed and whitespace folded. */
    public String memberDocumentation(String member) {
        var doc = json.getAsJsonObject("members").getAsJsonObject(member).get("documentation");
        return doc == null ? "" : plainText(doc.getAsString());
    }

    public List<String> required() {
        return strings("required");
    }

    public List<String> enumValues() {
        return strings("enum");
    }

    public OptionalDouble min() {
        return number("min");
    }

    public OptionalDouble max() {
        return number("max");
    }

    public Optional<String> pattern() {
        return json.has("pattern") ? Optional.of(json.get("pattern").getAsString()) : Optional.empty();
    }

    /** A list's member shape name. */
    public String listMember() {
        return json.getAsJsonObject("member").get("shape").getAsString();
    }

    public String mapKey() {
        return json.getAsJsonObject("key").get("shape").getAsString();
    }

    public String mapValue() {
        return json.getAsJsonObject("value").get("shape").getAsString();
    }

    private List<String> strings(String key) {
        var values = new ArrayList<String>();
        if (json.has(key)) {
            json.getAsJsonArray(key).forEach(v -> values.add(v.getAsString()));
        }
        return values;
    }

    private OptionalDouble number(String key) {
        JsonElement value = json.get(key);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.getAsDouble());
    }

    static String plainText(String html) {
        return html.replaceAll("<[^>]+>", " ")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replaceAll("\\s+", " ").trim();
    }
}
