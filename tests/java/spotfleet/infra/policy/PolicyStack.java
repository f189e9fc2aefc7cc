package spotfleet.infra.policy;

import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackConfig;
import spotfleet.infra.config.StackSettings;
import spotfleet.infra.offline.DeclaredResource;
import spotfleet.infra.offline.OfflineEvaluation;
import spotfleet.infra.offline.OfflineMocks;
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
import static spotfleet.infra.Types.ROLE_POLICY_ATTACHMENT;

/**
 * The configs every policy check runs against, each evaluated once under the mock engine and shared by all checks.
 * {@link #DEFAULTS} is what {@code pulumi up} builds with no config at all. {@link #DEV_LIKE} is the committed
 * {@code Pulumi.dev.yaml} (Graviton, builds and shares its image with prod) with a team's own service on top: secrets
 * from SSM and Secrets Manager, plain variables, its own health route and scaling on requests. {@link #PROD_LIKE} is the
 * committed {@code Pulumi.prod.yaml} (promotes dev-like's image, one NAT gateway per AZ, {@code protect}) with a custom
 * domain and an alarm email added, so the HTTPS and subscription resources are checked too. {@link #PREBUILT} deploys
 * an image from a public registry by digest. {@link #FARGATE} is the committed {@code Pulumi.fargate.yaml} (no
 * instances: the service on Fargate and Fargate Spot). {@link #ACCEPTANCE} is the committed {@code Pulumi.acceptance.yaml}
 * (the acceptance run's stack, with the Spot interruption drill's FIS template and role).
 */
enum PolicyStack {
    DEFAULTS("defaults", "dev", StackSettings::defaults, Map::of),
    DEV_LIKE("dev-like", "dev", PolicyStack::devLike, Map::of),
    PROD_LIKE("prod-like", "prod", PolicyStack::prodLike, PolicyStack::devLikesOutputs),
    PREBUILT("prebuilt", "dev", PolicyStack::prebuilt, Map::of),
    FARGATE("fargate", "fargate", PolicyStack::fargate, Map::of),
    ACCEPTANCE("acceptance", "acceptance", () -> StackConfig.parse(stackFile("acceptance")), Map::of);

    static final String DOMAIN = "app.example.com";
    static final String HOSTED_ZONE = "example.com";
    static final String ALARM_EMAIL = "ops@example.com";
    static final String DB_PASSWORD = "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password";
    static final String API_KEY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/api-key-AbC123";
    static final String PUBLIC_IMAGE = "ghcr.io/acme/shop@sha256:" + "0123456789abcdef".repeat(4);

    private static final Map<PolicyStack, DeclaredStack> EVALUATED = new EnumMap<>(PolicyStack.class);

    private final String label;
    private final String stackName;
    private final Supplier<StackSettings> settings;
    private final Supplier<Map<String, OfflineMocks.StackOutputs>> readStacks;

    PolicyStack(String label, String stackName, Supplier<StackSettings> settings,
                Supplier<Map<String, OfflineMocks.StackOutputs>> readStacks) {
        this.label = label;
        this.stackName = stackName;
        this.settings = settings;
        this.readStacks = readStacks;
    }

    StackSettings settings() {
        return settings.get();
    }

    /** The stack's name: tags and role paths carry it. */
    String stackName() {
        return stackName;
    }

    /** The stack as the mock engine saw it declared; evaluated on first use, then shared. */
    DeclaredStack declared() {
        synchronized (EVALUATED) {
            var declared = EVALUATED.get(this);
            if (declared == null) {
                declared = DeclaredStack.of(settings(), stackName, readStacks.get());
                EVALUATED.put(this, declared);
            }
            return declared;
        }
    }

    /**
     * The types only a stack on EC2 instances declares: its launch template, group, capacity provider, instance
     * profile and the instance role's AWS-managed policies (the task execution role has its own policy), and the
     * {@link spotfleet.infra.components.FleetWatch} function that watches them.
     */
    static final Set<String> ONLY_ON_INSTANCES = Set.of(LAUNCH_TEMPLATE, AUTO_SCALING_GROUP, AUTO_SCALING_POLICY,
            CAPACITY_PROVIDER, INSTANCE_PROFILE, ROLE_POLICY_ATTACHMENT, LAMBDA_FUNCTION, LAMBDA_PERMISSION);

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
        return settings().capacity() instanceof spotfleet.infra.config.CapacitySettings.OnFargate;
    }

        boolean hasDomain() {
        return settings().domain().enabled();
    }

    @Override
    public String toString() {
        return label;
    }

    private static StackSettings devLike() {
        var config = stackFile("dev");
        config.put(StackConfig.NAMESPACE + ":secrets", "[\"DB_PASSWORD=%s\", \"API_KEY=%s\", \"API_USER=%s:user::\"]"
                .formatted(DB_PASSWORD, API_KEY, API_KEY));
        config.put(StackConfig.NAMESPACE + ":environment", "[\"LOG_LEVEL=info\", \"FEATURE_FLAGS=checkout,search\"]");
        config.put(StackConfig.NAMESPACE + ":healthCheckPath", "/ready");
        config.put(StackConfig.NAMESPACE + ":serviceScalingMetric", "requests");
        return StackConfig.parse(config);
    }

    /** What the prod-like stack reads of the stack it promotes: dev-like's outputs, as its own evaluation made them. */
    private static Map<String, OfflineMocks.StackOutputs> devLikesOutputs() {
        var dev = DEV_LIKE.declared().evaluation();
        return Map.of(OfflineEvaluation.qualifiedName(DeclaredStack.PROJECT, DEV_LIKE.stackName),
                new OfflineMocks.StackOutputs(dev.outputs(), java.util.Set.of()));
    }

    private static StackSettings prodLike() {
        var config = stackFile("prod");
        config.put(StackConfig.NAMESPACE + ":domainName", DOMAIN);
        config.put(StackConfig.NAMESPACE + ":hostedZoneName", HOSTED_ZONE);
        config.put(StackConfig.NAMESPACE + ":alarmEmail", ALARM_EMAIL);
        return StackConfig.parse(config);
    }

    private static StackSettings prebuilt() {
        return StackSettings.defaults().toBuilder().image(PUBLIC_IMAGE).build();
    }

    private static StackSettings fargate() {
        return StackConfig.parse(stackFile("fargate"));
    }

    private static Map<String, String> stackFile(String stack) {
        try {
            return new LinkedHashMap<>(StackFile.read(Path.of("."), stack).config());
        } catch (StackFile.UnreadableException e) {
            throw new AssertionError("Pulumi.%s.yaml, a policy config's base, cannot be read: %s".formatted(stack, e.getMessage()), e);
        }
    }
}
