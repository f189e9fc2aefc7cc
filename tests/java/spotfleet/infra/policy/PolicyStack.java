package spotfleet.infra.policy;

import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.plan.StackFile;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configs every policy check runs against, each evaluated once under the mock engine and shared by all checks.
 * {@link #DEFAULTS} is what {@code pulumi up} builds with no config at all; {@link #PROD_LIKE} is the committed
 * {@code Pulumi.prod.yaml} (Graviton instances, one NAT gateway per AZ, {@code protect}) with a custom domain and
 * an alarm email added, so the HTTPS and subscription resources are checked too.
 */
enum PolicyStack {
    DEFAULTS("defaults", StackSettings::defaults),
    PROD_LIKE("prod-like", PolicyStack::prodLike);

    static final String DOMAIN = "app.example.com";
    static final String HOSTED_ZONE = "example.com";
    static final String ALARM_EMAIL = "ops@example.com";

    private static final Map<PolicyStack, DeclaredStack> EVALUATED = new EnumMap<>(PolicyStack.class);

    private final String label;
    private final Supplier<StackSettings> settings;

    PolicyStack(String label, Supplier<StackSettings> settings) {
        this.label = label;
        this.settings = settings;
    }

    StackSettings settings() {
        return settings.get();
    }

    /** The stack as the mock engine saw it declared; evaluated on first use, then shared. */
    DeclaredStack declared() {
        synchronized (EVALUATED) {
            return EVALUATED.computeIfAbsent(this, config -> DeclaredStack.of(config.settings()));
        }
    }

    /**
     * Every resource of {@code type}; fails when there is none, so a check cannot pass by having nothing to look
     * at (say, after a type was renamed).
     */
    List<DeclaredResource> each(String type) {
        var resources = declared().all(type);
        assertThat(resources).as("%s declares no %s, so this check would pass without checking anything", this, type)
                .isNotEmpty();
        return resources;
    }

    /**
     * The one resource of {@code type} that {@code reference} points at: inputs wired from another resource carry
     * its id, its ARN or its name, as the mock engine made them up.
     */
    DeclaredResource referencedBy(String type, Object reference) {
        var matches = declared().all(type).stream()
                .filter(r -> Stream.of(r.id(), r.outputs().get("arn"), r.outputs().get("name")).anyMatch(key -> Objects.equals(key, reference)))
                .toList();
        assertThat(matches).as("the %s that %s refers to", type, reference).hasSize(1);
        return matches.getFirst();
    }

    boolean hasDomain() {
        return settings().domain().enabled();
    }

    @Override
    public String toString() {
        return label;
    }

    private static StackSettings prodLike() {
        try {
            var config = new LinkedHashMap<>(StackFile.read(Path.of("."), "prod").config());
            config.put(StackConfig.NAMESPACE + ":domainName", DOMAIN);
            config.put(StackConfig.NAMESPACE + ":hostedZoneName", HOSTED_ZONE);
            config.put(StackConfig.NAMESPACE + ":alarmEmail", ALARM_EMAIL);
            return StackConfig.parse(config);
        } catch (StackFile.UnreadableException e) {
            throw new AssertionError("Pulumi.prod.yaml, the prod-like config's base, cannot be read: " + e.getMessage(), e);
        }
    }
}
