package spotfleet.infra.policy;

import spotfleet.infra.offline.DeclaredResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/** The load balancer: what it accepts from clients, the protocols and TLS it serves, and where it spreads. */
class LoadBalancerPolicyTest {

    /**
     * TLS 1.3 and 1.2 with forward-secret AEAD ciphers only. Older policies (the API's default
     * ELBSecurityPolicy-2016-08 among them) still accept TLS 1.0 or CBC ciphers.
     */
    static final Set<String> CURRENT_TLS_POLICIES = Set.of(
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06");
    /** ACM key algorithms at least as strong as RSA 2048 (absent means ACM's default, RSA_2048). */
    static final Set<String> STRONG_KEY_ALGORITHMS = Set.of("RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1");
    /** AWS's default when the input is absent is "defensive"; "monitor" would let ambiguous requests through. */
    static final Set<String> DESYNC_MODES = Set.of("defensive", "strictest");

    @PolicyCheck
    void loadBalancerDropsInvalidHeaderFields(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            findings.require(Boolean.TRUE.equals(input(alb, "dropInvalidHeaderFields")), alb,
                    "dropInvalidHeaderFields is %s: headers that are not valid HTTP reach the service", input(alb, "dropInvalidHeaderFields"));
        }
        // then
        findings.assertNone("the load balancer drops header fields that are not valid HTTP");
    }

    @PolicyCheck
    void loadBalancerLogsEveryRequestToABucketOfTheStack(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var buckets = stack.each(BUCKET);
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            var logs = input(alb, "accessLogs") instanceof Map<?, ?> map ? map : Map.of();
            var bucket = buckets.stream().filter(b -> b.outputs().get("bucket").equals(logs.get("bucket"))).findFirst();
            findings.require(Boolean.TRUE.equals(logs.get("enabled")) && bucket.isPresent(), alb,
                    "access logs are %s: not on, into a bucket of the stack", logs);
            findings.require(logs.get("prefix") instanceof String prefix && !prefix.isEmpty() && !prefix.contains("AWSLogs"), alb,
                    "access log prefix is %s: ELB refuses one that contains AWSLogs", logs.get("prefix"));
            var policies = stack.declared().all(BUCKET_POLICY).stream()
                    .filter(policy -> bucket.isPresent() && bucket.get().id().equals(input(policy, "bucket"))).map(DeclaredResource::name).toList();
            findings.require(!policies.isEmpty() && alb.dependsOn().containsAll(policies), alb,
                    "does not wait for its bucket's policy %s (ELB writes a test file when logging is turned on)", policies);
        }
        // then
        findings.assertNone("the load balancer logs every request to a bucket of the stack (ELB.5)");
    }

    @PolicyCheck
    void loadBalancerMitigatesRequestDesync(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            var mode = input(alb, "desyncMitigationMode");
            findings.require(mode == null || DESYNC_MODES.contains(mode), alb,
                    "desyncMitigationMode is %s, not one of %s: ambiguous (smuggling) requests would pass", mode, DESYNC_MODES);
        }
        // then
        findings.assertNone("the load balancer refuses requests that could desync it from the service");
    }

    @PolicyCheck
    void loadBalancerSpansTwoOrMoreAzs(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var alb : stack.each(LOAD_BALANCER)) {
            var zones = ((List<?>) input(alb, "subnets")).stream()
                    .map(subnetId -> input(stack.referencedBy(SUBNET, subnetId), "availabilityZone"))
                    .distinct()
                    .toList();
            findings.require(zones.size() >= 2, alb, "is in %d Availability Zone(s) %s", zones.size(), zones);
            findings.require(Boolean.FALSE.equals(input(alb, "internal")) && "application".equals(input(alb, "loadBalancerType")), alb,
                    "is %s, internal %s; the stack's one entry point is an internet-facing ALB", input(alb, "loadBalancerType"),
                    input(alb, "internal"));
        }
        // then
        findings.assertNone("the load balancer survives the loss of an Availability Zone");
    }

    @PolicyCheck
    void listenersServeOnlyHttpAndHttps(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var expected = stack.hasDomain() ? Map.of(80, "HTTP", 443, "HTTPS") : Map.of(80, "HTTP");
        // when
        var served = new HashMap<Integer, String>();
        for (var listener : stack.each(LISTENER)) {
            served.put(((Number) input(listener, "port")).intValue(), String.valueOf(input(listener, "protocol")));
        }
        findings.require(served.equals(expected), stack.each(LOAD_BALANCER).getFirst(), "listens on %s, expected %s", served, expected);
        // then
        findings.assertNone("HTTP on 80, and HTTPS on 443 only with a domain (without one there is no certificate)");
    }

    @PolicyCheck
    void httpOnlyRedirectsToHttpsWithADomain(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var listener : listeners(stack, "HTTP")) {
            var actions = (List<?>) input(listener, "defaultActions");
            var rules = stack.declared().all(LISTENER_RULE).stream()
                    .filter(rule -> listener.outputs().get("arn").equals(input(rule, "listenerArn")))
                    .map(DeclaredResource::name)
                    .toList();
            if (stack.hasDomain()) {
                var redirect = actions.size() == 1 ? (Map<?, ?>) ((Map<?, ?>) actions.getFirst()).get("redirect") : null;
                findings.require(redirect != null && "HTTPS".equals(redirect.get("protocol")) && "443".equals(redirect.get("port"))
                        && "HTTP_301".equals(redirect.get("statusCode")), listener, "answers with %s, not a permanent redirect to HTTPS", actions);
                findings.require(rules.isEmpty(), listener, "still forwards to the service through %s", rules);
            } else {
                // no domain, no certificate: plain HTTP is the service's only way in (a dev stack)
                findings.require(!rules.isEmpty(), listener, "forwards nowhere: without a domain the service is served on HTTP");
            }
        }
        // then
        findings.assertNone("with a domain, port 80 only redirects to HTTPS");
    }

    @PolicyCheck
    void httpsUsesACurrentTlsPolicyAndAValidatedCertificate(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var https = listeners(stack, "HTTPS");
        // when
        findings.require(https.isEmpty() != stack.hasDomain(), stack.each(LOAD_BALANCER).getFirst(),
                "has %d HTTPS listener(s) with domain %s", https.size(), stack.settings().domain().domainName());
        for (var listener : https) {
            findings.require(CURRENT_TLS_POLICIES.contains(input(listener, "sslPolicy")), listener,
                    "sslPolicy is %s, not one of the TLS 1.2+ forward-secret policies %s", input(listener, "sslPolicy"), CURRENT_TLS_POLICIES);
            var validation = stack.declared().all(CERTIFICATE_VALIDATION).stream()
                    .filter(v -> input(v, "certificateArn").equals(input(listener, "certificateArn")))
                    .toList();
            findings.require(validation.size() == 1, listener, "serves certificate %s, which the stack does not wait to be issued",
                    input(listener, "certificateArn"));
        }
        for (var certificate : stack.declared().all(CERTIFICATE)) {
            findings.require("DNS".equals(input(certificate, "validationMethod")), certificate,
                    "validationMethod is %s: only DNS-validated certificates renew by themselves", input(certificate, "validationMethod"));
            var algorithm = input(certificate, "keyAlgorithm");
            findings.require(algorithm == null || STRONG_KEY_ALGORITHMS.contains(algorithm), certificate,
                    "keyAlgorithm is %s, weaker than RSA 2048", algorithm);
        }
        // then
        findings.assertNone("HTTPS uses TLS 1.2+ with forward secrecy and an ACM certificate that renews itself");
    }

    private static List<DeclaredResource> listeners(PolicyStack stack, String protocol) {
        return stack.each(LISTENER).stream().filter(listener -> protocol.equals(input(listener, "protocol"))).toList();
    }
}
