package spotfleet.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS FIS experiment templates, as hashicorp/terraform-provider-aws's {@code internal/service/fis/experiment_template.go}
 * creates them (resourceExperimentTemplateCreate): the provider's lists of named targets and actions become the API's
 * maps keyed by name (expandExperimentTemplateTargets, expandExperimentTemplateActions), key/value lists become maps
 * (resource_tag, parameter), an action's one {@code target} becomes its {@code targets} map, and the provider adds a
 * generated client token.
 */
final class FisMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/fis/";

    private FisMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:fis/experimentTemplate:ExperimentTemplate", DIR + "experiment_template.go", r ->
                r.request("fis", "CreateExperimentTemplate")
                        .set("clientToken", Values.GENERATED_ID, "provider: id.UniqueId()")
                        .copy("description", "description")
                        .copy("roleArn", "roleArn")
                        .copy("stopConditions", "stopConditions")
                        .copy("targets", "targets", FisMappings::targets)
                        .copy("actions", "actions", FisMappings::actions)
                        .copy("logConfiguration", "logConfiguration")
                        .tags(Tags.map("tags")));
    }

    /** expandExperimentTemplateTargets: name → {resourceType, selectionMode, resourceArns, resourceTags map, filters, parameters}. */
    private static Object targets(Object planTargets) {
        var byName = new LinkedHashMap<String, Object>();
        for (var item : (List<?>) planTargets) {
            var target = new LinkedHashMap<String, Object>();
            ((Map<?, ?>) item).forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "name" -> { }
                    case "resourceTags" -> target.put("resourceTags", keyValues(value));
                    default -> target.put(String.valueOf(key), value);
                }
            });
            byName.put(String.valueOf(((Map<?, ?>) item).get("name")), target);
        }
        return byName;
    }

    /** expandExperimentTemplateActions: name → {actionId, description, parameters map, targets map, startAfter}. */
    private static Object actions(Object planActions) {
        var byName = new LinkedHashMap<String, Object>();
        for (var item : (List<?>) planActions) {
            var action = new LinkedHashMap<String, Object>();
            ((Map<?, ?>) item).forEach((key, value) -> {
                switch (String.valueOf(key)) {
                    case "name" -> { }
                    case "parameters" -> action.put("parameters", keyValues(value));
                    case "target" -> action.put("targets", keyValues(List.of(value)));
                    case "startAfters" -> action.put("startAfter", value);
                    default -> action.put(String.valueOf(key), value);
                }
            });
            byName.put(String.valueOf(((Map<?, ?>) item).get("name")), action);
        }
        return byName;
    }

    private static Map<String, Object> keyValues(Object list) {
        var map = new LinkedHashMap<String, Object>();
        for (var item : (List<?>) list) {
            var pair = (Map<?, ?>) item;
            map.put(String.valueOf(pair.get("key")), pair.get("value"));
        }
        return map;
    }
}
