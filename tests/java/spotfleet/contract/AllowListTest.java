package spotfleet.contract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allow-list is evidence, not trust: each entry's AWS SDK for Java v2 (2.57.8) class must really have the value,
 * member or operation, and the botocore 1.29 model must really lack it (else the entry is not needed). Without its
 * entry, a newer value fails the check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowListTest {

    ServiceModels models;
    AllowList allowList;

    @BeforeAll
    void load() {
        models = ServiceModels.installed();
        allowList = AllowList.load();
    }

    @Test
    void everyEntryIsProvedByTheAwsSdkOrThePulumiProvider() {
        // given every entry / when its evidence is looked up / then it holds
        for (var entry : allowList.entries()) {
            var key = entry.key();
            assertThat(entry.sdk().isPresent() || entry.pulumi().isPresent())
                    .as("%s needs an 'sdk' class or a 'pulumi' input as evidence", key).isTrue();
            entry.sdk().ifPresent(sdk -> {
                var sdkClass = SdkShapes.load(sdk);
                if (!key.value().isEmpty()) {
                    assertThat(SdkShapes.knows(sdkClass, key.value())).as("%s has %s", sdk, key.value()).isTrue();
                } else if (!key.member().isEmpty()) {
                    assertThat(SdkShapes.field(sdkClass, key.member())).as("%s has member %s", sdk, key.member()).isPresent();
                } else {
                    assertThat(sdkClass.getSimpleName()).isEqualTo(key.operation() + "Request");
                }
            });
            entry.pulumi().ifPresent(pulumi -> {
                var parts = pulumi.split("#");
                var args = SdkShapes.load(parts[0]);
                assertThat(List.of(args.getMethods())).as("%s has input %s", parts[0], parts[1])
                        .anyMatch(m -> m.getName().equals(parts[1]) && m.getParameterCount() == 0);
            });
        }
    }

    @Test
    void everyEntryIsSomethingTheModelsLack() {
        // given every entry / when the botocore model is asked / then it does not know it (else the entry is noise)
        for (var entry : allowList.entries()) {
            var key = entry.key();
            var model = models.service(key.service());
            if (!key.operation().isEmpty()) {
                assertThat(model.input(key.operation())).as("%s", key).isEmpty();
            } else if (!key.member().isEmpty()) {
                assertThat(model.shape(key.shape()).members()).as("%s", key).doesNotContainKey(key.member());
            } else {
                assertThat(model.shape(key.shape()).enumValues()).as("%s", key).doesNotContain(key.value());
            }
        }
    }

    @Test
    void withoutItsEntryANewerInstanceTypeFails() throws Exception {
        // given the allow-list without m7g.medium
        var check = checkWithout("(?s)\\{\\s*\"service\": \"ec2\", \"shape\": \"InstanceType\", \"value\": \"m7g.medium\".*?},");

        // when prod (Graviton m7g first) is checked
        var findings = check.run(List.of(ContractStacks.named("prod"))).findings();

        // then exactly the m7g override is rejected, in each of the two groups (Spot and on-demand) that list it
        assertThat(findings).extracting(f -> f.resourceName()).containsExactlyInAnyOrder("capacity-asg", "capacity-on-demand-asg");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.memberPath()).isEqualTo("MixedInstancesPolicy.LaunchTemplate.Overrides[0].InstanceType");
            assertThat(f.kind()).isEqualTo(CheckKind.DOC_TEXT);
            assertThat(f.message()).contains("\"m7g.medium\" is not an EC2 instance type");
        });
    }

    @Test
    void withoutItsEntryANewerOperationFails() throws Exception {
        // given the allow-list without ModifyListenerAttributes
        var check = checkWithout("(?s),\\s*\\{\\s*\"service\": \"elbv2\", \"operation\": \"ModifyListenerAttributes\".*?}");

        // when a stack with an HTTPS listener is checked
        var findings = check.run(List.of(ContractStacks.named("all-features-zone-name"))).findings();

        // then the listener's attribute call is rejected
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resourceName()).isEqualTo("https-listener");
            assertThat(f.request()).isEqualTo("elbv2 ModifyListenerAttributes");
            assertThat(f.kind()).isEqualTo(CheckKind.MEMBER);
            assertThat(f.message()).contains("has no operation ModifyListenerAttributes");
        });
    }

    /** The standard check, with the allow-list entry {@code entry} (a regular expression over the file) taken out. */
    private ContractCheck checkWithout(String entry) throws Exception {
        var json = Files.readString(Path.of(AllowList.FILE));
        var without = json.replaceFirst(entry, "");
        assertThat(without).as("the entry to remove").isNotEqualTo(json);
        return new ContractCheck(models, Mappings.all(), DocumentedConstraints.all(), AllowList.parse(without));
    }

    @Test
    void anAllowListedMemberIsStillCheckedAgainstTheSdk() {
        // given prod's service with an Availability Zone rebalancing value the SDK does not know
        var check = ContractCheck.standard();
        var prod = ContractStacks.named("prod");
        var service = prod.resources().stream().filter(r -> r.name().equals("web-service")).findFirst().orElseThrow();
        var changed = PlanMutations.set(service, "availabilityZoneRebalancing", "SOMETIMES");

        // when checked
        var findings = check.run(List.of(ContractMutationTest.only(prod, changed))).findings();

        // then the SDK's enum rejects it
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.planPath()).isEqualTo("availabilityZoneRebalancing");
            assertThat(f.kind()).isEqualTo(CheckKind.ALLOW_LIST);
            assertThat(f.shape()).isEqualTo("ecs:CreateServiceRequest");
            assertThat(f.message()).contains("\"SOMETIMES\" is not a value of software.amazon.awssdk.services.ecs.model.AvailabilityZoneRebalancing");
        });
    }

    @Test
    void anEntryWithoutEvidenceIsRefused() {
        // given / when / then
        assertThatThrownBy(() -> AllowList.parse("{\"entries\":[{\"service\":\"ec2\",\"shape\":\"InstanceType\",\"value\":\"x9.huge\"}]}"))
                .hasMessageContaining("every entry needs a service and its evidence");
    }
}
