package spotfleet.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags every taggable resource carries, so cost and ownership can be traced back to a stack. */
public final class StackTags {

    private StackTags() {
    }

    public static Map<String, String> of(String project, String stack) {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Project", project);
        tags.put("Stack", stack);
        tags.put("ManagedBy", "pulumi");
        return tags;
    }
}
