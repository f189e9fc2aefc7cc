package spotfleet.infra.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The custom domain the service is served at over HTTPS, and the public Route 53 hosted zone that holds its
 * records. All empty serves plain HTTP on the load balancer's own name.
 *
 * @param domainName     the name to serve at, e.g. {@code app.example.com}; lower case, no trailing dot
 * @param hostedZoneId   the zone by id, e.g. {@code Z1D633PJN98FT9}; exclusive with {@code hostedZoneName}
 * @param hostedZoneName the zone by name, e.g. {@code example.com}, looked up at deploy time; lower case, no trailing dot
 */
public record DomainSettings(Optional<String> domainName, Optional<String> hostedZoneId, Optional<String> hostedZoneName) {

    /** ACM refuses a certificate whose first domain name is longer than 64 characters (it becomes the subject's CN). */
    public static final int ACM_MAX_DOMAIN_LENGTH = 64;
    /** Route 53 hosted zone ids: a Z and upper-case letters and digits, at most 32 characters. */
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");

    public DomainSettings {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(hostedZoneId, "hostedZoneId");
        Objects.requireNonNull(hostedZoneName, "hostedZoneName");
        var problems = new Problems();
        domainName.ifPresent(name -> checkDomainName(problems, name));
        hostedZoneId.ifPresent(id -> problems.check(HOSTED_ZONE_ID.matcher(id).matches(),
                "spotfleet:hostedZoneId (%s) is not a Route 53 hosted zone id such as Z1D633PJN98FT9".formatted(id)));
        hostedZoneName.ifPresent(zone -> problems.check(DnsNames.isHostName(DnsNames.normalized(zone)),
                "spotfleet:hostedZoneName (%s) is not a DNS name such as example.com".formatted(zone)));
        checkZoneGivenOnce(problems, domainName, hostedZoneId, hostedZoneName);
        problems.throwIfAny();
        domainName = domainName.map(DnsNames::normalized);
        hostedZoneName = hostedZoneName.map(DnsNames::normalized);
    }

    public static DomainSettings none() {
        return new DomainSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether the service gets a custom domain, and with it HTTPS. */
    public boolean enabled() {
        return domainName.isPresent();
    }

    private static void checkDomainName(Problems problems, String name) {
        var normalized = DnsNames.normalized(name);
        if (!DnsNames.isHostName(normalized)) {
            problems.add(("spotfleet:domainName (%s) is not a DNS name such as app.example.com: two or more labels of"
                    + " letters, digits and inner hyphens, separated by dots").formatted(name));
            return;
        }
        problems.check(normalized.length() <= ACM_MAX_DOMAIN_LENGTH,
                "spotfleet:domainName (%s) has %d characters: an ACM certificate's domain name takes at most %d"
                        .formatted(name, normalized.length(), ACM_MAX_DOMAIN_LENGTH));
    }

    /** With a domain, exactly one way to the zone; without one, none. A zone by name must contain the domain. */
    private static void checkZoneGivenOnce(Problems problems, Optional<String> domainName, Optional<String> hostedZoneId,
                                           Optional<String> hostedZoneName) {
        if (hostedZoneId.isPresent() && hostedZoneName.isPresent()) {
            problems.add("spotfleet:hostedZoneId (%s) and spotfleet:hostedZoneName (%s) are both set: give the hosted zone one way"
                    .formatted(hostedZoneId.get(), hostedZoneName.get()));
        }
        if (domainName.isEmpty()) {
            hostedZoneId.ifPresent(id -> problems.add(
                    "spotfleet:hostedZoneId (%s) is set but spotfleet:domainName is not: set the name to serve at, or remove the zone"
                            .formatted(id)));
            hostedZoneName.ifPresent(zone -> problems.add(
                    "spotfleet:hostedZoneName (%s) is set but spotfleet:domainName is not: set the name to serve at, or remove the zone"
                            .formatted(zone)));
            return;
        }
        if (hostedZoneId.isEmpty() && hostedZoneName.isEmpty()) {
            problems.add("spotfleet:domainName (%s) needs its Route 53 hosted zone: set spotfleet:hostedZoneId or spotfleet:hostedZoneName"
                    .formatted(domainName.get()));
        }
        hostedZoneName.ifPresent(zone -> {
            var name = DnsNames.normalized(domainName.get());
            var zoneName = DnsNames.normalized(zone);
            if (DnsNames.isHostName(name) && DnsNames.isHostName(zoneName)) {
                problems.check(DnsNames.isWithin(name, zoneName),
                        ("spotfleet:domainName (%s) is not inside spotfleet:hostedZoneName (%s): its certificate validation"
                                + " and alias records must be created in that zone").formatted(domainName.get(), zone));
            }
        });
    }
}
