package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SubnetLayoutTest {

    @Test
    void aSlash16GivesSlash20SubnetsPublicFirstPrivateInTheUpperHalf() {
        // given
        var layout = new SubnetLayout(Ipv4Cidr.parse("10.0.0.0/16").orElseThrow());
        // when / then
        assertThat(IntStream.range(0, 3).mapToObj(az -> layout.publicSubnet(az).toString()))
                .containsExactly("10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20");
        assertThat(IntStream.range(0, 3).mapToObj(az -> layout.privateSubnet(az).toString()))
                .containsExactly("10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20");
    }

    @Test
    void aSlash24KeepsTheLoadBalancersSlash27Minimum() {
        // given
        var layout = new SubnetLayout(Ipv4Cidr.parse("192.168.5.0/24").orElseThrow());
        // when / then
        assertThat(layout.subnetPrefix()).isEqualTo(27);
        assertThat(layout.maxAzCount()).isEqualTo(4);
        assertThat(layout.publicSubnet(1)).hasToString("192.168.5.32/27");
        assertThat(layout.privateSubnet(3)).hasToString("192.168.5.224/27");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/16, 20, 8", "172.16.0.0/20, 24, 8", "10.1.2.0/23, 27, 8", "10.1.2.0/24, 27, 4"})
    void subnetSizeAndRoomFollowTheBlock(String cidr, int subnetPrefix, int maxAzs) {
        // given
        var layout = new SubnetLayout(Ipv4Cidr.parse(cidr).orElseThrow());
        // when / then
        assertThat(layout.subnetPrefix()).isEqualTo(subnetPrefix);
        assertThat(layout.maxAzCount()).isEqualTo(maxAzs);
    }

    @Test
    void addingAnAzLeavesTheOtherSubnetsWhereTheyWere() {
        // given the same block with two and with six AZs
        var two = new NetworkSettings("10.0.0.0/16", 2, NatGateways.SINGLE);
        var six = new NetworkSettings("10.0.0.0/16", 6, NatGateways.SINGLE);
        // when / then: the layout, and so every existing subnet, stays put
        assertThat(two.subnetLayout()).isEqualTo(six.subnetLayout());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/16, true", "172.31.0.0/16, true", "172.32.0.0/16, false", "192.168.0.0/16, true",
            "192.169.0.0/16, false", "11.0.0.0/16, false", "100.64.0.0/16, false"})
    void privateMeansInsideRfc1918(String cidr, boolean isPrivate) {
        // given / when / then
        assertThat(Ipv4Cidr.parse(cidr).orElseThrow().isPrivate()).isEqualTo(isPrivate);
    }

    @Test
    void malformedBlocksDoNotParse() {
        // given / when / then
        assertThat(Ipv4Cidr.parse("10.0.0.256/16")).isEmpty();
        assertThat(Ipv4Cidr.parse("10.0.0.0/33")).isEmpty();
        assertThat(Ipv4Cidr.parse("10.0.0.0")).isEmpty();
    }
}
