package spotfleet.infra.components;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Route53Functions;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.aws.route53.inputs.GetZoneArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.route53.outputs.GetZoneResult;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.DomainSettings;

import java.util.List;
import java.util.Map;

/**
 * The service at {@code https://<domainName>}: an ACM certificate validated through a DNS record in the hosted
 * zone (the validation resource makes {@code pulumi up} wait until ACM has issued it), an HTTPS listener on 443
 * with that certificate and HSTS on its answers, the load balancer's security group opened on 443, and a Route 53
 * alias A record pointing the name at the load balancer. No AAAA record: the VPC and the load balancer are IPv4-only.
 */
public final class HttpsEndpoint extends ComponentResource {

    public static final int HTTPS_PORT = 443;
    /**
     * TLS 1.3 and 1.2 with forward-secret AEAD ciphers only (no CBC, no TLS 1.0/1.1). It was the console's default
     * for new listeners until AWS added the post-quantum variants; the API's own default, ELBSecurityPolicy-2016-08,
     * still accepts TLS 1.0.
     */
    public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
    /**
     * Browsers that have been here once go straight to HTTPS for a year. Without includeSubDomains: the zone's
     * other names are not this stack's to decide for.
     */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    /** Short, so a fixed validation record does not linger in resolvers' caches. */
    static final int VALIDATION_RECORD_TTL_SECONDS = 60;

    /** The load balancer to serve on. */
    public record Args(Output<String> loadBalancerArn, Output<String> loadBalancerDnsName, Output<String> loadBalancerZoneId,
                       Output<String> loadBalancerSecurityGroupId) {
    }

    @Export(name = "url", refs = String.class)
    public final Output<String> url;
    @Export(name = "certificateArn", refs = String.class)
    public final Output<String> certificateArn;
    /** The listener services add their rules to. */
    @Export(name = "httpsListenerArn", refs = String.class)
    public final Output<String> httpsListenerArn;
    @Export(name = "hostedZoneId", refs = String.class)
    public final Output<String> hostedZoneId;

    /** {@code settings} must have a domain ({@link DomainSettings#enabled()}). */
    public HttpsEndpoint(String name, DomainSettings settings, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:HttpsEndpoint", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var domain = settings.domainName().orElseThrow(() -> new IllegalArgumentException("HttpsEndpoint needs a domain name"));
        var zoneId = settings.hostedZoneId().map(Output::of).orElseGet(() -> publicZoneId(settings.hostedZoneName().orElseThrow()));

        var certificate = new Certificate(name + "-cert", CertificateArgs.builder()
                .domainName(domain)
                .validationMethod("DNS")
                .build(), child);
        var challenge = certificate.domainValidationOptions().applyValue(offered -> challengeFor(domain, offered));
        var validationRecord = new Record(name + "-validation", RecordArgs.builder()
                .zoneId(zoneId)
                .name(challenge.applyValue(c -> c.resourceRecordName().orElseThrow()))
                .type(challenge.applyValue(c -> Either.<String, RecordType>ofLeft(c.resourceRecordType().orElseThrow())))
                .records(challenge.applyValue(c -> List.<String>of(c.resourceRecordValue().orElseThrow())))
                .ttl(VALIDATION_RECORD_TTL_SECONDS)
                // The record is the same for every certificate of this name in this account: one left by an
                // earlier certificate (or stack) is taken over instead of failing the deploy.
                .allowOverwrite(true)
                .build(), child);
        var validation = new CertificateValidation(name + "-cert-validation", CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(validationRecord.fqdn().applyValue(List::of))
                .build(), child);

        new SecurityGroupIngressRule(name + "-https-in", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(args.loadBalancerSecurityGroupId())
                .description("HTTPS from anywhere")
                .ipProtocol("tcp")
                .fromPort(HTTPS_PORT)
                .toPort(HTTPS_PORT)
                .cidrIpv4("0.0.0.0/0")
                .build(), child);
        var https = new Listener(name + "-listener", ListenerArgs.builder()
                .loadBalancerArn(args.loadBalancerArn())
                .port(HTTPS_PORT)
                .protocol("HTTPS")
                .sslPolicy(TLS_POLICY)
                .certificateArn(validation.certificateArn()) // the validated certificate: the listener waits for it
                .defaultActions(LoadBalancer.notFound())
                .routingHttpResponseStrictTransportSecurityHeaderValue(STRICT_TRANSPORT_SECURITY)
                .build(), child);

        new Record(name + "-alias", RecordArgs.builder()
                .zoneId(zoneId)
                .name(domain)
                .type("A")
                .aliases(RecordAliasArgs.builder()
                        .name(args.loadBalancerDnsName())
                        .zoneId(args.loadBalancerZoneId())
                        .evaluateTargetHealth(true)
                        .build())
                // Not allowOverwrite: a name that already answers somewhere else is not taken over silently.
                .build(), child);

        this.url = Output.of("https://" + domain);
        this.certificateArn = validation.certificateArn();
        this.httpsListenerArn = https.arn();
        this.hostedZoneId = zoneId;
        registerOutputs(Map.of(
                "url", url,
                "certificateArn", certificateArn,
                "httpsListenerArn", httpsListenerArn,
                "hostedZoneId", hostedZoneId));
    }

    /** A public zone: a private one would neither validate the certificate nor answer the internet. */
    private Output<String> publicZoneId(String zoneName) {
        return Route53Functions.getZone(GetZoneArgs.builder().name(zoneName).privateZone(false).build(),
                InvokeOptions.builder().parent(this).build()).applyValue(GetZoneResult::zoneId);
    }

    /** The DNS record ACM asks for to prove control of {@code domain}. */
    private static CertificateDomainValidationOption challengeFor(String domain, List<CertificateDomainValidationOption> options) {
        return options.stream()
                .filter(option -> option.domainName().filter(domain::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ACM gave no DNS validation record for " + domain));
    }
}
