package spotfleet.infra.policy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document (a role's permissions, a trust policy, a key or topic policy) read the way AWS reads it:
 * {@code Action}, {@code Resource} and each principal type take a single string or an array.
 */
record PolicyDocument(List<Statement> statements) {

    /**
     * One statement; {@code sid} is its Sid, or its position when it has none. {@code principals} maps a principal type ({@code Service}, {@code AWS}) to its values;
     * {@code Principal: "*"} reads as {@code {"*": ["*"]}}.
     */
    record Statement(String sid, String effect, List<String> actions, List<String> notActions, List<String> resources,
                     List<String> notResources, Map<String, List<String>> principals, JsonObject condition) {

        boolean allows() {
            return "Allow".equals(effect);
        }

        /** Any principal at all: {@code "*"} or {@code {"AWS": "*"}}. */
        boolean anyPrincipal() {
            return principals.containsKey("*") || principals.getOrDefault("AWS", List.of()).contains("*");
        }

        /** The values a condition compares {@code key} with, under any operator ({@code StringEquals}, {@code ArnLike}, ...). */
        List<String> conditionValues(String key) {
            var values = new ArrayList<String>();
            condition.entrySet().forEach(operator -> {
                var compared = operator.getValue().getAsJsonObject().get(key);
                if (compared != null) {
                    values.addAll(strings(compared));
                }
            });
            return values;
        }
    }

    /** Parses the JSON text a resource took as its policy input. */
    static PolicyDocument parse(Object json) {
        if (!(json instanceof String text)) {
            throw new AssertionError("a policy document should be JSON text, found " + json);
        }
        var statements = new ArrayList<Statement>();
        var array = JsonParser.parseString(text).getAsJsonObject().get("Statement");
        var list = array.isJsonArray() ? array.getAsJsonArray().asList() : List.of(array);
        for (int i = 0; i < list.size(); i++) {
            var statement = list.get(i).getAsJsonObject();
            statements.add(new Statement(
                    statement.has("Sid") ? statement.get("Sid").getAsString() : "statement " + i,
                    statement.get("Effect").getAsString(),
                    strings(statement.get("Action")),
                    strings(statement.get("NotAction")),
                    strings(statement.get("Resource")),
                    strings(statement.get("NotResource")),
                    principals(statement.get("Principal")),
                    statement.has("Condition") ? statement.getAsJsonObject("Condition") : new JsonObject()));
        }
        return new PolicyDocument(List.copyOf(statements));
    }

    private static Map<String, List<String>> principals(JsonElement principal) {
        var principals = new LinkedHashMap<String, List<String>>();
        if (principal == null) {
            return principals;
        }
        if (principal.isJsonPrimitive()) {
            principals.put(principal.getAsString(), List.of(principal.getAsString()));
            return principals;
        }
        principal.getAsJsonObject().entrySet().forEach(type -> principals.put(type.getKey(), strings(type.getValue())));
        return principals;
    }

    private static List<String> strings(JsonElement element) {
        if (element == null) {
            return List.of();
        }
        if (element.isJsonArray()) {
            return element.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
        }
        return List.of(element.getAsString());
    }
}
