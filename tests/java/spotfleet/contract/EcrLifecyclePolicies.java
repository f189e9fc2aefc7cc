package spotfleet.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ECR lifecycle policies, by "Lifecycle policy properties" (Amazon ECR User Guide,
 * docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html): a {@code rules} array; each rule
 * a unique {@code rulePriority}, an optional {@code description}, a {@code selection} and an {@code action}.
 */
public final class EcrLifecyclePolicies implements DocumentCheck {

    static final Set<String> RULE = Set.of("rulePriority", "description", "selection", "action");
    static final Set<String> SELECTION = Set.of("tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber");

    @Override
    public String kind() {
        return "ECR lifecycle policy";
    }

    @Override
    public void check(Object document, Sink sink) {
        var k = CheckKind.ECR_LIFECYCLE;
        if (!JsonRules.object(sink, k, "", document, "a lifecycle policy")) {
            return;
        }
        var policy = (Map<?, ?>) document;
        JsonRules.keys(sink, k, "", policy, Set.of("rules"));
        if (!JsonRules.required(sink, k, "", policy, "rules")) {
            return;
        }
        sink.checked(k);
        if (!(policy.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
            sink.fail("rules", k, "rules must be a non-empty array");
            return;
        }
        var priorities = new HashSet<Long>();
        long highest = Long.MIN_VALUE;
        Long anyPriority = null;
        for (int i = 0; i < rules.size(); i++) {
            var path = "rules[%d]".formatted(i);
            if (!JsonRules.object(sink, k, path, rules.get(i), "a rule")) {
                continue;
            }
            var rule = (Map<?, ?>) rules.get(i);
            JsonRules.keys(sink, k, path, rule, RULE);
            // "rulePriority ... Required: yes. Values must be unique and ... integer" (1 or more).
            if (JsonRules.required(sink, k, path, rule, "rulePriority")) {
                JsonRules.wholeNumber(sink, k, path + ".rulePriority", rule.get("rulePriority"), 1, Integer.MAX_VALUE);
                if (rule.get("rulePriority") instanceof Number n) {
                    sink.checked(k);
                    if (!priorities.add(n.longValue())) {
                        sink.fail(path + ".rulePriority", k, "rulePriority %d is used twice".formatted(n.longValue()));
                    }
                    highest = Math.max(highest, n.longValue());
                    if (rule.get("selection") instanceof Map<?, ?> s && "any".equals(s.get("tagStatus"))) {
                        anyPriority = n.longValue();
                    }
                }
            }
            if (rule.containsKey("description")) {
                sink.checked(k);
                if (!(rule.get("description") instanceof String)) {
                    sink.fail(path + ".description", k, "a description is a string");
                }
            }
            if (JsonRules.required(sink, k, path, rule, "selection")
                    && JsonRules.object(sink, k, path + ".selection", rule.get("selection"), "a selection")) {
                selection(sink, path + ".selection", (Map<?, ?>) rule.get("selection"));
            }
            if (JsonRules.required(sink, k, path, rule, "action")
                    && JsonRules.object(sink, k, path + ".action", rule.get("action"), "an action")) {
                var action = (Map<?, ?>) rule.get("action");
                JsonRules.keys(sink, k, path + ".action", action, Set.of("type"));
                if (JsonRules.required(sink, k, path + ".action", action, "type")) {
                    JsonRules.oneOf(sink, k, path + ".action.type", action.get("type"), List.of("expire"));
                }
            }
        }
        // "A rule with a tagStatus value of any must have the highest value for rulePriority and be evaluated last."
        sink.checked(k);
        if (anyPriority != null && anyPriority != highest) {
            sink.fail("rules", k, "the rule with tagStatus any must have the highest rulePriority");
        }
    }

    private static void selection(Sink sink, String path, Map<?, ?> selection) {
        var k = CheckKind.ECR_LIFECYCLE;
        JsonRules.keys(sink, k, path, selection, SELECTION);
        if (JsonRules.required(sink, k, path, selection, "tagStatus")) {
            JsonRules.oneOf(sink, k, path + ".tagStatus", selection.get("tagStatus"), List.of("tagged", "untagged", "any"));
            sink.checked(k);
            // "If you specify tagStatus as tagged, then you must specify tagPrefixList or tagPatternList."
            if ("tagged".equals(selection.get("tagStatus")) && !selection.containsKey("tagPrefixList") && !selection.containsKey("tagPatternList")) {
                sink.fail(path, k, "tagStatus tagged needs a tagPrefixList or a tagPatternList");
            }
        }
        if (JsonRules.required(sink, k, path, selection, "countType")) {
            JsonRules.oneOf(sink, k, path + ".countType", selection.get("countType"), List.of("imageCountMoreThan", "sinceImagePushed"));
            sink.checked(k);
            // countUnit: "Required only if countType is sinceImagePushed" ("days"); not allowed otherwise.
            var since = "sinceImagePushed".equals(selection.get("countType"));
            if (since && !"days".equals(selection.get("countUnit"))) {
                sink.fail(path + ".countUnit", k, "countType sinceImagePushed needs countUnit \"days\"");
            } else if (!since && selection.containsKey("countUnit")) {
                sink.fail(path + ".countUnit", k, "countUnit is only for countType sinceImagePushed");
            }
        }
        // countNumber: "Required: yes ... positive integer".
        if (JsonRules.required(sink, k, path, selection, "countNumber")) {
            JsonRules.wholeNumber(sink, k, path + ".countNumber", selection.get("countNumber"), 1, Integer.MAX_VALUE);
        }
    }
}
