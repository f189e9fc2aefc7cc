package spotfleet.contract;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Members the models lack, checked against the AWS SDK's classes: types, enums, nested structures, lists and maps. */
class SdkShapesTest {

    private final List<CheckKind> counted = new ArrayList<>();

    private List<Violation> check(Class<?> structure, Map<String, Object> value) {
        return SdkShapes.checkStructure(structure, value, "", counted::add);
    }

    @Test
    void aKnownStructureWithKnownValuesPasses() {
        // given / when
        var violations = check(CreateFunctionRequest.class, Map.of("LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", "g"),
                "Architectures", List.of("arm64"), "MemorySize", 128.0, "Publish", false));
        // then
        assertThat(violations).isEmpty();
        assertThat(counted).contains(CheckKind.ENUM, CheckKind.MEMBER, CheckKind.TYPE);
    }

    @Test
    void enumsTypesAndUnknownMembersAreReported() {
        // given / when
        var violations = check(CreateFunctionRequest.class, Map.of(
                "LoggingConfig", Map.of("LogFormat", "XML", "LogGroup", 5.0),
                "Architectures", List.of("sparc"),
                "MemorySize", 1.5,
                "Publish", "yes",
                "Colour", "red",
                "Environment", Map.of("Variables", Map.of("A", 1.0)),
                "TracingConfig", "Active"));
        // then
        assertThat(violations).extracting(v -> v.subPath() + ": " + v.message()).containsExactlyInAnyOrder(
                "LoggingConfig.LogFormat: \"XML\" is not a value of software.amazon.awssdk.services.lambda.model.LogFormat in the AWS SDK",
                "LoggingConfig.LogGroup: expected String, not 5.0",
                "Architectures[0]: \"sparc\" is not a value of software.amazon.awssdk.services.lambda.model.Architecture in the AWS SDK",
                "MemorySize: expected Integer, not 1.5",
                "Publish: expected Boolean, not yes",
                "Colour: CreateFunctionRequest has no member Colour in the AWS SDK either",
                "Environment.Variables.A: expected String, not 1.0",
                "TracingConfig: expected a structure (TracingConfig), not Active");
    }

    @Test
    void listsOfStructuresAndComputedValues() {
        // given / when
        var violations = check(CreateServiceRequest.class, Map.of(
                "capacityProviderStrategy", List.of(Map.of("capacityProvider", "<computed>", "weight", "heavy")),
                "loadBalancers", "none",
                "availabilityZoneRebalancing", "<computed>"));
        // then
        assertThat(violations).extracting(v -> v.subPath() + ": " + v.message()).containsExactlyInAnyOrder(
                "capacityProviderStrategy[0].weight: expected Integer, not heavy",
                "loadBalancers: expected a list, not none");
        assertThat(counted).contains(CheckKind.COMPUTED);
    }

    @Test
    void theSdkKnowsNewerValuesAndNotMadeUpOnes() {
        // given / when / then
        var instanceType = SdkShapes.load("software.amazon.awssdk.services.ec2.model.InstanceType");
        assertThat(SdkShapes.knows(instanceType, "m7g.medium")).isTrue();
        assertThat(SdkShapes.knows(instanceType, "m7g.gigantic")).isFalse();
        assertThat(SdkShapes.field(CreateServiceRequest.class, "AVAILABILITYZONEREBALANCING")).isPresent();
    }
}
