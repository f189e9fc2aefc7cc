package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceTypeTest {

    @ParameterizedTest
    @CsvSource({
            "t3.micro, X86_64", "t3a.micro, X86_64", "t2.micro, X86_64", "m5.large, X86_64", "c5n.9xlarge, X86_64",
            "m7i-flex.large, X86_64", "g4dn.xlarge, X86_64", "x2iedn.metal, X86_64", "m5.metal, X86_64",
            "t4g.micro, ARM64", "m7g.large, ARM64", "c6gn.2xlarge, ARM64", "x2gd.medium, ARM64", "im4gn.large, ARM64",
            "is4gen.medium, ARM64", "g5g.xlarge, ARM64", "a1.large, ARM64", "r8g.metal-24xl, ARM64"})
    void gravitonIsTheAttributeLetterGOrA1(String name, Architecture expected) {
        // given / when
        var type = InstanceType.parse(name).orElseThrow();
        // then
        assertThat(type.architecture()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t3micro", "t3.", ".micro", "T3.micro", "t3.huge", "micro", "t3.micro.large", "3t.micro", "t3.0xlarge", ""})
    void textThatIsNotATypeNameIsRejected(String text) {
        // given / when / then
        assertThat(InstanceType.parse(text)).isEmpty();
    }

    @Test
    void aNameSplitsIntoItsParts() {
        // given / when
        var type = InstanceType.parse("c6gn.2xlarge").orElseThrow();
        // then
        assertThat(type).isEqualTo(new InstanceType("c6gn.2xlarge", "c", 6, "gn", "2xlarge"));
        assertThat(type.family()).isEqualTo("c6gn");
    }

    @ParameterizedTest
    @CsvSource({
            "t3.micro, 2, 1024", "t2.micro, 1, 1024", "t4g.nano, 2, 512", "t3a.2xlarge, 8, 32768",
            "m5.large, 2, 8192", "m7g.medium, 1, 4096", "c6gn.2xlarge, 8, 16384", "r7i.4xlarge, 16, 131072",
            "m7i-flex.xlarge, 4, 16384", "c5.9xlarge, 36, 73728"})
    void theCatalogKnowsTheCommonFamilies(String name, int vcpus, int memoryMib) {
        // given / when
        var size = InstanceCatalog.lookup(InstanceType.parse(name).orElseThrow());
        // then
        assertThat(size).contains(new InstanceCatalog.Resources(vcpus, memoryMib));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c5n.large", "m5.metal", "x2gd.large", "g5g.xlarge", "m4.large"})
    void typesOutsideTheCatalogAreUnknown(String name) {
        // given / when / then
        assertThat(InstanceCatalog.lookup(InstanceType.parse(name).orElseThrow())).isEmpty();
    }

    @Test
    void tasksGetWhatIsLeftAfterTheKernelAndTheAgent() {
        // given a 1 GiB instance
        var micro = new InstanceCatalog.Resources(2, 1024);
        // when / then: 1024 less 8% (942) less the 256 MiB ECS reservation
        assertThat(micro.taskMemoryMib()).isEqualTo(686);
    }
}
