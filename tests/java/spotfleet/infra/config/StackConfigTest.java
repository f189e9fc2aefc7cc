package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StackConfigTest {

    @Test
    void noConfigGivesTheDefaults() {
        // given no stack config at all
        // when
        var settings = StackConfig.parse(Map.of());
        // then
        assertThat(settings).isEqualTo(StackSettings.defaults());
    }

    @Test
    void everyKeyIsReadFromItsRawText() {
        // given a value other than the default for every key (the Fargate ones excepted: an ec2 stack refuses them set
        // otherwise), as Pulumi hands them over (numbers as text, lists as JSON)
        var raw = Map.ofEntries(
                Map.entry("spotfleet:runOn", "ec2"),
                // the Fargate keys at their defaults: on an ec2 stack anything else is refused
                Map.entry("spotfleet:fargateOnDemandTasks", "1"),
                Map.entry("spotfleet:fargateArchitecture", "arm64"),
                Map.entry("spotfleet:instanceTypes", "[\"m7g.large\", \"c7g.large\"]"),
                // 0: with cpu scaling nothing could keep a task on on-demand instances
                Map.entry("spotfleet:onDemandTasks", "0"),
                Map.entry("spotfleet:spotAllocationStrategy", "price-capacity-optimized"),
                Map.entry("spotfleet:minInstances", "2"),
                Map.entry("spotfleet:maxInstances", "10"),
                Map.entry("spotfleet:instanceScaling", "cpu"),
                Map.entry("spotfleet:capacityTargetPercent", "90"),
                Map.entry("spotfleet:instanceCpuTarget", "60"),
                Map.entry("spotfleet:instanceRefresh", "false"),
                Map.entry("spotfleet:ecsAmiId", "ami-0123456789abcdef0"),
                Map.entry("spotfleet:serviceMinTasks", "3"),
                Map.entry("spotfleet:serviceMaxTasks", "12"),
                Map.entry("spotfleet:serviceScalingMetric", "requests"),
                Map.entry("spotfleet:serviceCpuTarget", "55"),
                Map.entry("spotfleet:serviceRequestsPerTarget", "600"),
                Map.entry("spotfleet:scaleInCooldown", "120"),
                Map.entry("spotfleet:scaleOutCooldown", "30"),
                Map.entry("spotfleet:taskCpu", "512"),
                Map.entry("spotfleet:taskMemory", "1024"),
                Map.entry("spotfleet:image", "ghcr.io/acme/shop@sha256:" + "a1".repeat(32)),
                Map.entry("spotfleet:promotionTargets", "[]"),
                Map.entry("spotfleet:containerPort", "8080"),
                Map.entry("spotfleet:healthCheckPath", "/ready"),
                Map.entry("spotfleet:environment", "[\"LOG_LEVEL=debug\", \"GREETING=a=b\"]"),
                Map.entry("spotfleet:secrets", "[\"DB_PASSWORD=arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password\"]"),
                Map.entry("spotfleet:stopTimeoutSeconds", "45"),
                Map.entry("spotfleet:azCount", "3"),
                Map.entry("spotfleet:natGateways", "perAz"),
                Map.entry("spotfleet:vpcCidr", "172.20.0.0/20"),
                Map.entry("spotfleet:flowLogs", "s3"),
                Map.entry("spotfleet:logRetentionDays", "30"),
                Map.entry("spotfleet:containerInsights", "disabled"),
                Map.entry("spotfleet:domainName", "App.Example.com."),
                Map.entry("spotfleet:hostedZoneId", ""),
                Map.entry("spotfleet:hostedZoneName", "example.com"),
                Map.entry("spotfleet:alarmEmail", "ops@example.com"),
                Map.entry("spotfleet:latencyP99ThresholdMs", "250"),
                Map.entry("spotfleet:accessLogs", "false"),
                Map.entry("spotfleet:protect", "true"),
                Map.entry("spotfleet:spotInterruptionDrill", "true"),
                Map.entry("aws:region", "eu-west-1"),
                Map.entry("aws:profile", "deploy"));

        // when
        var settings = StackConfig.parse(raw);

        // then
        assertThat(settings.aws()).isEqualTo(AwsSettings.fromEnvironment().with("region", "eu-west-1").with("profile", "deploy"));
        assertThat(settings.network()).isEqualTo(new NetworkSettings("172.20.0.0/20", 3, NatGateways.PER_AZ, FlowLogDestination.S3));
        assertThat(settings.cluster()).isEqualTo(new ClusterSettings(30, ContainerInsights.DISABLED));
        assertThat(settings.capacity()).isEqualTo(new CapacitySettings.OnEc2(List.of("m7g.large", "c7g.large"), 0,
                SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED, new CapacitySettings.InstanceCount(2, 10),
                new CapacitySettings.InstanceTarget(InstanceScaling.CPU, 90, 60), false, Optional.of("ami-0123456789abcdef0")));
        assertThat(settings.service()).isEqualTo(new ServiceSettings(
                new ServiceSettings.Container(8080, 512, 1024, 45, "/ready",
                        List.of(new EnvironmentVariable("LOG_LEVEL", "debug"), new EnvironmentVariable("GREETING", "a=b")),
                        List.of(new ContainerSecret("DB_PASSWORD", "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password",
                                ContainerSecret.Store.SSM_PARAMETER, "arn:aws:ssm:eu-west-1:111122223333:parameter/shop/db-password"))),
                new ServiceSettings.Scaling(3, 12, ServiceScalingMetric.REQUESTS, 55, 600, 120, 30), settings.config()));
        assertThat(settings.image()).isEqualTo(new ImageSettings(new ImageSource.Prebuilt(new ImageReference("ghcr.io", "acme/shop",
                "sha256:" + "a1".repeat(32))), List.of()));
        assertThat(settings.domain()).isEqualTo(new DomainSettings(Optional.of("app.example.com"), Optional.empty(), Optional.of("example.com")));
        assertThat(settings.monitoring()).isEqualTo(new MonitoringSettings(Optional.of("ops@example.com"), 250));
        assertThat(settings.accessLogs()).isFalse();
        assertThat(settings.protect()).isTrue();
        assertThat(settings.spotInterruptionDrill()).isTrue();
        assertThat(StackConfig.KEYS).hasSize(raw.size() - 2); // every spotfleet key was given
    }

    @Test
    void keysOfOtherNamespacesAreNotOurs() {
        // given config of another package (the Docker provider's, say)
        // when
        var settings = StackConfig.parse(Map.of("docker:host", "unix:///var/run/docker.sock"));
        // then
        assertThat(settings).isEqualTo(StackSettings.defaults());
    }

    static Stream<Arguments> badConfig() {
        return Stream.of(
                arguments(Map.of("spotfleet:minInstances", "5", "spotfleet:maxInstances", "2"),
                        "spotfleet:minInstances (5) must be <= spotfleet:maxInstances (2)"),
                arguments(Map.of("spotfleet:onDemandTasks", "5"),
                        "spotfleet:onDemandTasks (5) must be <= spotfleet:serviceMaxTasks (4)"),
                arguments(Map.of("spotfleet:onDemandTasks", "-1"),
                        "spotfleet:onDemandTasks (-1) must be >= 0"),
                arguments(Map.of("spotfleet:instanceScaling", "cpu"),
                        "spotfleet:onDemandTasks (1) needs spotfleet:instanceScaling capacityProvider: with cpu the service places its tasks with launch type EC2, and nothing keeps any of them on on-demand instances; set onDemandTasks to 0 or use the capacity provider"),
                arguments(Map.of("spotfleet:instanceTypes", "[\"t4g.small\", \"m7g.medium\"]"),
                        "spotfleet:instanceTypes mixes burstable types (t4g.small) with others: T3, T3a and T4g instances run in unlimited credit mode unless the launch template says otherwise, and one launch template serves them all; list only burstable or only non-burstable types"),
                arguments(Map.of("spotfleet:onDemandBaseCapacity", "2"),
                        "spotfleet:onDemandBaseCapacity was retired: it counted instances, which ECS could leave empty and release: set spotfleet:onDemandTasks, the tasks ECS keeps on on-demand capacity (docs/design.md, \"Tasks on on-demand capacity\")"),
                arguments(Map.of("spotfleet:onDemandPercentageAboveBaseCapacity", "25"),
                        "spotfleet:onDemandPercentageAboveBaseCapacity was retired: the Spot group is all Spot now: raise spotfleet:onDemandTasks for more on-demand capacity (docs/design.md, \"Tasks on on-demand capacity\")"),
                arguments(Map.of("spotfleet:capacityTargetPercent", "0"),
                        "spotfleet:capacityTargetPercent (0) must be between 1 and 100"),
                arguments(Map.of("spotfleet:instanceCpuTarget", "101"),
                        "spotfleet:instanceCpuTarget (101) must be between 1 and 100"),
                arguments(Map.of("spotfleet:serviceCpuTarget", "0"),
                        "spotfleet:serviceCpuTarget (0) must be between 1 and 100"),
                arguments(Map.of("spotfleet:serviceMinTasks", "5"),
                        "spotfleet:serviceMinTasks (5) must be <= spotfleet:serviceMaxTasks (4)"),
                arguments(Map.of("spotfleet:instanceTypes", "[]"),
                        "spotfleet:instanceTypes is empty: list at least one instance type, e.g. [\"t3.micro\"]"),
                arguments(Map.of("spotfleet:instanceTypes", "[\"t3.micro\", \"t3a.micro\", \"t3.micro\"]"),
                        "spotfleet:instanceTypes lists t3.micro more than once"),
                arguments(Map.of("spotfleet:instanceTypes", "[\"t3micro\"]"),
                        "spotfleet:instanceTypes entry (t3micro) is not an EC2 instance type name such as t3.micro or m7g.large"),
                arguments(Map.of("spotfleet:instanceTypes", "[\"c5.large\", \"m6g.large\", \"m5.large\"]"),
                        "spotfleet:instanceTypes (c5.large, m6g.large, m5.large) mixes x86_64 types (c5.large, m5.large)"
                                + " with Graviton arm64 types (m6g.large): the group launches one AMI, so list types of one architecture"),
                arguments(Map.of("spotfleet:instanceTypes", "\"t3.micro\""),
                        "spotfleet:instanceTypes (\"t3.micro\") must be a list of strings, e.g. [\"t3.micro\", \"t3a.micro\"]"),
                arguments(Map.of("spotfleet:taskMemory", "128"),
                        "spotfleet:taskMemory (128) is too small for the JVM: use at least 256 MiB"),
                arguments(Map.of("spotfleet:taskMemory", "1024"),
                        "spotfleet:taskMemory (1024) is too large for the smallest instance type t3.micro: about 686 of its 1024 MiB"
                                + " are left for tasks after the kernel and the 256 MiB kept for the ECS agent and the OS"),
                arguments(Map.of("spotfleet:taskCpu", "4096", "spotfleet:instanceTypes", "[\"m5.large\"]"),
                        "spotfleet:taskCpu (4096) is more than the smallest instance type m5.large has (2048 CPU units)"),
                arguments(Map.of("spotfleet:taskCpu", "64"), "spotfleet:taskCpu (64) must be >= 128"),
                arguments(Map.of("spotfleet:spotAllocationStrategy", "cheapest"),
                        "spotfleet:spotAllocationStrategy (cheapest) must be one of capacity-optimized, price-capacity-optimized,"
                                + " capacity-optimized-prioritized, lowest-price"),
                arguments(Map.of("spotfleet:instanceScaling", "memory"),
                        "spotfleet:instanceScaling (memory) must be one of capacityProvider, cpu"),
                arguments(Map.of("spotfleet:natGateways", "double"),
                        "spotfleet:natGateways (double) must be one of single, perAz, none"),
                arguments(Map.of("spotfleet:flowLogs", "cloudwatch"),
                        "spotfleet:flowLogs (cloudwatch) must be one of cloudWatchLogs, s3"),
                arguments(Map.of("spotfleet:containerInsights", "on"),
                        "spotfleet:containerInsights (on) must be one of enabled, disabled"),
                arguments(Map.of("spotfleet:azCount", "1"),
                        "spotfleet:azCount (1) must be between 2 and 6: an Application Load Balancer needs subnets in at least two Availability Zones"),
                arguments(Map.of("spotfleet:azCount", "7"),
                        "spotfleet:azCount (7) must be between 2 and 6: an Application Load Balancer needs subnets in at least two Availability Zones"),
                arguments(Map.of("spotfleet:vpcCidr", "8.8.0.0/16"),
                        "spotfleet:vpcCidr (8.8.0.0/16) must be a private block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"),
                arguments(Map.of("spotfleet:vpcCidr", "10.0.0.0/8"),
                        "spotfleet:vpcCidr (10.0.0.0/8) must be a /16 to /24 block"),
                arguments(Map.of("spotfleet:vpcCidr", "10.0.0.0/25"),
                        "spotfleet:vpcCidr (10.0.0.0/25) must be a /16 to /24 block"),
                arguments(Map.of("spotfleet:vpcCidr", "10.0.0/16"),
                        "spotfleet:vpcCidr (10.0.0/16) must be an IPv4 CIDR block such as 10.0.0.0/16"),
                arguments(Map.of("spotfleet:vpcCidr", "10.0.0.1/16"),
                        "spotfleet:vpcCidr (10.0.0.1/16) has host bits set: did you mean 10.0.0.0/16?"),
                arguments(Map.of("spotfleet:vpcCidr", "10.0.0.0/24", "spotfleet:azCount", "5"),
                        "spotfleet:azCount (5) needs 10 subnets of at least /27 (the load balancer's minimum) but"
                                + " spotfleet:vpcCidr (10.0.0.0/24) holds 8: use azCount <= 4 or a larger block"),
                arguments(Map.of("spotfleet:stopTimeoutSeconds", "105"),
                        "spotfleet:stopTimeoutSeconds (105) must be between 6 (the app drains for 3 s, then needs 2 s to exit before SIGKILL) and 104"
                                + " (the agent's 1 s poll, the scheduler's 10 s allowance, the 5 s target deregistration and the stop"
                                + " timeout must end inside the 120 s Spot interruption notice)"),
                arguments(Map.of("spotfleet:stopTimeoutSeconds", "5"),
                        "spotfleet:stopTimeoutSeconds (5) must be between 6 (the app drains for 3 s, then needs 2 s to exit before SIGKILL) and 104"
                                + " (the agent's 1 s poll, the scheduler's 10 s allowance, the 5 s target deregistration and the stop"
                                + " timeout must end inside the 120 s Spot interruption notice)"),
                arguments(Map.of("spotfleet:logRetentionDays", "10"),
                        "spotfleet:logRetentionDays (10) must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30,"
                                + " 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"),
                arguments(Map.of("spotfleet:containerPort", "0"), "spotfleet:containerPort (0) must be between 1 and 65535"),
                arguments(Map.of("spotfleet:maxInstances", "four"), "spotfleet:maxInstances (four) must be a whole number"),
                arguments(Map.of("spotfleet:instanceRefresh", "yes"), "spotfleet:instanceRefresh (yes) must be true or false"),
                arguments(Map.of("spotfleet:ecsAmiId", "ami-123"), "spotfleet:ecsAmiId (ami-123) is not an AMI id such as"
                        + " ami-0123456789abcdef0: leave it empty for the recommended ECS AMI"),
                arguments(Map.of("spotfleet:domainName", "app.example.com"),
                        "spotfleet:domainName (app.example.com) needs its Route 53 hosted zone: set spotfleet:hostedZoneId"
                                + " or spotfleet:hostedZoneName"),
                arguments(Map.of("spotfleet:domainName", "app.example.com", "spotfleet:hostedZoneId", "Z1D633PJN98FT9",
                                "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:hostedZoneId (Z1D633PJN98FT9) and spotfleet:hostedZoneName (example.com) are both set:"
                                + " give the hosted zone one way"),
                arguments(Map.of("spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:hostedZoneName (example.com) is set but spotfleet:domainName is not: set the name to serve at,"
                                + " or remove the zone"),
                arguments(Map.of("spotfleet:hostedZoneId", "Z1D633PJN98FT9"),
                        "spotfleet:hostedZoneId (Z1D633PJN98FT9) is set but spotfleet:domainName is not: set the name to serve at,"
                                + " or remove the zone"),
                arguments(Map.of("spotfleet:domainName", "app_1.example.com", "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:domainName (app_1.example.com) is not a DNS name such as app.example.com: two or more labels"
                                + " of letters, digits and inner hyphens, separated by dots"),
                arguments(Map.of("spotfleet:domainName", "*.example.com", "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:domainName (*.example.com) is not a DNS name such as app.example.com: two or more labels"
                                + " of letters, digits and inner hyphens, separated by dots"),
                arguments(Map.of("spotfleet:domainName", "localhost", "spotfleet:hostedZoneId", "Z1D633PJN98FT9"),
                        "spotfleet:domainName (localhost) is not a DNS name such as app.example.com: two or more labels"
                                + " of letters, digits and inner hyphens, separated by dots"),
                arguments(Map.of("spotfleet:domainName", "the-service-with-a-name-long-enough-to-break-acm.team.example.com",
                                "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:domainName (the-service-with-a-name-long-enough-to-break-acm.team.example.com) has 65 characters:"
                                + " an ACM certificate's domain name takes at most 64"),
                arguments(Map.of("spotfleet:domainName", "app.example.org", "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:domainName (app.example.org) is not inside spotfleet:hostedZoneName (example.com): its"
                                + " certificate validation and alias records must be created in that zone"),
                arguments(Map.of("spotfleet:domainName", "notexample.com", "spotfleet:hostedZoneName", "example.com"),
                        "spotfleet:domainName (notexample.com) is not inside spotfleet:hostedZoneName (example.com): its"
                                + " certificate validation and alias records must be created in that zone"),
                arguments(Map.of("spotfleet:domainName", "app.example.com", "spotfleet:hostedZoneId", "/hostedzone/Z1D633PJN98FT9"),
                        "spotfleet:hostedZoneId (/hostedzone/Z1D633PJN98FT9) is not a Route 53 hosted zone id such as Z1D633PJN98FT9"),
                arguments(Map.of("spotfleet:domainName", "app.example.com", "spotfleet:hostedZoneName", "example..com"),
                        "spotfleet:hostedZoneName (example..com) is not a DNS name such as example.com"),
                arguments(Map.of("spotfleet:alarmEmail", "ops@"),
                        "spotfleet:alarmEmail (ops@) is not an email address such as ops@example.com"),
                arguments(Map.of("spotfleet:alarmEmail", "ops team@example.com"),
                        "spotfleet:alarmEmail (ops team@example.com) is not an email address such as ops@example.com"),
                arguments(Map.of("spotfleet:alarmEmail", "ops@example"),
                        "spotfleet:alarmEmail (ops@example) is not an email address such as ops@example.com"),
                arguments(Map.of("spotfleet:latencyP99ThresholdMs", "0"),
                        "spotfleet:latencyP99ThresholdMs (0) must be between 1 and 60000"),
                arguments(Map.of("spotfleet:protect", "yes"), "spotfleet:protect (yes) must be true or false"),
                arguments(Map.of("spotfleet:minInstance", "1"),
                        "spotfleet:minInstance is not a config key of this program: did you mean spotfleet:minInstances?"),
                arguments(Map.of("spotfleet:instanceType", "t3.micro"),
                        "spotfleet:instanceType is not a config key of this program: did you mean spotfleet:instanceTypes?"),
                arguments(Map.of("spotfleet:desiredTasks", "3"),
                        "spotfleet:desiredTasks is not a config key of this program (known keys: " + String.join(", ",
                                StackConfig.KEYS.stream().map(ConfigKey::name).toList()) + ")"));
    }

    @ParameterizedTest
    @MethodSource("badConfig")
    void badConfigIsRejectedNamingTheKeyAndTheValue(Map<String, String> raw, String expectedProblem) {
        // given one bad value (defaults elsewhere)
        // when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(expectedProblem))
                .hasMessageContaining(expectedProblem);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        // given problems in three groups and one value that does not parse
        var raw = Map.of(
                "spotfleet:minInstances", "9",
                "spotfleet:azCount", "0",
                "spotfleet:taskMemory", "100",
                "spotfleet:serviceMaxTasks", "lots");

        // when / then
        assertThatThrownBy(() -> StackConfig.parse(raw))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "spotfleet:serviceMaxTasks (lots) must be a whole number",
                        "spotfleet:azCount (0) must be between 2 and 6: an Application Load Balancer needs subnets in at least two Availability Zones",
                        "spotfleet:minInstances (9) must be <= spotfleet:maxInstances (4)",
                        "spotfleet:taskMemory (100) is too small for the JVM: use at least 256 MiB"))
                .hasMessageStartingWith("Invalid stack config (4 problems):\n  - ");
    }

    @Test
    void anApexDomainAndAZoneWrittenWithItsRootDotAreAccepted() {
        // given the zone's own name as the domain, both spelled as DNS writes them
        var raw = Map.of("spotfleet:domainName", "Example.com.", "spotfleet:hostedZoneName", "example.com.");
        // when
        var domain = StackConfig.parse(raw).domain();
        // then
        assertThat(domain.domainName()).contains("example.com");
        assertThat(domain.hostedZoneName()).contains("example.com");
        assertThat(domain.enabled()).isTrue();
    }

    @Test
    void theEmptyDefaultsOfPulumiYamlMeanNoDomainAndNoEmail() {
        // given the project defaults as Pulumi hands them over when a stack sets nothing
        var raw = Map.of("spotfleet:domainName", "", "spotfleet:hostedZoneId", "", "spotfleet:hostedZoneName", "",
                "spotfleet:alarmEmail", "", "spotfleet:protect", "false");
        // when
        var settings = StackConfig.parse(raw);
        // then
        assertThat(settings).isEqualTo(StackSettings.defaults());
        assertThat(settings.domain().enabled()).isFalse();
    }

    @Test
    void settingsBuiltDirectlyAreValidatedToo() {
        // given settings built in code rather than parsed
        var builder = StackSettings.defaults().toBuilder().minInstances(3).maxInstances(1);
        // when / then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("spotfleet:minInstances (3) must be <= spotfleet:maxInstances (1)"));
    }

    @Test
    void typesOutsideTheCatalogSkipTheSizeCheck() {
        // given an instance type the memory table does not know, and a task too big for any micro instance
        // when
        var settings = StackSettings.defaults().toBuilder().instanceTypes(List.of("x2idn.16xlarge")).taskMemory(65536).build();
        // then
        assertThat(settings.service().taskMemory()).isEqualTo(65536);
    }

    @Test
    void effectiveValuesReadBackAsPulumiYamlWritesThem() {
        // given the defaults
        // when
        var values = StackConfig.values(StackSettings.defaults());
        // then
        assertThat(values).containsEntry("instanceTypes", List.of("t3.micro", "t3a.micro", "t2.micro"))
                .containsEntry("instanceScaling", "capacityProvider")
                .containsEntry("taskMemory", 256)
                .containsEntry("image", "build")
                .containsEntry("promotionTargets", List.of())
                .containsEntry("environment", List.of())
                .containsEntry("healthCheckPath", "/healthcheck")
                .containsKeys(StackConfig.KEYS.stream().map(ConfigKey::name).toArray(String[]::new));
    }
}
