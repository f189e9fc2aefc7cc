package spotfleet.infra.plan;

import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.components.StackOutputs;
import spotfleet.infra.config.AwsConfig;
import spotfleet.infra.config.AwsSettings;
import spotfleet.infra.config.ConfigKey;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.RawConfig;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;

/**
 * Turns a stack file into a {@link Plan}: the config parsed as the program parses it, then one offline evaluation.
 * A stack that promotes another stack's image reads that stack's outputs; offline they come from the source's own
 * offline plan when its stack file is in the same project directory, and are stand-ins (marked made up) otherwise.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * The plan for {@code stackFile}. Config problems (the stack file's own and every one {@link StackConfig#parse}
     * finds, the promotion source's included) come back in the plan, with nothing evaluated; a program that fails under
     * the mock engine throws {@link spotfleet.infra.offline.OfflineEvaluationException}.
     */
    public static Plan plan(StackFile stackFile) {
        return plan(stackFile, new LinkedHashSet<>()).plan();
    }

    /** A plan, with what a stack promoting this one would read from it: its outputs and which of their values are made up. */
    private record Planned(Plan plan, OfflineMocks.StackOutputs outputs) {
    }

    /** Where a promoting stack's source outputs come from offline, or why they cannot be had. */
    private record Source(Map<String, OfflineMocks.StackOutputs> stacks, Plan.Image image, List<String> problems) {
    }

    private static Planned plan(StackFile stackFile, SequencedSet<String> promoting) {
        var problems = new ArrayList<>(stackFile.problems());
        StackSettings settings = null;
        try {
            settings = StackConfig.parseStack(RawConfig.of(stackFile.config()));
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (settings == null || !problems.isEmpty()) {
            return invalid(stackFile, problems);
        }
        promoting.add(stackFile.stack());
        var source = source(stackFile, settings, promoting);
        if (!source.problems().isEmpty()) {
            return invalid(stackFile, source.problems());
        }
        var mocks = new OfflineMocks(source.stacks());
        var parsed = settings;
        var evaluation = OfflineEvaluation.run(mocks, stackFile.project(), stackFile.stack(),
                ctx -> SpotfleetStack.declare(ctx, parsed));
        var computed = new ComputedValues(mocks.madeUpValues());
        var wiring = Wiring.of(evaluation.resources(), mocks.madeUpValues());
        var resources = evaluation.resources().stream()
                .map(resource -> planned(withoutSecrets(resource, parsed.aws()), computed, wiring.get(resource.name())))
                .toList();
        @SuppressWarnings("unchecked")
        var outputs = (Map<String, Object>) computed.mark(evaluation.outputs());
        var plan = new Plan(stackFile.project(), stackFile.runtime(), stackFile.stack(), stackFile.file(),
                config(settings, stackFile.config()), source.image(), List.of(), resources, outputs);
        return new Planned(plan, new OfflineMocks.StackOutputs(evaluation.outputs(), mocks.madeUpValues()));
    }

    private static Planned invalid(StackFile stackFile, List<String> problems) {
        return new Planned(new Plan(stackFile.project(), stackFile.runtime(), stackFile.stack(), stackFile.file(), List.of(),
                null, List.copyOf(problems), List.of(), Map.of()), new OfflineMocks.StackOutputs(Map.of(), Set.of()));
    }

    /** The image's source, and for a promotion the source stack's outputs as offline can know them. */
    private static Source source(StackFile stackFile, StackSettings settings, SequencedSet<String> promoting) {
        var platform = settings.capacity().architecture().dockerPlatform();
        return switch (settings.image().source()) {
            case ImageSource.Build build -> new Source(Map.of(), new Plan.Image("build", null, ("built from %s for %s by the"
                    + " deploying machine's Docker engine and pushed to this stack's repository; its digest is known once pushed")
                    .formatted(spotfleet.infra.components.ContainerImage.BUILD_CONTEXT, platform)), List.of());
            case ImageSource.Prebuilt prebuilt -> new Source(Map.of(), new Plan.Image("prebuilt", null,
                    "%s, deployed as it is: nothing is built".formatted(prebuilt.reference().text())), List.of());
            case ImageSource.Promoted promoted -> promotedSource(stackFile, settings, promoted, promoting);
        };
    }

    private static Source promotedSource(StackFile stackFile, StackSettings settings, ImageSource.Promoted promoted,
                                         SequencedSet<String> promoting) {
        var written = promoted.configValue().substring(ImageSource.PROMOTE_PREFIX.length());
        var qualified = promoted.qualifiedName(OfflineEvaluation.ORGANIZATION, stackFile.project());
        var sameProject = promoted.project().map(stackFile.project()::equals).orElse(true);
        var sourceFile = "Pulumi." + promoted.stack() + ".yaml";
        if (!sameProject || !Files.exists(stackFile.directory().resolve(sourceFile))) {
            var image = new Plan.Image("promote", written, ("the image stack %s runs, read from its outputs when deployed: nothing"
                    + " is built. Its stack file is not in this project directory, so its outputs here are stand-ins, marked %s;"
                    + " pulumi preview reads the real ones and checks them (digest, platform, pull grant)")
                    .formatted(written, ComputedValues.MARKER));
            return new Source(Map.of(qualified, standIns(settings, promoted.stack())), image, List.of());
        }
        if (promoting.contains(promoted.stack())) {
            return new Source(Map.of(), null, List.of("spotfleet:image: the stacks promote each other's images in a circle: %s -> %s"
                    .formatted(String.join(" -> ", promoting), promoted.stack())));
        }
        try {
            var source = plan(StackFile.read(stackFile.directory(), promoted.stack()), promoting);
            if (!source.plan().valid()) {
                var problems = new ArrayList<String>();
                source.plan().problems().forEach(problem -> problems.add("spotfleet:image promotes %s, whose %s has a problem: %s"
                        .formatted(written, sourceFile, problem)));
                return new Source(Map.of(), null, problems);
            }
            var image = new Plan.Image("promote", written, ("the image stack %s runs, read from its outputs when deployed: nothing"
                    + " is built. Its outputs here are those of %s's offline plan, so its digest is %s")
                    .formatted(written, sourceFile, ComputedValues.MARKER));
            return new Source(Map.of(qualified, source.outputs()), image, List.of());
        } catch (StackFile.UnreadableException e) {
            return new Source(Map.of(), null, List.of("spotfleet:image promotes %s, whose stack file cannot be read: %s"
                    .formatted(written, e.getMessage())));
        }
    }

    /**
     * Outputs for a source stack offline cannot evaluate: a made-up image of this stack's own platform, in a made-up
     * repository, with no pull grant to check. Nothing here is read from anywhere.
     */
    private static OfflineMocks.StackOutputs standIns(StackSettings settings, String sourceStack) {
        var registry = "%s.dkr.ecr.offline-source-region.amazonaws.com".formatted(OfflineMocks.ACCOUNT_ID);
        var repository = sourceStack.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-images";
        var imageRef = "%s/%s@sha256:%s".formatted(registry, repository, "0".repeat(64));
        var repositoryArn = "arn:aws:ecr:offline-source-region:%s:repository/%s".formatted(OfflineMocks.ACCOUNT_ID, repository);
        var outputs = new LinkedHashMap<String, Object>();
        outputs.put(StackOutputs.IMAGE_REF, imageRef);
        outputs.put(StackOutputs.IMAGE_PLATFORM, settings.capacity().architecture().dockerPlatform());
        outputs.put(StackOutputs.IMAGE_REPOSITORY_ARN, repositoryArn);
        return new OfflineMocks.StackOutputs(outputs, Set.of(imageRef, repositoryArn));
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
