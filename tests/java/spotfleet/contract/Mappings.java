package spotfleet.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every resource type the contract check knows how to turn into AWS requests, one file per AWS service, and the
 * types that send no AWS request at all (each with the reason). A type in a plan that is in neither fails the check.
 */
public final class Mappings {

    private final Map<String, Mapping> mappings = new LinkedHashMap<>();
    private final Map<String, String> notAws = new LinkedHashMap<>();

    /** The mappings of every service the program uses. */
    public static Mappings all() {
        var all = new Mappings();
        Ec2Mappings.register(all);
        ElbMappings.register(all);
        AutoScalingMappings.register(all);
        EcsMappings.register(all);
        EcrMappings.register(all);
        IamMappings.register(all);
        LogsMappings.register(all);
        CloudWatchMappings.register(all);
        EventsMappings.register(all);
        LambdaMappings.register(all);
        SnsMappings.register(all);
        KmsMappings.register(all);
        AppAutoScalingMappings.register(all);
        AcmMappings.register(all);
        Route53Mappings.register(all);
        S3Mappings.register(all);
        FisMappings.register(all);
        all.notAws("pulumi:providers:aws", "the provider's own configuration: read by the provider, not sent in a request "
                + "(its defaultTags are merged into each taggable resource's request and checked there)");
        all.notAws("docker:index/image:Image", "Docker, not AWS: pulumi-docker builds and pushes the image through the "
                + "Docker engine's API");
        all.notAws("pulumi:pulumi:StackReference", "Pulumi, not AWS: the engine reads the promotion source's outputs from the "
                + "Pulumi backend (what the program makes of them is checked where it lands: the container definition's image, "
                + "the execution role's policy)");
        return all;
    }

    public Mappings add(String type, String source, Consumer<ResourceRequests> requests) {
        if (mappings.put(type, new Mapping(type, source, requests)) != null) {
            throw new IllegalStateException("two mappings for " + type);
        }
        return this;
    }

    public Mappings notAws(String type, String reason) {
        notAws.put(type, reason);
        return this;
    }

    public Optional<Mapping> forType(String type) {
        return Optional.ofNullable(mappings.get(type));
    }

    /** Why a type sends no AWS request, if it is one of those. */
    public Optional<String> notAwsReason(String type) {
        return Optional.ofNullable(notAws.get(type));
    }

    public Map<String, Mapping> mappings() {
        return mappings;
    }

    /** The types that send no AWS request, each with the reason. */
    public Map<String, String> notAws() {
        return notAws;
    }
}
