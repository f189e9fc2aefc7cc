package spotfleet.infra.components;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineMocks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class HttpsEndpointTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithADomainInAZoneGivenByName {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .domainName("app.example.com").hostedZoneName("example.com").build()));
        }

        @Test
        void theZoneIsLookedUpAmongPublicZonesThroughTheStacksProvider() {
            // given / when
            var lookups = stack.invokes(GET_ZONE);
            // then
            assertThat(lookups).singleElement().satisfies(lookup -> {
                assertThat(lookup.args()).isEqualTo(Map.of("name", "example.com", "privateZone", false));
                assertThat(OfflineMocks.providerName(lookup.provider())).isEqualTo("aws");
            });
            assertThat(input(validationRecord(), "zoneId")).isEqualTo(OfflineMocks.hostedZoneId("example.com"));
            assertThat(input(aliasRecord(), "zoneId")).isEqualTo(OfflineMocks.hostedZoneId("example.com"));
        }

        @Test
        void theCertificateIsForTheDomainAndValidatedThroughDns() {
            // given / when
            var certificate = certificate();
            // then
            assertThat(certificate.inputs()).isEqualTo(Map.of("domainName", "app.example.com", "validationMethod", "DNS"));
        }

        @Test
        void theValidationRecordIsTheOneAcmAskedFor() {
            // given the record ACM gave for the certificate
            var asked = (Map<?, ?>) output(certificate(), "domainValidationOptions.0");
            // when
            var record = validationRecord();
            // then
            assertThat(input(record, "name")).isEqualTo(asked.get("resourceRecordName"));
            assertThat(input(record, "type")).isEqualTo("CNAME").isEqualTo(asked.get("resourceRecordType"));
            assertThat(input(record, "records")).isEqualTo(List.of(asked.get("resourceRecordValue")));
            assertThat(input(record, "allowOverwrite")).isEqualTo(true);
        }

        @Test
        void theValidationWaitsForTheCertificateAndItsRecord() {
            // given / when
            var validation = stack.one(CERTIFICATE_VALIDATION, "https-cert-validation");
            // then
            assertThat(input(validation, "certificateArn")).isEqualTo(output(certificate(), "arn"));
            assertThat(input(validation, "validationRecordFqdns")).isEqualTo(List.of(output(validationRecord(), "fqdn")));
        }

        @Test
        void theHttpsListenerServesTheValidatedCertificateWithATls13Policy() {
            // given
            var listener = stack.one(LISTENER, "https-listener");
            // when / then
            assertThat(input(listener, "loadBalancerArn")).isEqualTo(output(alb(), "arn"));
            assertThat(input(listener, "port")).isEqualTo(443.0);
            assertThat(input(listener, "protocol")).isEqualTo("HTTPS");
            assertThat(input(listener, "sslPolicy")).isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
            assertThat(input(listener, "certificateArn"))
                    .isEqualTo(output(stack.one(CERTIFICATE_VALIDATION, "https-cert-validation"), "certificateArn"));
            assertThat(input(listener, "defaultActions.0.fixedResponse.statusCode")).isEqualTo("404");
            assertThat(input(listener, "routingHttpResponseStrictTransportSecurityHeaderValue")).isEqualTo("max-age=31536000");
        }

        @Test
        void theServicesRuleIsOnTheHttpsListenerAndHttpOnlyRedirects() {
            // given
            var http = stack.one(LISTENER, "loadbalancer-http");
            var https = stack.one(LISTENER, "https-listener");
            // when
            var rules = stack.all(LISTENER_RULE);
            // then
            assertThat(rules).extracting(r -> input(r, "listenerArn")).containsExactly(output(https, "arn"));
            assertThat(input(http, "defaultActions")).isEqualTo(List.of(Map.of("type", "redirect",
                    "redirect", Map.of("protocol", "HTTPS", "port", "443", "statusCode", "HTTP_301"))));
        }

        @Test
        void theLoadBalancerAdmitsHttpsAndStillHttpForTheRedirect() {
            // given
            var sg = stack.one(SECURITY_GROUP, "loadbalancer-sg");
            // when
            var ingress = stack.securityGroupRules(INGRESS_RULE, sg.id());
            // then
            assertThat(ingress).containsExactlyInAnyOrder(
                    Map.of("ipProtocol", "tcp", "fromPort", 80.0, "toPort", 80.0, "cidrIpv4", "0.0.0.0/0"),
                    Map.of("ipProtocol", "tcp", "fromPort", 443.0, "toPort", 443.0, "cidrIpv4", "0.0.0.0/0"));
        }

        @Test
        void anAliasARecordPointsTheDomainAtTheLoadBalancerAndThereIsNoAaaaOnIpv4() {
            // given
            var alias = aliasRecord();
            // when / then
            assertThat(input(alias, "name")).isEqualTo("app.example.com");
            assertThat(input(alias, "type")).isEqualTo("A");
            assertThat(input(alias, "aliases")).isEqualTo(List.of(Map.of(
                    "name", output(alb(), "dnsName"), "zoneId", output(alb(), "zoneId"), "evaluateTargetHealth", true)));
            assertThat(alias.inputs()).doesNotContainKey("allowOverwrite");
            assertThat(stack.all(DNS_RECORD)).extracting(r -> input(r, "type")).containsExactlyInAnyOrder("CNAME", "A");
        }

        @Test
        void theUrlIsTheDomainOverHttpsAndTheEndpointIsAComponentOfItsOwn() {
            // given / when
            var endpoint = stack.one("spotfleet:index:HttpsEndpoint", "https");
            // then
            assertThat(stack.stackOutput("url")).isEqualTo("https://app.example.com");
            assertThat(endpoint.parent()).isEmpty();
            assertThat(List.of(certificate(), validationRecord(), aliasRecord(), stack.one(LISTENER, "https-listener")))
                    .allSatisfy(r -> assertThat(r.parent()).isEqualTo(Optional.of("https")));
        }

        private DeclaredResource certificate() {
            return stack.one(CERTIFICATE, "https-cert");
        }

        private DeclaredResource validationRecord() {
            return stack.one(DNS_RECORD, "https-validation");
        }

        private DeclaredResource aliasRecord() {
            return stack.one(DNS_RECORD, "https-alias");
        }

        private DeclaredResource alb() {
            return stack.one(LOAD_BALANCER, "loadbalancer-alb");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAZoneGivenById {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder()
                    .domainName("example.com").hostedZoneId("Z1D633PJN98FT9").build()));
        }

        @Test
        void theRecordsGoStraightIntoThatZoneWithoutALookup() {
            // given / when
            var records = stack.all(DNS_RECORD);
            // then
            assertThat(stack.invokes(GET_ZONE)).isEmpty();
            assertThat(records).hasSize(2).allSatisfy(r -> assertThat(input(r, "zoneId")).isEqualTo("Z1D633PJN98FT9"));
            assertThat(input(stack.one(DNS_RECORD, "https-alias"), "name")).isEqualTo("example.com");
            assertThat(stack.stackOutput("url")).isEqualTo("https://example.com");
        }
    }
}
