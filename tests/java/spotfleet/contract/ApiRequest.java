package spotfleet.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AWS API request the provider sends for a planned resource, with the AWS member names of the operation's
 * input shape, and for each member path the plan property it came from (for messages).
 *
 * @param resource  the planned resource it is sent for
 * @param service   the botocore service name, e.g. {@code ec2}
 * @param operation the operation, e.g. {@code CreateSecurityGroup}
 * @param body      the request: members to values (maps, lists, strings, numbers, booleans)
 * @param sources   member path ({@code IpPermissions[0].FromPort}) to where its value came from ({@code fromPort})
 * @param documents JSON documents carried as text in a member, to parse and check on their own
 */
public record ApiRequest(PlanResource resource, String service, String operation, Map<String, Object> body,
                         Map<String, String> sources, List<EmbeddedDocument> documents) {

    public ApiRequest(PlanResource resource, String service, String operation) {
        this(resource, service, operation, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    /** Where the value at {@code memberPath} (or the nearest enclosing member) came from. */
    public String sourceOf(String memberPath) {
        for (var path = memberPath; !path.isEmpty(); path = parentOf(path)) {
            var source = sources.get(path);
            if (source != null) {
                return source;
            }
        }
        return "(request)";
    }

    /** {@code ec2 CreateSecurityGroup}. */
    public String label() {
        return service + " " + operation;
    }

    static String parentOf(String path) {
        var cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /**
     * A JSON document sent as text in {@code member} (a policy, an event pattern, a dashboard body), checked by
     * {@code check} once parsed.
     */
    public record EmbeddedDocument(String member, String planPath, String text, DocumentCheck check) {
    }
}
