package spotfleet.infra;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import spotfleet.infra.components.AccessLogs;
import spotfleet.infra.components.AlertTopic;
import spotfleet.infra.components.AlertTopicPolicy;
import spotfleet.infra.components.Alarms;
import spotfleet.infra.components.Capacity;
import spotfleet.infra.components.Cluster;
import spotfleet.infra.components.ContainerImage;
import spotfleet.infra.components.Dashboard;
import spotfleet.infra.components.FargateCapacity;
import spotfleet.infra.components.FleetWatch;
import spotfleet.infra.components.FlowLogs;
import spotfleet.infra.components.HttpsEndpoint;
import spotfleet.infra.components.LoadBalancer;
import spotfleet.infra.components.Metrics;
import spotfleet.infra.components.Network;
import spotfleet.infra.components.Platform;
import spotfleet.infra.components.PullPrincipals;
import spotfleet.infra.components.SpotAlerts;
import spotfleet.infra.components.SpotInterruptionDrill;
import spotfleet.infra.components.StackOutputs;
import spotfleet.infra.components.StackIdentity;
import spotfleet.infra.components.TaskPlacement;
import spotfleet.infra.components.WebService;
import spotfleet.infra.config.CapacitySettings;
import spotfleet.infra.config.ContainerInsights;
import spotfleet.infra.config.FlowLogDestination;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The whole stack: the components wired together, and the stack outputs. {@link Main#stack} declares it
 * from the stack's config; tests and offline evaluation declare it from settings they build.
 *
 * @param https      the custom domain's HTTPS endpoint, when the stack has a domain
 * @param accessLogs the load balancer's access log bucket, unless the stack turned access logs off
 * @param platform   what runs the tasks: the instances and the function that watches them, or Fargate
 * @param spotInterruptionDrill the FIS experiment template that interrupts one Spot instance, when the stack asks for it
 */
public record SpotfleetStack(
        Provider aws,
        Network network,
        FlowLogs flowLogs,
        Optional<AccessLogs> accessLogs,
        LoadBalancer loadBalancer,
        Optional<HttpsEndpoint> https,
        Cluster cluster,
        Platform platform,
        ContainerImage image,
        WebService service,
        AlertTopic alertTopic,
        Alarms alarms,
        SpotAlerts spotAlerts,
        Dashboard dashboard,
        Optional<SpotInterruptionDrill> spotInterruptionDrill) {

    public static SpotfleetStack declare(Context ctx, StackSettings settings) {
        checkAgainstTheStack(ctx, settings);
        var tags = AwsProviderArgs.tags(settings.aws(), StackTags.of(ctx.projectName(), ctx.stackName()));
        var aws = new Provider("aws", AwsProviderArgs.of(settings.aws(), StackTags.of(ctx.projectName(), ctx.stackName())));
        var onAws = ComponentResourceOptions.builder().providers(aws).build();
        var prefix = namePrefix(ctx);
        var domain = settings.domain();

        var network = new Network("network", settings.network(), onAws);
        // One log bucket for the load balancer's access logs and, with flowLogs: s3, the flow logs.
        var flowLogsToS3 = settings.network().flowLogs() == FlowLogDestination.S3;
        var logBucket = settings.accessLogs() || flowLogsToS3
                ? Optional.of(new AccessLogs("accesslogs", new AccessLogs.Args(settings.cluster().logRetentionDays(),
                        settings.protect(), settings.accessLogs(), flowLogsToS3), onAws))
                : Optional.<AccessLogs>empty();
        var flowLogs = new FlowLogs("flowlogs", new FlowLogs.Args(network.vpcId, settings.cluster().logRetentionDays(),
                settings.protect(), flowLogsToS3 ? logBucket : Optional.empty()), onAws);
        var accessLogs = settings.accessLogs() ? logBucket : Optional.<AccessLogs>empty();
        var loadBalancer = new LoadBalancer("loadbalancer", new LoadBalancer.Args(network.vpcId, network.publicSubnetIds,
                domain.enabled(), settings.protect(), accessLogs), onAws);
        var https = domain.enabled()
                ? Optional.of(new HttpsEndpoint("https", domain, new HttpsEndpoint.Args(loadBalancer.arn, loadBalancer.dnsName,
                        loadBalancer.zoneId, loadBalancer.securityGroupId), onAws))
                : Optional.<HttpsEndpoint>empty();
        var cluster = new Cluster("cluster", settings.cluster(), settings.protect(), !settings.image().promotionTargets().isEmpty(), onAws);
        var identity = new StackIdentity(ctx.organizationName(), ctx.projectName(), ctx.stackName());
        // The settings chose EC2 or Fargate; the capacity component declared for it supplies the placement, then the platform.
        TaskPlacement placement = switch (settings.capacity()) {
            case CapacitySettings.OnEc2 ec2 -> new Capacity("capacity", ec2, new Capacity.Args(PullPrincipals.rolePath(
                    ctx.projectName(), ctx.stackName()), cluster.clusterName, network.vpcId, network.workloadSubnetIds,
                    network.workloadsGetPublicIps, loadBalancer.securityGroupId, tags), onAws).placement;
            case CapacitySettings.OnFargate fargate -> new FargateCapacity("fargate", new FargateCapacity.Args(cluster.clusterName,
                    network, loadBalancer.securityGroupId, settings.service().containerPort(), fargate.onDemandTasks(),
                    fargate.architecture()), onAws).placement;
        };
        var image = new ContainerImage("image", new ContainerImage.Args(settings.image().source(),
                settings.image().promotionTargets(), placement.imagePlatform(), identity, cluster.imageRepository()), onAws);
        // With a domain the service is reached over HTTPS only; HTTP just redirects there.
        var listenerArn = https.map(endpoint -> endpoint.httpsListenerArn).orElse(loadBalancer.httpListenerArn);
        var service = new WebService("web", settings.service(), new WebService.Args(prefix + "-web",
                PullPrincipals.rolePath(ctx.projectName(), ctx.stackName()),
                new WebService.Listener(network.vpcId, listenerArn, loadBalancer.arnSuffix), cluster, image, placement), onAws);

        var containerInsights = settings.cluster().containerInsights() == ContainerInsights.ENABLED;
        var alertTopic = new AlertTopic("alerts", settings.monitoring(), new AlertTopic.Args(prefix), onAws);
        // The fleet watch reports to the alert topic, so the platform is complete only once the topic is declared.
        Platform platform = switch (placement) {
            case TaskPlacement.OnInstances instances -> new Platform.Ec2(instances.capacity(), new FleetWatch("fleetwatch",
                    new FleetWatch.Args(instances.capacity().autoScalingGroupName, alertTopic.topicArn, alertTopic.keyArn, prefix,
                            settings.cluster().logRetentionDays(), settings.protect()), onAws));
            case TaskPlacement.OnFargate fargate -> new Platform.Fargate(fargate.capacity(), cluster.clusterArn);
        };
        var serviceDimensions = new LinkedHashMap<Metrics.Dimension, Output<String>>();
        serviceDimensions.put(Metrics.Dimension.LOAD_BALANCER, loadBalancer.arnSuffix);
        serviceDimensions.put(Metrics.Dimension.TARGET_GROUP, service.targetGroupArnSuffix);
        serviceDimensions.put(Metrics.Dimension.CLUSTER, cluster.clusterName);
        serviceDimensions.put(Metrics.Dimension.SERVICE, service.serviceName);
        serviceDimensions.putAll(platform.dimensions());
        var dimensions = Metrics.DimensionValues.of(serviceDimensions);
        var alarms = new Alarms("alarms", settings.monitoring(), settings.service().serviceMinTasks(),
                new Alarms.Args(prefix, alertTopic.topicArn, dimensions, platform, containerInsights), onAws);
        var spotAlerts = new SpotAlerts("spotalerts", new SpotAlerts.Args(platform, service.serviceArn, alertTopic.topicArn, prefix), onAws);
        new AlertTopicPolicy("alertpublishers", new AlertTopicPolicy.Args(alertTopic.topicArn, alarms.alarmArns,
                spotAlerts.topicRuleArns), onAws);
        serviceDimensions.putAll(spotAlerts.dimensions());
        var dashboard = new Dashboard("dashboard", new Dashboard.Args(prefix, Metrics.DimensionValues.of(serviceDimensions),
                alarms.alarmArns, platform, containerInsights), onAws);

        // StackSettings refuses the drill on Fargate: only an EC2 platform has a Spot group to interrupt.
        var drill = switch (platform) {
            case Platform.Ec2 ec2 when settings.spotInterruptionDrill() -> Optional.of(new SpotInterruptionDrill("spotinterruption",
                    new SpotInterruptionDrill.Args(prefix, ec2.capacity().autoScalingGroupName, alarms.errorRateAlarmArns), onAws));
            default -> Optional.<SpotInterruptionDrill>empty();
        };

        ctx.export(StackOutputs.URL, https.map(endpoint -> endpoint.url).orElse(Output.format("http://%s", loadBalancer.dnsName)));
        ctx.export(StackOutputs.ALB_DNS_NAME, loadBalancer.dnsName);
        ctx.export(StackOutputs.LOAD_BALANCER_ARN_SUFFIX, loadBalancer.arnSuffix);
        ctx.export(StackOutputs.CLUSTER_NAME, cluster.clusterName);
        ctx.export(StackOutputs.SERVICE_NAME, service.serviceName);
        if (platform instanceof Platform.Ec2 ec2) {
            ctx.export(StackOutputs.AUTO_SCALING_GROUP_NAME, ec2.capacity().autoScalingGroupName);
        }
        ctx.export(StackOutputs.REPOSITORY_URL, cluster.repositoryUrl);
        // What a stack promoting this one reads (ContainerImage, PromotedImage).
        ctx.export(StackOutputs.IMAGE_REF, image.imageRef);
        ctx.export(StackOutputs.IMAGE_PLATFORM, image.platform);
        ctx.export(StackOutputs.IMAGE_REPOSITORY_ARN, image.repositoryArn);
        image.pullers.ifPresent(pullers -> ctx.export(StackOutputs.IMAGE_PULLERS, pullers));
        ctx.export(StackOutputs.DASHBOARD_URL, dashboard.dashboardUrl);
        ctx.export(StackOutputs.ALARM_TOPIC_ARN, alertTopic.topicArn);
        logBucket.ifPresent(logs -> ctx.export(StackOutputs.ACCESS_LOGS_BUCKET, logs.bucketName));
        drill.ifPresent(d -> ctx.export(StackOutputs.SPOT_INTERRUPTION_EXPERIMENT_TEMPLATE_ID, d.experimentTemplateId));
        return new SpotfleetStack(aws, network, flowLogs, accessLogs, loadBalancer, https, cluster, platform, image, service,
                alertTopic, alarms, spotAlerts, dashboard, drill);
    }

    /**
     * What only the stack's own name can tell wrong, checked before anything is declared: a stack cannot promote its own
     * image, nor list itself (in its own account) as a promotion target.
     */
    static void checkAgainstTheStack(Context ctx, StackSettings settings) {
        var problems = new ArrayList<String>();
        var self = "%s/%s/%s".formatted(ctx.organizationName(), ctx.projectName(), ctx.stackName());
        if (settings.image().source() instanceof ImageSource.Promoted promoted
                && promoted.qualifiedName(ctx.organizationName(), ctx.projectName()).equals(self)) {
            problems.add("spotfleet:image (%s) promotes this stack's own image: name the stack it comes from, e.g. promote:dev"
                    .formatted(promoted.configValue()));
        }
        settings.image().promotionTargets().stream()
                .filter(target -> target.account().isEmpty() && target.stack().equals(ctx.stackName()))
                .forEach(target -> problems.add(("spotfleet:promotionTargets lists this stack (%s) itself: it pulls from its own"
                        + " repository without a grant").formatted(target.configValue())));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * {@code <project>-<stack>}, for names AWS shows people (dashboard, alarms, task family). Dashboard names and
     * task families allow only letters, digits, hyphens and underscores, so anything else becomes a hyphen.
     */
    static String namePrefix(Context ctx) {
        return (ctx.projectName() + "-" + ctx.stackName()).replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
