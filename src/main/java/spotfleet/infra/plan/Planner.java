package spotfleet.infra.plan;

import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.config.AwsConfig;
import spotfleet.infra.config.AwsSettings;
import spotfleet.infra.config.ConfigKey;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
                .map(resource -> planned(withoutSecrets(resource, parsed.aws()), computed, wiring.get(resource.name())))
                .toList();
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
                resource.ignoreChanges(), resource.protect(), resource.customTimeouts());
    }

    /**
     * The AWS provider as the engine would show it: a secret setting's value replaced by {@value AwsSettings#SECRET}
     * (the mock engine receives secrets unwrapped; a real preview shows them as secrets too).
     */
    private static DeclaredResource withoutSecrets(DeclaredResource resource, AwsSettings aws) {
        if (!resource.type().equals(OfflineMocks.AWS_PROVIDER_TYPE)) {
            return resource;
        }
        var inputs = new LinkedHashMap<>(resource.inputs());
        aws.values().forEach((name, value) -> {
            if (value.secret() && inputs.containsKey(name)) {
                inputs.put(name, AwsSettings.SECRET);
            }
        });
        return new DeclaredResource(resource.type(), resource.name(), resource.parent(), inputs, resource.id(),
                Map.of(), resource.provider(), resource.dependsOn(), resource.ignoreChanges(), resource.protect(),
                resource.customTimeouts());
    }

    /**
     * The values the program uses: every {@code aws:} setting the stack makes (secrets hidden), then every key of the
     * program, with where its value comes from, and whether it does nothing where the stack runs.
     */
    private static List<Plan.ConfigValue> config(StackSettings settings, Map<String, String> raw) {
        var values = new ArrayList<Plan.ConfigValue>();
        settings.aws().values().forEach((name, value) ->
                values.add(new Plan.ConfigValue(AwsConfig.NAMESPACE + ":" + name, value.shown(), "stack")));
        var typed = StackConfig.values(settings);
        var runOn = settings.capacity().runOn();
        for (ConfigKey<?> key : StackConfig.KEYS) {
            // A key of the other platform is at its default (StackConfig refuses it otherwise) and does nothing.
            var unused = StackConfig.usedOn(key.name(), runOn) ? "" : ", not used on " + runOn.configValue();
            values.add(new Plan.ConfigValue(key.qualifiedName(), typed.get(key.name()),
                    (raw.containsKey(key.qualifiedName()) ? "stack" : "default") + unused));
        }
        return values;
    }
}
