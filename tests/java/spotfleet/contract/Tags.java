package spotfleet.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tags as each service takes them on create. The provider merges its {@code defaultTags} into every resource that
 * has {@code tags} (hashicorp/terraform-provider-aws internal/tags, "transparent tagging"); a resource's own tag wins.
 */
public final class Tags {

    private Tags() {
    }

    /** One tag, and the plan path it came from. */
    public record Tag(String key, Object value, String source) {
    }

    /** How a service's create request carries tag {@code index}. */
    @FunctionalInterface
    public interface Form {
        void write(RequestBuilder request, int index, Tag tag);
    }

    /** EC2: {@code TagSpecifications[0] = {ResourceType, Tags: [{Key, Value}]}} (getTagSpecificationsIn). */
    public static Form specifications(String resourceType) {
        return (request, index, tag) -> {
            if (index == 0) {
                request.set("TagSpecifications[0].ResourceType", resourceType, "provider: the tagged resource's type");
            }
            list("TagSpecifications[0].Tags", "Key", "Value").write(request, index, tag);
        };
    }

    /** A list of key/value structures: {@code Tags: [{Key, Value}]} (ELB, IAM, SNS, ...), {@code tags: [{key, value}]} (ECS). */
    public static Form list(String member, String keyMember, String valueMember) {
        return (request, index, tag) -> {
            var item = PlanPaths.index(member, index);
            request.put(PlanPaths.key(item, keyMember), tag.source(), tag.key(), Conversion.byName());
            request.put(PlanPaths.key(item, valueMember), tag.source(), tag.value(), Conversion.byName());
        };
    }

    /** A map of key to value: {@code tags} (CloudWatch Logs, Lambda). */
    public static Form map(String member) {
        return (request, index, tag) -> request.put(PlanPaths.key(member, tag.key()), tag.source(), tag.value(), Conversion.byName());
    }

    static List<Tag> merged(Map<String, Object> defaults, Object own) {
        var tags = new ArrayList<Tag>();
        var resourceTags = own instanceof Map<?, ?> map ? map : Map.of();
        defaults.forEach((key, value) -> {
            if (!resourceTags.containsKey(key)) {
                tags.add(new Tag(key, value, "(provider defaultTags)." + key));
            }
        });
        resourceTags.forEach((key, value) -> tags.add(new Tag(String.valueOf(key), value, "tags." + key)));
        return tags;
    }
}
