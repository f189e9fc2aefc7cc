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
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.Types.AUTO_SCALING_GROUP;
import static spotfleet.infra.Types.AUTO_SCALING_POLICY;
import static spotfleet.infra.Types.CAPACITY_PROVIDER;
import static spotfleet.infra.Types.INSTANCE_PROFILE;
import static spotfleet.infra.Types.LAMBDA_FUNCTION;
import static spotfleet.infra.Types.LAMBDA_PERMISSION;
import static spotfleet.infra.Types.LAUNCH_TEMPLATE;

/**
 * The configs every policy check runs against, each evaluated once under the mock engine and shared by all checks.
 * {@link #DEFAULTS} is what {@code pulumi up} builds with no config at all; {@link #PROD_LIKE} is the committed
 * {@code Pulumi.prod.yaml} (Graviton instances, one NAT gateway per AZ, {@code protect}) with a custom domain and
 * an alarm email added, so the HTTPS and subscription resources are checked too; {@link #FARGATE} is the committed
 * {@code Pulumi.fargate.yaml} (no instances: the service on Fargate and Fargate Spot).
 */
enum PolicyStack {
    DEFAULTS("defaults", StackSettings::defaults),
    PROD_LIKE("prod-like", PolicyStack::prodLike),
    FARGATE("fargate", PolicyStack::fargate);

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
     * The types only a stack on EC2 instances declares: its launch template, group, capacity provider and instance
     * profile, and the {@link spotfleet.infra.components.FleetWatch} function that watches them.
     */
    static final Set<String> ONLY_ON_INSTANCES = Set.of(LAUNCH_TEMPLATE, AUTO_SCALING_GROUP, AUTO_SCALING_POLICY,
            CAPACITY_PROVIDER, INSTANCE_PROFILE, LAMBDA_FUNCTION, LAMBDA_PERMISSION);

    /**
     * Every resource of {@code type}; fails when there is none, so a check cannot pass by having nothing to look
     * at (say, after a type was renamed). On a Fargate stack a type of {@link #ONLY_ON_INSTANCES} must instead be
     * absent: the check then holds because that stack has no such resource, and says so.
     */
    List<DeclaredResource> each(String type) {
        var resources = declared().all(type);
        if (onFargate() && ONLY_ON_INSTANCES.contains(type)) {
            assertThat(resources).as("%s runs its tasks on Fargate, so it declares no %s", this, type).isEmpty();
            return resources;
        }
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

    /** The stack runs its tasks on Fargate: the instance checks have nothing to look at, the task checks do. */
    boolean onFargate() {
        return settings().capacity().onFargate();
    }

        boolean hasDomain() {
        return settings().domain().enabled();
    }

    @Override
    public String toString() {
        return label;
    }

    private static StackSettings fargate() {
        try {
            return StackConfig.parse(StackFile.read(Path.of("."), "fargate").config());
        } catch (StackFile.UnreadableException e) {
            throw new AssertionError("Pulumi.fargate.yaml, the Fargate config, cannot be read: " + e.getMessage(), e);
        }
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
