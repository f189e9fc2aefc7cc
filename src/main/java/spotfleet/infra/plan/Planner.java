package spotfleet.infra.plan;

import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.config.ConfigKey;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a stack file into a {@link Plan}: the config parsed as the program parses it, then one offline evaluation. */
public final class Planner {

    private Planner() {
    }

    /**
     * The plan for {@code stackFile}. Config problems (the stack file's own and every one {@link StackConfig#parse}
     * finds) come back in the plan, with nothing evaluated; a program that fails under the mock engine throws
     * {@link spotfleet.infra.offline.OfflineEvaluationException}.
     */
    public static Plan plan(StackFile stackFile) {
        var problems = new ArrayList<>(stackFile.problems());
        StackSettings settings = null;
        try {
            settings = StackConfig.parse(stackFile.config());
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (settings == null || !problems.isEmpty()) {
            return new Plan(stackFile.project(), stackFile.runtime(), stackFile.stack(), stackFile.file(), List.of(),
                    problems, List.of(), Map.of());
        }
        var mocks = new OfflineMocks();
        var parsed = settings;
        var evaluation = OfflineEvaluation.run(mocks, stackFile.project(), stackFile.stack(),
                ctx -> SpotfleetStack.declare(ctx, parsed));
        var computed = new ComputedValues(mocks.madeUpValues());
        var wiring = Wiring.of(evaluation.resources());
        var resources = evaluation.resources().stream()
                .map(resource -> planned(resource, computed, wiring.get(resource.name()))).toList();
        @SuppressWarnings("unchecked")
        var outputs = (Map<String, Object>) computed.mark(evaluation.outputs());
        return new Plan(stackFile.project(), stackFile.runtime(), stackFile.stack(), stackFile.file(),
                config(settings, stackFile.config()), List.of(), resources, outputs);
    }

    @SuppressWarnings("unchecked")
    private static Plan.PlannedResource planned(DeclaredResource resource, ComputedValues computed, List<Plan.Reference> references) {
        // The program's components are typed in its own namespace (spotfleet:index:<Name>); the rest is cloud.
        var component = resource.type().startsWith(StackConfig.NAMESPACE + ":");
        return new Plan.PlannedResource(resource.type(), resource.name(), resource.parent(), !component,
                (Map<String, Object>) computed.mark(resource.inputs()), resource.dependsOn(), references,
                resource.ignoreChanges(), resource.protect());
    }

    /** The values the program uses: the region and profile when the stack sets them, then every key of the program. */
    private static List<Plan.ConfigValue> config(StackSettings settings, Map<String, String> raw) {
        var values = new ArrayList<Plan.ConfigValue>();
        settings.aws().region().ifPresent(region -> values.add(new Plan.ConfigValue(StackConfig.AWS_REGION, region, "stack")));
        settings.aws().profile().ifPresent(profile -> values.add(new Plan.ConfigValue(StackConfig.AWS_PROFILE, profile, "stack")));
        var typed = StackConfig.values(settings);
        for (ConfigKey<?> key : StackConfig.KEYS) {
            values.add(new Plan.ConfigValue(key.qualifiedName(), typed.get(key.name()),
                    raw.containsKey(key.qualifiedName()) ? "stack" : "default"));
        }
        return values;
    }
}
