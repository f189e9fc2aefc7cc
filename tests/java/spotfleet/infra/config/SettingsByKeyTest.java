package spotfleet.infra.config;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shorthands around the key declarations fill and read the key they are named after: a setter or accessor that
 * named one key and used another would compile, and quietly deploy the wrong value.
 */
class SettingsByKeyTest {

    @Test
    void everyNamedSetterOfTheBuilderSetsTheKeyOfItsName() throws Exception {
        for (var key : StackConfig.KEYS) {
            // given a value other than the default
            var builder = StackSettings.defaults().toBuilder();
            var setter = Arrays.stream(StackSettings.Builder.class.getMethods())
                    .filter(method -> method.getName().equals(key.name()) && method.getParameterCount() == 1)
                    .findFirst().orElseThrow(() -> new AssertionError("no setter named " + key.name()));
            var other = otherThanDefault(key);
            // when
            var returned = setter.invoke(builder, other);
            // then
            assertThat(returned).as(key.name()).isSameAs(builder);
            assertThat(builder.get(key)).as(key.name()).isEqualTo(other);
        }
    }

    @Test
    void everyAccessorNamedAfterAKeyReadsThatKey() throws Exception {
        // given settings whose numbers are all different from each other
        var raw = Map.ofEntries(Map.entry("spotfleet:minInstances", "2"), Map.entry("spotfleet:maxInstances", "9"),
                Map.entry("spotfleet:instanceScaling", "cpu"), Map.entry("spotfleet:onDemandTasks", "0"),
                Map.entry("spotfleet:capacityTargetPercent", "81"), Map.entry("spotfleet:instanceCpuTarget", "62"),
                Map.entry("spotfleet:containerPort", "8081"), Map.entry("spotfleet:taskCpu", "384"),
                Map.entry("spotfleet:taskMemory", "448"), Map.entry("spotfleet:serviceMinTasks", "3"),
                Map.entry("spotfleet:serviceMaxTasks", "11"), Map.entry("spotfleet:serviceCpuTarget", "57"),
                Map.entry("spotfleet:serviceRequestsPerTarget", "640"), Map.entry("spotfleet:scaleInCooldown", "210"),
                Map.entry("spotfleet:scaleOutCooldown", "45"), Map.entry("spotfleet:stopTimeoutSeconds", "33"),
                Map.entry("spotfleet:accessLogs", "false"), Map.entry("spotfleet:protect", "true"));
        var settings = StackConfig.parse(raw);
        // when / then
        var read = 0;
        for (var view : List.<Object>of(settings, settings.service(), settings.capacity())) {
            var accessors = Arrays.stream(view.getClass().getMethods()).filter(method -> method.getParameterCount() == 0)
                    .collect(Collectors.toMap(Method::getName, method -> method, (a, b) -> a));
            for (var key : StackConfig.KEYS) {
                var accessor = accessors.get(key.name());
                // a key read back from normalised settings (image, environment, ...) has them as its accessor's type
                if (accessor != null && key.readBack().isEmpty() && key != StackConfig.ECS_AMI_ID) { // ecsAmiId: Optional
                    assertThat(accessor.invoke(view)).as("%s.%s", view.getClass().getSimpleName(), key.name())
                            .isEqualTo(settings.value(key));
                    read++;
                }
            }
        }
        assertThat(read).as("accessors named after keys").isGreaterThanOrEqualTo(20);
        assertThat(settings.service().value(StackConfig.TASK_CPU)).isEqualTo(384);
        assertThat(settings.service().shutdownGraceSeconds()).isEqualTo(31);
    }

    @Test
    void onlyAListOfBurstableTypesIsPinnedToStandardCredits() {
        // given / when
        var burstable = (CapacitySettings.OnEc2) StackConfig.parse(Map.of()).capacity();
        var graviton = (CapacitySettings.OnEc2) StackConfig.parse(Map.of("spotfleet:instanceTypes", "[\"m7g.large\"]")).capacity();
        // then: the defaults are T types (t3, t3a, t2); m7g is not
        assertThat(burstable.allBurstable()).isTrue();
        assertThat(graviton.allBurstable()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Object otherThanDefault(ConfigKey<?> key) {
        return switch (key.defaultValue()) {
            case Integer number -> number + 1;
            case Boolean flag -> !flag;
            case String text -> text + "x";
            case List<?> list -> List.of("x", "y");
            case Enum<?> choice -> Arrays.stream(choice.getDeclaringClass().getEnumConstants())
                    .filter(other -> other != choice).findFirst().orElseThrow();
            default -> throw new AssertionError("no other value for " + key.name());
        };
    }
}
