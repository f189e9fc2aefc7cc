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
import spotfleet.infra.components.PullPrincipals;
import spotfleet.infra.components.SpotAlerts;
import spotfleet.infra.components.SpotInterruptionDrill;
import spotfleet.infra.components.TaskPlacement;
import spotfleet.infra.components.WebService;
import spotfleet.infra.config.ContainerInsights;
import spotfleet.infra.config.FlowLogDestination;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.InvalidConfigException;
import spotfleet.infra.config.StackSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole stack: the components wired together, and the stack outputs. {@link Main#stack} declares it
 * from the stack's config; tests and offline evaluation declare it from settings they build.
 *
 * @param https      the custom domain's HTTPS endpoint, when the stack has a domain
 * @param accessLogs the load balancer's access log bucket, unless the stack turned access logs off
 * @param capacity   the stack's instances, when it runs on EC2
 * @param fargate    the cluster's Fargate capacity and the tasks' security group, when it runs on Fargate
 * @param fleetWatch the function that watches the instances, when it runs on EC2 (Fargate's events need no narrowing)
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
        Optional<Capacity> capacity,
        Optional<FargateCapacity> fargate,
        ContainerImage image,
        WebService service,
        AlertTopic alertTopic,
        Alarms alarms,
        Optional<FleetWatch> fleetWatch,
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
        var onFargate = settings.capacity().onFargate();
        var capacity = onFargate ? Optional.<Capacity>empty() : Optional.of(new Capacity("capacity", settings.capacity(),
                new Capacity.Args(PullPrincipals.rolePath(ctx.projectName(), ctx.stackName()), cluster.clusterName, network.vpcId, network.workloadSubnetIds, network.workloadsGetPublicIps, loadBalancer.securityGroupId, tags),
                onAws));
        var fargate = onFargate ? Optional.of(new FargateCapacity("fargate", new FargateCapacity.Args(cluster.clusterName,
                network.vpcId, loadBalancer.securityGroupId, settings.service().containerPort(),
                settings.capacity().fargateOnDemandTasks()), onAws)) : Optional.<FargateCapacity>empty();
        // The image's platform, and what a promoted image must match: the instances', or on Fargate fargateArchitecture
        // (no instance types to name then).
        var image = new ContainerImage("image", new ContainerImage.Args(settings.image().source(),
                settings.image().promotionTargets(), settings.capacity().architecture(),
                onFargate ? List.of() : settings.capacity().instanceTypes(),
                ctx.organizationName(), ctx.projectName(), ctx.stackName(), cluster.repositoryUrl, cluster.repositoryName,
                cluster.repositoryArn, cluster.registryId), onAws);
        // With a domain the service is reached over HTTPS only; HTTP just redirects there.
        var listenerArn = https.map(endpoint -> endpoint.httpsListenerArn).orElse(loadBalancer.httpListenerArn);
        var service = new WebService("web", settings.service(), new WebService.Args(
                prefix + "-web", PullPrincipals.rolePath(ctx.projectName(), ctx.stackName()), network.vpcId, listenerArn,
                loadBalancer.arnSuffix, cluster.clusterArn, cluster.clusterName, cluster.logGroupName, cluster.logGroupArn,
                image.imageRef, image.repositoryArn, placement(settings, network, capacity, fargate)), onAws);

        var containerInsights = settings.cluster().containerInsights() == ContainerInsights.ENABLED;
        var alertTopic = new AlertTopic("alerts", settings.monitoring(), new AlertTopic.Args(prefix), onAws);
        var fleetWatch = capacity.map(instances -> new FleetWatch("fleetwatch", new FleetWatch.Args(instances.autoScalingGroupName,
                alertTopic.topicArn, alertTopic.keyArn, prefix, settings.cluster().logRetentionDays(), settings.protect()), onAws));
        var none = Output.of(""); // what a Fargate stack has no group or function for
        var dimensions = Metrics.DimensionValues.of(loadBalancer.arnSuffix, service.targetGroupArnSuffix,
                cluster.clusterName, service.serviceName, capacity.map(c -> c.autoScalingGroupName).orElse(none),
                capacity.flatMap(c -> c.onDemandGroupName).orElse(none), fleetWatch.map(f -> f.functionName).orElse(none));
        var alarms = new Alarms("alarms", settings.monitoring(), settings.service().serviceMinTasks(),
                new Alarms.Args(prefix, alertTopic.topicArn, dimensions, fleetWatch.isPresent(), containerInsights), onAws);
        SpotAlerts.Watched watched = fleetWatch.isPresent()
                ? new SpotAlerts.Fleet(capacity.orElseThrow().autoScalingGroupName, fleetWatch.get().functionArn,
                        fleetWatch.get().functionName)
                : new SpotAlerts.FargateTasks(cluster.clusterArn);
        var spotAlerts = new SpotAlerts("spotalerts", new SpotAlerts.Args(watched, service.serviceArn, alertTopic.topicArn, prefix), onAws);
        new AlertTopicPolicy("alertpublishers", new AlertTopicPolicy.Args(alertTopic.topicArn, alarms.alarmArns,
                spotAlerts.topicRuleArns), onAws);
        var dashboardDimensions = spotAlerts.taskInterruptionRuleName
                .map(rule -> Metrics.DimensionValues.withInterruptionRule(dimensions, rule)).orElse(dimensions);
        var dashboard = new Dashboard("dashboard", new Dashboard.Args(prefix, dashboardDimensions, alarms.alarmArns, onFargate,
                containerInsights),
                onAws);

        // StackSettings refuses the drill on Fargate, so there is always a Spot group here.
        var drill = settings.spotInterruptionDrill()
                ? Optional.of(new SpotInterruptionDrill("spotinterruption", new SpotInterruptionDrill.Args(prefix,
                        capacity.orElseThrow().autoScalingGroupName, alarms.errorRateAlarmArns), onAws))
                : Optional.<SpotInterruptionDrill>empty();

        ctx.export("url", https.map(endpoint -> endpoint.url).orElse(Output.format("http://%s", loadBalancer.dnsName)));
        ctx.export("albDnsName", loadBalancer.dnsName);
        // The LoadBalancer dimension of its CloudWatch metrics (the acceptance run reads its 5xx counts with it).
        ctx.export("loadBalancerArnSuffix", loadBalancer.arnSuffix);
        ctx.export("clusterName", cluster.clusterName);
        ctx.export("serviceName", service.serviceName);
        capacity.ifPresent(instances -> ctx.export("autoScalingGroupName", instances.autoScalingGroupName));
        ctx.export("repositoryUrl", cluster.repositoryUrl);
        // What a stack promoting this one reads (ContainerImage, PromotedImage).
        ctx.export("imageRef", image.imageRef);
        ctx.export("imagePlatform", image.platform);
        ctx.export("imageRepositoryArn", image.repositoryArn);
        image.pullers.ifPresent(pullers -> ctx.export("imagePullers", pullers));
        ctx.export("dashboardUrl", dashboard.dashboardUrl);
        ctx.export("alarmTopicArn", alertTopic.topicArn);
        logBucket.ifPresent(logs -> ctx.export("accessLogsBucket", logs.bucketName));
        drill.ifPresent(d -> ctx.export("spotInterruptionExperimentTemplateId", d.experimentTemplateId));
        return new SpotfleetStack(aws, network, flowLogs, accessLogs, loadBalancer, https, cluster, capacity, fargate, image, service,
                alertTopic, alarms, fleetWatch, spotAlerts, dashboard, drill);
    }

    /** The service's tasks on the stack's instances, or on Fargate in the workload subnets behind their own security group. */
    private static TaskPlacement placement(StackSettings settings, Network network, Optional<Capacity> capacity,
                                           Optional<FargateCapacity> fargate) {
        return capacity.<TaskPlacement>map(instances -> new TaskPlacement.OnInstances(instances.strategy, instances))
                .orElseGet(() -> new TaskPlacement.OnFargate(network.workloadSubnetIds, network.workloadsGetPublicIps, fargate.orElseThrow().securityGroupId,
                        settings.capacity().fargateOnDemandTasks(), settings.capacity().architecture(), fargate.orElseThrow()));
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
