package spotfleet.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS requests the provider sends for one planned resource, built by its {@link Mapping}, and which plan
 * properties went into them or are, for a stated reason, not sent to AWS at all.
 */
public final class ResourceRequests {

    private final PlanResource resource;
    private final ServiceModels models;
    private final Map<String, Object> defaultTags;
    private final List<ApiRequest> requests = new ArrayList<>();
    private final Set<String> consumed = new LinkedHashSet<>();
    private final Map<String, String> notSent = new LinkedHashMap<>();

    ResourceRequests(PlanResource resource, ServiceModels models, Map<String, Object> defaultTags) {
        this.resource = resource;
        this.models = models;
        this.defaultTags = defaultTags;
    }

    public PlanResource resource() {
        return resource;
    }

    /** The input at {@code planPath}, if the plan has one (reading does not count as mapping it). */
    public Optional<Object> input(String planPath) {
        return resource.input(planPath);
    }

    /** Starts a request of {@code service}'s {@code operation}; it is sent as far as the builder fills it. */
    public RequestBuilder request(String service, String operation) {
        var request = new ApiRequest(resource, service, operation);
        requests.add(request);
        return new RequestBuilder(this, request, models.service(service));
    }

    /** {@code planPath} is not part of any AWS request, for {@code reason} (shown in the coverage report). */
    public ResourceRequests notSent(String planPath, String reason) {
        if (resource.input(planPath).isPresent()) {
            consumed.add(planPath);
            notSent.put(planPath, reason);
        }
        return this;
    }

    void consume(String planPath) {
        consumed.add(planPath);
    }

    Map<String, Object> defaultTags() {
        return defaultTags;
    }

    public List<ApiRequest> requests() {
        return requests;
    }

    /** Plan paths (and everything under them) that went into a request or are listed as not sent. */
    public Set<String> consumed() {
        return consumed;
    }

    /** Plan property to the reason it is not sent to AWS. */
    public Map<String, String> notSentReasons() {
        return notSent;
    }
}
