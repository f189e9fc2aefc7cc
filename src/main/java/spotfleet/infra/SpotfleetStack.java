package spotfleet.infra;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import spotfleet.infra.components.Capacity;
import spotfleet.infra.components.Cluster;
import spotfleet.infra.components.ContainerImage;
import spotfleet.infra.components.LoadBalancer;
import spotfleet.infra.components.Network;
import spotfleet.infra.components.WebService;
import spotfleet.infra.config.StackSettings;

import java.util.Map;

/**
 * The whole stack: the components wired together, and the stack outputs. {@link Main#stack} declares it
 * from the stack's config; tests and offline evaluation declare it from settings they build.
 */
public record SpotfleetStack(
        Provider aws,
        Network network,
        LoadBalancer loadBalancer,
        Cluster cluster,
        Capacity capacity,
        ContainerImage image,
        WebService service) {

    public static SpotfleetStack declare(Context ctx, StackSettings settings) {
        var tags = StackTags.of(ctx.projectName(), ctx.stackName());
        var aws = awsProvider(settings, tags);
        var onAws = ComponentResourceOptions.builder().providers(aws).build();

        var network = new Network("network", settings.network(), onAws);
        var loadBalancer = new LoadBalancer("loadbalancer",
                new LoadBalancer.Args(network.vpcId, network.publicSubnetIds), onAws);
        var cluster = new Cluster("cluster", settings.cluster(), onAws);
        var capacity = new Capacity("capacity", settings.capacity(), new Capacity.Args(
                cluster.clusterName, network.vpcId, network.privateSubnetIds, loadBalancer.securityGroupId, tags), onAws);
        var image = new ContainerImage("image", new ContainerImage.Args(
                cluster.repositoryUrl, cluster.registryId, settings.capacity().architecture(), ctx.stackName()), onAws);
        var service = new WebService("web", settings.service(), new WebService.Args(
                taskFamily(ctx), network.vpcId, loadBalancer.httpListenerArn, cluster.clusterArn, cluster.clusterName,
                cluster.logGroupName, image.repoDigest, capacity.capacityProviderName, capacity), onAws);

        ctx.export("url", Output.format("http://%s", loadBalancer.dnsName));
        ctx.export("albDnsName", loadBalancer.dnsName);
        ctx.export("clusterName", cluster.clusterName);
        ctx.export("serviceName", service.serviceName);
        ctx.export("autoScalingGroupName", capacity.autoScalingGroupName);
        ctx.export("repositoryUrl", cluster.repositoryUrl);
        ctx.export("imageRef", image.repoDigest);
        return new SpotfleetStack(aws, network, loadBalancer, cluster, capacity, image, service);
    }

    /**
     * The one AWS provider every component uses. An explicit provider ignores the {@code aws:} stack config,
     * so region and profile are handed over; its default tags land on every taggable resource.
     */
    private static Provider awsProvider(StackSettings settings, Map<String, String> tags) {
        var args = ProviderArgs.builder()
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(tags).build());
        settings.aws().region().ifPresent(args::region);
        settings.aws().profile().ifPresent(args::profile);
        return new Provider("aws", args.build());
    }

    /** Task definition families allow letters, digits, hyphens and underscores. */
    private static String taskFamily(Context ctx) {
        return (ctx.projectName() + "-" + ctx.stackName() + "-web").replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
