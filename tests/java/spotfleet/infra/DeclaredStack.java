package spotfleet.infra;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack as the mock engine saw it declared, with lookups for tests. {@link OfflineEvaluation} runs the
 * program, always cleans the engine up, and fails on any error the program or the engine reported.
 */
public record DeclaredStack(OfflineEvaluation evaluation) {

    public static final String PROJECT = "spotfleet";
    public static final String STACK = "dev";

    public static DeclaredStack of(StackSettings settings) {
        return new DeclaredStack(OfflineEvaluation.of(settings, PROJECT, STACK));
    }

    /** Stack {@code stack} of the project, reading the outputs of the stacks in {@code stacks} (by qualified name). */
    public static DeclaredStack of(StackSettings settings, String stack, Map<String, OfflineMocks.StackOutputs> stacks) {
        return new DeclaredStack(OfflineEvaluation.of(settings, PROJECT, stack, stacks));
    }

    /** The committed {@code Pulumi.<stack>.yaml}, declared as that stack (see {@link #committed(String, Map)}). */
    public static DeclaredStack committed(String stack) {
        return committed(stack, Map.of());
    }

    /**
     * The committed {@code Pulumi.<stack>.yaml} with {@code changes} to its config, declared as that stack. A stack that
     * promotes another reads that one's outputs as its own committed file declares them, as {@code ./plan} does.
     */
    public static DeclaredStack committed(String stack, Map<String, String> changes) {
        try {
            var config = new LinkedHashMap<>(StackFile.read(Path.of("."), stack).config());
            config.putAll(changes);
            var settings = StackConfig.parse(config);
            if (settings.image().source() instanceof ImageSource.Promoted promoted) {
                var source = committed(promoted.stack()).evaluation().outputs();
                return of(settings, stack, Map.of(promoted.qualifiedName(OfflineEvaluation.ORGANIZATION, PROJECT),
                        new OfflineMocks.StackOutputs(source, Set.of())));
            }
            return of(settings, stack, Map.of());
        } catch (StackFile.UnreadableException e) {
            throw new AssertionError("Pulumi.%s.yaml cannot be read: %s".formatted(stack, e.getMessage()), e);
        }
    }

    /**
     * Whether a test class declares its stack before each test instead of once ({@code -Dspotfleet.test.declarePerTest=true},
     * which the pitest profile sets). Pitest credits what a class's {@code @BeforeAll} or first declaration runs to that
     * class's first test alone, and runs only the tests so credited against a mutant: the class's other assertions on the
     * same stack would never see it. Declared per test, each test covers, and kills, what it asserts on.
     */
    public static boolean declarePerTest() {
        return Boolean.getBoolean("spotfleet.test.declarePerTest");
    }

    /** For a test class's {@code @BeforeEach}: the stack it already declared, or a new one when there is none yet or {@link #declarePerTest()}. */
    public static DeclaredStack reuseOrDeclare(DeclaredStack declared, java.util.function.Supplier<DeclaredStack> declare) {
        return declared != null && !declarePerTest() ? declared : declare.get();
    }

    public static DeclaredStack withDefaults() {
        return of(StackSettings.defaults());
    }

    public List<DeclaredResource> resources() {
        return evaluation.resources();
    }

    public List<DeclaredResource> all(String type) {
        return resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The one resource of {@code type} named {@code name}; fails the test when there is none. */
    public DeclaredResource one(String type, String name) {
        var matches = resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        assertThat(matches).as("resources of type %s named %s", type, name).hasSize(1);
        return matches.getFirst();
    }

    /** The input at {@code path}, dot-separated, list items by index: {@code "healthCheck.path"}, {@code "tags.0.key"}. */
    public static Object input(DeclaredResource resource, String path) {
        return at(resource, "input", resource.inputs(), path);
    }

    /** The output (as the mock computed it) at {@code path}, e.g. {@code "arn"}. */
    public static Object output(DeclaredResource resource, String path) {
        return at(resource, "output", resource.outputs(), path);
    }

    private static Object at(DeclaredResource resource, String what, Object value, String path) {
        for (var step : path.split("\\.")) {
            if (value instanceof Map<?, ?> map) {
                value = map.get(step);
            } else if (value instanceof List<?> list) {
                value = list.get(Integer.parseInt(step));
            } else {
                throw new AssertionError("%s %s has no %s %s (stopped at %s)".formatted(resource.type(), resource.name(), what, path, step));
            }
        }
        return value;
    }

    /** The input at {@code path}, a JSON document (policies, patterns, dashboard bodies), parsed. */
    public static JsonElement jsonInput(DeclaredResource resource, String path) {
        return JsonParser.parseString((String) input(resource, path));
    }

    /** The rules of {@code type} on a security group, each as its protocol, ports and peer (description left out). */
    public List<Map<String, Object>> securityGroupRules(String type, String securityGroupId) {
        return all(type).stream()
                .filter(rule -> securityGroupId.equals(input(rule, "securityGroupId")))
                .map(rule -> {
                    var peer = new LinkedHashMap<>(rule.inputs());
                    peer.remove("securityGroupId");
                    peer.remove("description");
                    return (Map<String, Object>) peer;
                })
                .toList();
    }

    public List<OfflineMocks.RecordedInvoke> invokes(String token) {
        return evaluation.invokes().stream().filter(i -> i.token().equals(token)).toList();
    }

    public Object stackOutput(String name) {
        assertThat(evaluation.outputs()).containsKey(name);
        return evaluation.outputs().get(name);
    }
}
