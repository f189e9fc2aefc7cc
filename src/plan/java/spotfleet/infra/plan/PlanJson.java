package spotfleet.infra.plan;

import com.google.gson.GsonBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The plan for machines: one JSON document with every input, made-up parts marked as in the text form. */
public final class PlanJson {

    private PlanJson() {
    }

    public static String render(Plan plan) {
        var document = new LinkedHashMap<String, Object>();
        document.put("notice", Plan.NOTICE);
        document.put("computedMarker", ComputedValues.MARKER);
        document.put("project", plan.project());
        document.put("runtime", plan.runtime());
        document.put("stack", plan.stack());
        document.put("stackFile", plan.stackFile());
        document.put("valid", plan.valid());
        document.put("problems", plan.problems());
        document.put("config", plan.config().stream().map(PlanJson::config).toList());
        document.put("image", plan.image() == null ? null : image(plan.image()));
        document.put("resources", plan.resources().stream().map(PlanJson::resource).toList());
        document.put("outputs", plan.outputs());
        return new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping() // keep <computed> readable
                .serializeNulls()
                .create()
                .toJson(document) + "\n";
    }

    private static Map<String, Object> config(Plan.ConfigValue value) {
        var config = new LinkedHashMap<String, Object>();
        config.put("key", value.key());
        config.put("value", value.value());
        config.put("source", value.source());
        return config;
    }

    private static Map<String, Object> image(Plan.Image image) {
        var json = new LinkedHashMap<String, Object>();
        json.put("source", image.source());
        json.put("promotes", image.promotes());
        json.put("description", image.description());
        return json;
    }

    private static Map<String, Object> resource(Plan.PlannedResource resource) {
        var json = new LinkedHashMap<String, Object>();
        json.put("type", resource.type());
        json.put("name", resource.name());
        json.put("parent", resource.parent().orElse(null));
        json.put("kind", resource.custom() ? "resource" : "component");
        json.put("inputs", resource.inputs());
        json.put("dependsOn", resource.dependsOn());
        json.put("ignoreChanges", resource.ignoreChanges());
        json.put("protect", resource.protect());
        json.put("customTimeouts", resource.customTimeouts());
        return json;
    }
}
