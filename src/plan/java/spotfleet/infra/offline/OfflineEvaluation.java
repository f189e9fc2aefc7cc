package spotfleet.infra.offline;

import com.pulumi.Context;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.config.StackSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The program evaluated under Pulumi's mock engine with {@link OfflineMocks}: what it would declare for a
 * stack, without AWS, Docker or the Pulumi CLI. Resource options the engine never sees (parent, dependsOn,
 * ignoreChanges, protect) are captured by a stack transformation.
 *
 * @param resources every resource in declaration order (the stack resource itself left out)
 * @param invokes   every invoke, in the order the engine received them
 * @param outputs   the stack outputs, resolved
 */
public record OfflineEvaluation(
        List<DeclaredResource> resources,
        List<OfflineMocks.RecordedInvoke> invokes,
        Map<String, Object> outputs) {

    /**
     * The organization the program is told it runs in. Offline there is none (the deploying one is known only to the
     * Pulumi CLI), so this placeholder stands in, and a plan shows it as made up.
     */
    public static final String ORGANIZATION = "offline-organization";

    /** The name a stack of {@code project} has for a {@code StackReference} offline: {@code <placeholder org>/<project>/<stack>}. */
    public static String qualifiedName(String project, String stack) {
        return ORGANIZATION + "/" + project + "/" + stack;
    }

    /** Declares {@link SpotfleetStack} for {@code settings} as stack {@code stack} of project {@code project}. */
    public static OfflineEvaluation of(StackSettings settings, String project, String stack) {
        return run(new OfflineMocks(), project, stack, ctx -> SpotfleetStack.declare(ctx, settings));
    }

    /** The same, for a stack that reads other stacks' outputs: {@code stacks} has them, by qualified name. */
    public static OfflineEvaluation of(StackSettings settings, String project, String stack,
                                       Map<String, OfflineMocks.StackOutputs> stacks) {
        return run(new OfflineMocks(stacks), project, stack, ctx -> SpotfleetStack.declare(ctx, settings));
    }

    /**
     * Runs {@code program} under {@code mocks}. Throws {@link OfflineEvaluationException} when the program or
     * the engine reported errors.
     */
    public static OfflineEvaluation run(OfflineMocks mocks, String project, String stack, Consumer<Context> program) {
        var options = Collections.synchronizedList(new ArrayList<DeclaredOptions>());
        ResourceTransformation captureOptions = args -> {
            options.add(DeclaredOptions.of(args));
            return Optional.empty();
        };
        try {
            var result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder()
                            .organizationName(ORGANIZATION)
                            .projectName(project)
                            .stackName(stack)
                            .preview(false)
                            .resourceTransformations(List.of(captureOptions))
                            .build())
                    .runTest(program);
            if (!result.exceptions().isEmpty() || !result.errors().isEmpty()) {
                throw new OfflineEvaluationException(result.errors(), result.exceptions());
            }
            var outputs = new LinkedHashMap<String, Object>();
            result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
            return new OfflineEvaluation(declared(options, mocks.resources()), mocks.invokes(), outputs);
        } finally {
            PulumiTest.cleanup(); // the engine keeps global state between runs
        }
    }

    private static List<DeclaredResource> declared(List<DeclaredOptions> options, List<OfflineMocks.RecordedResource> recorded) {
        var byKey = new LinkedHashMap<String, OfflineMocks.RecordedResource>();
        recorded.forEach(r -> byKey.put(r.type() + "::" + r.name(), r));
        synchronized (options) {
            return options.stream()
                    .filter(o -> byKey.containsKey(o.type() + "::" + o.name()))
                    .map(o -> {
                        var r = byKey.get(o.type() + "::" + o.name());
                        return new DeclaredResource(o.type(), o.name(), o.parent(), r.inputs(), r.id(), r.outputs(),
                                OfflineMocks.providerName(r.provider()), o.dependsOn(), o.ignoreChanges(), o.protect(),
                                o.customTimeouts());
                    })
                    .toList();
        }
    }

    /** The options of one resource, as its constructor received them. */
    private record DeclaredOptions(String type, String name, Optional<String> parent, List<String> dependsOn,
                                   List<String> ignoreChanges, boolean protect, Map<String, String> customTimeouts) {
        static DeclaredOptions of(ResourceTransformation.Args args) {
            var options = args.options();
            var dependsOn = Optional.ofNullable(PulumiTest.extractValue(options.getDependsOn())).orElse(List.of())
                    .stream().map(Resource::pulumiResourceName).toList();
            return new DeclaredOptions(args.resource().pulumiResourceType(), args.resource().pulumiResourceName(),
                    options.getParent().map(Resource::pulumiResourceName), dependsOn, List.copyOf(options.getIgnoreChanges()),
                    options.isProtect(), options.getCustomTimeouts().map(DeclaredOptions::timeouts).orElse(Map.of()));
        }

        /** The operations with a timeout, each as Go writes a duration of whole minutes or seconds ({@code 14m}, {@code 90s}). */
        private static Map<String, String> timeouts(CustomTimeouts timeouts) {
            var set = new LinkedHashMap<String, String>();
            timeouts.getCreate().ifPresent(d -> set.put("create", text(d)));
            timeouts.getUpdate().ifPresent(d -> set.put("update", text(d)));
            timeouts.getDelete().ifPresent(d -> set.put("delete", text(d)));
            return set;
        }

        private static String text(Duration duration) {
            var seconds = duration.toSeconds();
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
    }
}
