package spotfleet.infra.components;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import spotfleet.infra.SpotfleetStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every component tells the engine its outputs ({@code registerOutputs}): what {@code pulumi stack --show-urns} and the
 * state show of it, and what marks the component as complete. The public mock engine drops that call (pulumi 1.36.1,
 * {@code com.pulumi.test.internal.MockMonitor.registerResourceOutputsAsync} returns a completed future and records
 * nothing), so this test wraps the mock monitor through {@code PulumiTestInternal.builder().monitorDecorator}, the one
 * hook the SDK has for it, and records each request.
 */
class RegisteredOutputsTest {

    @Test
    void everyComponentOfAnEc2StackRegistersExactlyItsExportedOutputs() {
        // given
        var settings = StackSettings.defaults();
        // when
        var declared = declare(settings);
        // then
        declared.assertEveryComponentRegistersWhatItDeclares();
        assertThat(declared.exported()).containsKeys("spotfleet:index:WebService", "spotfleet:index:SpotAlerts",
                "spotfleet:index:Alarms", "spotfleet:index:Dashboard", "spotfleet:index:Capacity");
    }

    @Test
    void everyComponentOfAFargateStackRegistersExactlyItsExportedOutputs() {
        // given
        var settings = FargateTest.fargate().build();
        // when
        var declared = declare(settings);
        // then
        declared.assertEveryComponentRegistersWhatItDeclares();
        assertThat(declared.exported()).containsKey("spotfleet:index:FargateCapacity").doesNotContainKey("spotfleet:index:Capacity");
    }

    /**
     * By component type: the output names it declares (see {@link #outputs}), and the names the engine was sent.
     * A type declared more than once must register the same names each time.
     */
    record Declared(Map<String, Set<String>> exported, Map<String, Set<String>> registered) {
        void assertEveryComponentRegistersWhatItDeclares() {
            assertThat(registered.keySet()).isEqualTo(exported.keySet());
            exported.forEach((type, names) -> assertThat(registered.get(type)).as(type).isEqualTo(names));
        }
    }

    private static Declared declare(StackSettings settings) {
        var sent = new ConcurrentHashMap<String, Set<String>>();
        var mocks = new OfflineMocks();
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .organizationName(OfflineEvaluation.ORGANIZATION)
                            .projectName("spotfleet")
                            .stackName("dev")
                            .preview(false)
                            .build())
                    .mocks(mocks)
                    .monitorDecorator(monitor -> new MockMonitor(mocks, PulumiTestInternal.mockLog()) {
                        @Override
                        public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
                            sent.merge(request.getUrn(), new TreeSet<>(request.getOutputs().getFieldsMap().keySet()), (a, b) -> {
                                throw new AssertionError("outputs registered twice for " + request.getUrn());
                            });
                            return super.registerResourceOutputsAsync(request);
                        }
                    })
                    .build()
                    .runTest(ctx -> SpotfleetStack.declare(ctx, settings));
            assertThat(result.exceptions()).isEmpty();
            assertThat(result.errors()).isEmpty();
            var exported = new TreeMap<String, Set<String>>();
            var registered = new TreeMap<String, Set<String>>();
            result.resources().stream()
                    .filter(resource -> resource instanceof ComponentResource)
                    .filter(resource -> resource.pulumiResourceType().startsWith("spotfleet:index:"))
                    .forEach(component -> {
                        var type = component.pulumiResourceType();
                        var urn = PulumiTest.extractValue(component.urn());
                        var names = outputs(component);
                        assertThat(exported.put(type, names)).as(type).isIn(null, names);
                        var sentNames = sent.getOrDefault(urn, Set.of());
                        assertThat(registered.put(type, sentNames)).as(type).isIn(null, sentNames);
                    });
            return new Declared(exported, registered);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /**
     * The names of a component's {@code @Export} fields, and of its public {@code Optional<Output>} fields that hold one
     * ({@code @Export} cannot carry an {@code Optional}): Capacity's capacity provider, ContainerImage's pullers,
     * SpotAlerts' task interruption rule.
     */
    private static Set<String> outputs(com.pulumi.resources.Resource component) {
        var names = new TreeSet<String>();
        for (var field : component.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(Export.class)) {
                names.add(field.getAnnotation(Export.class).name());
            } else if (Modifier.isPublic(field.getModifiers()) && field.getType() == Optional.class) {
                try {
                    if (((Optional<?>) field.get(component)).orElse(null) instanceof Output<?>) {
                        names.add(field.getName());
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }
}
