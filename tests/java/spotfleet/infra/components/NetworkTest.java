package spotfleet.infra.components;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.NatGateways;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

class NetworkTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheDefaults {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
        }

        @Test
        void theVpcHasTheConfiguredBlockAndDns() {
            // given / when
            var vpc = stack.one(VPC, "network-vpc");
            // then
            assertThat(input(vpc, "cidrBlock")).isEqualTo("10.0.0.0/16");
            assertThat(input(vpc, "enableDnsSupport")).isEqualTo(true);
            assertThat(input(vpc, "enableDnsHostnames")).isEqualTo(true);
            assertThat(input(vpc, "tags")).isEqualTo(Map.of("Name", "network-vpc"));
        }

        @Test
        void subnetsFollowTheLayoutOneOfEachKindPerAz() {
            // given / when
            var subnets = stack.all(SUBNET);
            // then
            assertThat(subnets).extracting(DeclaredResource::name)
                    .containsExactly("network-public-0", "network-private-0", "network-public-1", "network-private-1");
            assertThat(subnets).extracting(s -> input(s, "cidrBlock"))
                    .containsExactly("10.0.0.0/20", "10.0.128.0/20", "10.0.16.0/20", "10.0.144.0/20");
            assertThat(subnets).extracting(s -> input(s, "availabilityZone"))
                    .containsExactly("mock-region-1a", "mock-region-1a", "mock-region-1b", "mock-region-1b");
            assertThat(subnets).allSatisfy(s -> {
                assertThat(input(s, "vpcId")).isEqualTo(stack.one(VPC, "network-vpc").id());
                assertThat(input(s, "mapPublicIpOnLaunch")).isEqualTo(false);
            });
        }

        @Test
        void zonesComeFromTheRegionLeavingOutOptInZones() {
            // given / when
            var invokes = stack.invokes(GET_AVAILABILITY_ZONES);
            // then
            assertThat(invokes).hasSize(1);
            assertThat(invokes.getFirst().args()).containsEntry("state", "available")
                    .containsEntry("filters", List.of(Map.of("name", "opt-in-status", "values", List.of("opt-in-not-required"))));
        }

        @Test
        void publicSubnetsRouteToTheInternetGateway() {
            // given
            var igw = stack.one(INTERNET_GATEWAY, "network-igw");
            var publicRoutes = stack.one(ROUTE_TABLE, "network-public-rt");
            // when / then
            assertThat(input(publicRoutes, "routes")).isEqualTo(List.of(Map.of("cidrBlock", "0.0.0.0/0", "gatewayId", igw.id())));
            assertThat(associatedSubnets(publicRoutes)).containsExactly(
                    stack.one(SUBNET, "network-public-0").id(), stack.one(SUBNET, "network-public-1").id());
        }

        @Test
        void aSingleNatGatewayInTheFirstPublicSubnetServesEveryPrivateSubnet() {
            // given
            var nat = stack.one(NAT_GATEWAY, "network-nat-0");
            // when / then
            assertThat(stack.all(NAT_GATEWAY)).hasSize(1);
            assertThat(input(nat, "subnetId")).isEqualTo(stack.one(SUBNET, "network-public-0").id());
            assertThat(input(nat, "allocationId")).isEqualTo(stack.one(EIP, "network-nat-0-eip").id());
            assertThat(nat.dependsOn()).containsExactly("network-igw");
            for (int az = 0; az < 2; az++) {
                var privateRoutes = stack.one(ROUTE_TABLE, "network-private-rt-" + az);
                assertThat(input(privateRoutes, "routes")).isEqualTo(List.of(Map.of("cidrBlock", "0.0.0.0/0", "natGatewayId", nat.id())));
                assertThat(associatedSubnets(privateRoutes)).containsExactly(stack.one(SUBNET, "network-private-" + az).id());
            }
        }

        @Test
        void theDefaultSecurityGroupIsStrippedOfItsRules() {
            // given / when
            var defaultSg = stack.one(DEFAULT_SECURITY_GROUP, "network-default-sg");
            // then
            assertThat(defaultSg.inputs()).doesNotContainKeys("ingress", "egress");
            assertThat(input(defaultSg, "vpcId")).isEqualTo(stack.one(VPC, "network-vpc").id());
        }

        private List<Object> associatedSubnets(DeclaredResource routeTable) {
            return stack.all(ROUTE_TABLE_ASSOCIATION).stream()
                    .filter(a -> routeTable.id().equals(input(a, "routeTableId")))
                    .map(a -> input(a, "subnetId"))
                    .toList();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithANatGatewayPerAzOverThreeAzs {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .azCount(3).natGateways(NatGateways.PER_AZ).vpcCidr("172.20.0.0/22").build()));
        }

        @Test
        void eachPrivateSubnetRoutesThroughTheNatGatewayInItsOwnAz() {
            // given / when / then
            assertThat(stack.all(NAT_GATEWAY)).hasSize(3);
            for (int az = 0; az < 3; az++) {
                var nat = stack.one(NAT_GATEWAY, "network-nat-" + az);
                assertThat(input(nat, "subnetId")).isEqualTo(stack.one(SUBNET, "network-public-" + az).id());
                assertThat(input(stack.one(ROUTE_TABLE, "network-private-rt-" + az), "routes"))
                        .isEqualTo(List.of(Map.of("cidrBlock", "0.0.0.0/0", "natGatewayId", nat.id())));
            }
        }

        @Test
        void subnetsAreCarvedFromTheConfiguredBlock() {
            // given / when / then: a /22 gives /26 subnets
            assertThat(stack.all(SUBNET)).extracting(s -> input(s, "cidrBlock")).containsExactly(
                    "172.20.0.0/26", "172.20.2.0/26", "172.20.0.64/26", "172.20.2.64/26", "172.20.0.128/26", "172.20.2.128/26");
            assertThat(stack.all(SUBNET)).extracting(s -> input(s, "availabilityZone")).containsExactly(
                    "mock-region-1a", "mock-region-1a", "mock-region-1b", "mock-region-1b", "mock-region-1c", "mock-region-1c");
        }
    }
}
