package spotfleet.infra.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the program would declare for one stack, evaluated offline, with every value only a deploy can know
 * shown as {@value ComputedValues#MARKER}; or, when the stack's config is invalid, every problem with it.
 *
 * @param project   the project name (Pulumi.yaml)
 * @param runtime   the project's runtime (Pulumi.yaml)
 * @param stack     the stack name
 * @param stackFile the stack file read, e.g. {@code Pulumi.dev.yaml}
 * @param config    every config value the program reads, in the order Pulumi.yaml lists them
 * @param image     where the service's image comes from (null when there are problems)
 * @param problems  what is wrong with the config; when there are any, nothing was evaluated
 * @param resources every resource the program declares, in declaration order (empty when there are problems)
 * @param outputs   the stack outputs
 */
public record Plan(
        String project,
        String runtime,
        String stack,
        String stackFile,
        List<ConfigValue> config,
        Image image,
        List<String> problems,
        List<PlannedResource> resources,
        Map<String, Object> outputs) {

    /** The sentence every rendering starts with: what this is, and what it is not. */
    public static final String NOTICE = """
            The program's intent, evaluated offline under Pulumi's mock engine: the resources a first `pulumi up` \
            of this stack would create, with the values the program sets. It is not a diff against AWS: nothing \
            was read from or sent to AWS, Docker or the Pulumi service, so it cannot show what already exists \
            or what an update would change. %s marks a value only a deploy can know: ids, ARNs, generated names, \
            DNS names, the image digest, and what AWS looks up (AMI ids, Availability Zones, the account)."""
            .formatted(ComputedValues.MARKER);

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * Where the service's image comes from, for the reader and for the deploy workflow (which picks its runner by it).
     *
     * @param source      {@code build}, {@code prebuilt} or {@code promote}
     * @param promotes    with {@code promote}, the source stack as spotfleet:image names it ({@code dev} or
     *                    {@code <org>/<project>/<stack>}); null otherwise
     * @param description one sentence: what is deployed, and where the plan's view of it comes from
     */
    public record Image(String source, String promotes, String description) {
    }

    /**
     * One config value.
     *
     * @param key    the qualified key, e.g. {@code spotfleet:natGateways}
     * @param value  the value the program uses (typed as Pulumi.yaml declares it)
     * @param source where it comes from: {@code stack} (the stack file) or {@code default}; with {@code , not used on
     *               fargate} (or {@code ec2}) when it belongs to the other platform
     */
    public record ConfigValue(String key, Object value, String source) {
    }

    /**
     * One declared resource.
     *
     * @param type          the type token
     * @param name          the logical name
     * @param parent        the logical name of its parent component; empty at the top of the stack
     * @param custom        a cloud resource (true) or a component grouping others (false)
     * @param inputs        every input the program set, made-up parts marked
     * @param dependsOn     explicit dependencies, by logical name
     * @param references    the resources its inputs were wired from (their ids, ARNs, names), by input
     * @param ignoreChanges inputs an update leaves alone
     * @param protect       whether Pulumi refuses to delete it
     * @param customTimeouts how long the provider may take, by operation ({@code create}, {@code update}, {@code delete})
     */
    public record PlannedResource(String type, String name, Optional<String> parent, boolean custom,
                                  Map<String, Object> inputs, List<String> dependsOn, List<Reference> references,
                                  List<String> ignoreChanges, boolean protect, Map<String, String> customTimeouts) {
    }

    /**
     * One input wired from another resource: {@code input} holds one of {@code resource}'s ids, ARNs or names.
     *
     * @param input    the top-level input, e.g. {@code loadBalancerArn}
     * @param resource the logical name of the resource it comes from
     */
    public record Reference(String input, String resource) {
    }
}
