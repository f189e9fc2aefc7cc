package spotfleet.contract;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stack's JSON plan, read for the check.
 *
 * @param stack     the stack name
 * @param source    where its stack file is, e.g. {@code Pulumi.dev.yaml}
 * @param resources every declared resource and component, in declaration order
 */
public record PlannedStack(String stack, String source, List<PlanResource> resources) {

    public static final String AWS_PROVIDER = "pulumi:providers:aws";

    /** Reads {@code ./plan <stack> --json} output. */
    @SuppressWarnings("unchecked")
    public static PlannedStack parse(String source, String planJson) {
        Map<String, Object> plan = new Gson().fromJson(planJson, new TypeToken<Map<String, Object>>() { }.getType());
        var stack = (String) plan.get("stack");
        if (!Boolean.TRUE.equals(plan.get("valid"))) {
            throw new IllegalArgumentException("%s: the plan is invalid: %s".formatted(source, plan.get("problems")));
        }
        var resources = ((List<Map<String, Object>>) plan.get("resources")).stream()
                .map(r -> new PlanResource(stack, (String) r.get("type"), (String) r.get("name"), (String) r.get("kind"),
                        (Map<String, Object>) r.get("inputs")))
                .toList();
        return new PlannedStack(stack, source, resources);
    }

    /**
     * The tags the explicit AWS provider adds to every taggable resource ({@code defaultTags.tags}); the provider
     * merges them into each resource's create request, so the check does too.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> defaultTags() {
        return resources.stream().filter(r -> r.type().equals(AWS_PROVIDER)).findFirst()
                .flatMap(provider -> provider.input("defaultTags"))
                .map(tags -> tags instanceof String json ? new Gson().fromJson(JsonParser.parseString(json), Map.class) : tags)
                .map(tags -> (Map<String, Object>) ((Map<String, Object>) tags).get("tags"))
                .map(LinkedHashMap::new)
                .map(tags -> (Map<String, Object>) tags)
                .orElse(Map.of());
    }

    /** A copy with {@code resource} in place of the resource of the same type and name: how mutation tests change a plan. */
    public PlannedStack with(PlanResource resource) {
        return new PlannedStack(stack, source, resources.stream()
                .map(r -> r.type().equals(resource.type()) && r.name().equals(resource.name()) ? resource : r)
                .toList());
    }
}
