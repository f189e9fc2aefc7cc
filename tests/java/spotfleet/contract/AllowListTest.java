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
 * member or operation, and Debian's botocore 1.29 model (the floor) must really lack it (else the entry is not needed;
 * newer models that know it are reported by AwsContractTest). Without its entry, a newer value fails the check on the
 * floor's models; an EC2 instance type needs no entry (the SDK's enum), and a typo in one fails everywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowListTest {

    ServiceModels models;
    AllowList allowList;

    @BeforeAll
    void load() {
        models = ServiceModels.floorRequired();
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
    void everyEntryIsSomethingTheFloorsModelsLack() {
        // given every entry / when Debian's botocore 1.29 model is asked / then it does not know it (else the entry is noise)
        assertThat(allowList.knownTo(models)).as("entries %s already knows", models.describe()).isEmpty();
        assertThat(allowList.entries()).isNotEmpty();
    }

    @Test
    void anEntryTheModelsKnowIsReportedAsKnown() {
        // given an entry for a value the floor's model has (t3.micro is in botocore 1.29's InstanceType enum)
        var known = AllowList.parse("{\"entries\":[{\"service\":\"ec2\",\"shape\":\"InstanceType\",\"value\":\"t3.micro\","
                + "\"evidence\":\"x\",\"sdk\":\"software.amazon.awssdk.services.ec2.model.InstanceType\"}]}");
        // when / then
        assertThat(known.knownTo(models)).extracting(AllowList.Entry::key).containsExactly(AllowList.Key.value("ec2", "InstanceType", "t3.micro"));
    }

    @Test
    void anInstanceTypeNewerThanTheFloorsModelsPassesAndATypoFails() {
        // given prod (Graviton m7g.medium first, which botocore 1.29 does not know), as is and with a typo
        var check = new ContractCheck(models, Mappings.all(), DocumentedConstraints.all(models), allowList);
        var prod = ContractStacks.named("prod");
        var asg = prod.resources().stream().filter(r -> r.name().equals("capacity-asg")).findFirst().orElseThrow();
        var path = "mixedInstancesPolicy.launchTemplate.overrides[0].instanceType";
        assertThat(models.service("ec2").shape("InstanceType").enumValues()).doesNotContain("m7g.medium", "m7g.large");
        // when
        var asIs = check.run(List.of(prod)).findings();
        var typo = check.run(List.of(ContractMutationTest.only(prod, PlanMutations.set(asg, path, "m7g.mediun")))).findings();
        var large = check.run(List.of(ContractMutationTest.only(prod, PlanMutations.set(asg, path, "m7g.large")))).findings();
        // then: the AWS SDK's InstanceType enum knows m7g (no allow-list entry needed); a typo is in neither
        assertThat(asIs).isEmpty();
        assertThat(large).isEmpty();
        assertThat(typo).singleElement().satisfies(f -> {
            assertThat(f.resourceName()).isEqualTo("capacity-asg");
            assertThat(f.memberPath()).isEqualTo("MixedInstancesPolicy.LaunchTemplate.Overrides[0].InstanceType");
            assertThat(f.kind()).isEqualTo(CheckKind.DOC_TEXT);
            assertThat(f.message()).contains("\"m7g.mediun\" is not an EC2 instance type");
        });
    }

    @Test
    void withoutItsEntryANewerRuntimeFails() throws Exception {
        // given the allow-list without Lambda's python3.13
        var check = checkWithout("(?s)\\{\\s*\"service\": \"lambda\", \"shape\": \"Runtime\", \"value\": \"python3.13\".*?},");

        // when dev (its fleet-watch function runs python3.13) is checked
        var findings = check.run(List.of(ContractStacks.named("dev"))).findings();

        // then exactly the function's runtime is rejected
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.planPath()).isEqualTo("runtime");
            assertThat(f.message()).contains("python3.13");
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
        return new ContractCheck(models, Mappings.all(), DocumentedConstraints.all(models), AllowList.parse(without));
    }

    @Test
    void anAllowListedMemberIsStillCheckedAgainstTheSdk() {
        // given prod's service with an Availability Zone rebalancing value the SDK does not know
        var check = ContractCheck.standard(models);
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
