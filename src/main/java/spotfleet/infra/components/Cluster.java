package spotfleet.infra.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import spotfleet.infra.config.ClusterSettings;

import java.util.List;
import java.util.Map;

/**
 * What the service runs on and ships to, apart from the machines: the ECS cluster (Container Insights as configured),
 * the ECR repository its image is pushed to, and the log group its containers write to. With {@code protect},
 * the repository and the log group, which hold the only copies of images and logs, cannot be deleted by Pulumi,
 * and the repository cannot be deleted by AWS while it holds images. A repository other stacks promote images from
 * is kept the same way without {@code protect}: their new tasks (a Spot replacement, a scale-out) pull from it, so
 * destroying this stack must not take the images they run.
 */
public final class Cluster extends ComponentResource {

    /**
     * Untagged images kept in the repository. Each push moves the stack's tag to the new image; the previous
     * ones stay referenced by digest from older task definitions, which a circuit-breaker rollback runs again.
     * Tagged images never expire: the deploy workflow keeps the image each promotion target runs tagged
     * {@code promoted-<target>} (.github/scripts/keep-promoted-images), however many pushes come after it.
     */
    static final int UNTAGGED_IMAGES_KEPT = 10;

    @Export(name = "clusterName", refs = String.class)
    public final Output<String> clusterName;
    @Export(name = "clusterArn", refs = String.class)
    public final Output<String> clusterArn;
    @Export(name = "repositoryUrl", refs = String.class)
    public final Output<String> repositoryUrl;
    @Export(name = "repositoryArn", refs = String.class)
    public final Output<String> repositoryArn;
    @Export(name = "repositoryName", refs = String.class)
    public final Output<String> repositoryName;
    @Export(name = "registryId", refs = String.class)
    public final Output<String> registryId;
    @Export(name = "logGroupName", refs = String.class)
    public final Output<String> logGroupName;
    @Export(name = "logGroupArn", refs = String.class)
    public final Output<String> logGroupArn;

    /**
     * The stack's ECR repository, as the image needs it.
     *
     * @param url        {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}
     * @param name       its name, for its policy
     * @param registryId its registry (account) id, for the push credentials
     */
    public record ImageRepository(Output<String> url, Output<String> name, Output<String> arn, Output<String> registryId) {
    }

    /** The stack's ECR repository. */
    public ImageRepository imageRepository() {
        return new ImageRepository(repositoryUrl, repositoryName, repositoryArn, registryId);
    }

    /** An unprotected cluster: {@code pulumi destroy} removes the repository with its images, and the logs. */
    public Cluster(String name, ClusterSettings settings, ComponentResourceOptions options) {
        this(name, settings, false, options);
    }

    public Cluster(String name, ClusterSettings settings, boolean protect, ComponentResourceOptions options) {
        this(name, settings, protect, false, options);
    }

    /**
     * @param protect      a production stack: Pulumi and AWS refuse to delete the repository and the logs
     * @param sharesImages other stacks run images from this repository ({@code promotionTargets}): it is kept as with
     *                     {@code protect}, whatever {@code protect} says
     */
    public Cluster(String name, ClusterSettings settings, boolean protect, boolean sharesImages, ComponentResourceOptions options) {
        super("spotfleet:index:Cluster", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var holdsData = CustomResourceOptions.builder().parent(this).protect(protect).build();
        var keepImages = protect || sharesImages;

        var cluster = new com.pulumi.aws.ecs.Cluster(name + "-ecs", ClusterArgs.builder()
                .settings(ClusterSettingArgs.builder().name("containerInsights").value(settings.containerInsights().configValue()).build())
                .build(), child);

        var repository = new Repository(name + "-images", RepositoryArgs.builder()
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                .imageTagMutability("MUTABLE") // each deploy moves the stack's tag; task definitions pin the digest
                .forceDelete(!keepImages) // else `pulumi destroy` removes a repository that still holds images
                .build(), CustomResourceOptions.builder().parent(this).protect(keepImages).build());
        new LifecyclePolicy(name + "-images-lifecycle", LifecyclePolicyArgs.builder()
                .repository(repository.name())
                .policy(Json.of(Json.object("rules", List.of(Json.object(
                        "rulePriority", 1,
                        "description", "Expire untagged images beyond the %d newest".formatted(UNTAGGED_IMAGES_KEPT),
                        "selection", Json.object(
                                "tagStatus", "untagged",
                                "countType", "imageCountMoreThan",
                                "countNumber", UNTAGGED_IMAGES_KEPT),
                        "action", Json.object("type", "expire"))))))
                .build(), child);

        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .retentionInDays(settings.logRetentionDays())
                .build(), holdsData);

        this.clusterName = cluster.name();
        this.clusterArn = cluster.arn();
        this.repositoryUrl = repository.repositoryUrl();
        this.repositoryArn = repository.arn();
        this.repositoryName = repository.name();
        this.registryId = repository.registryId();
        this.logGroupName = logs.name();
        this.logGroupArn = logs.arn();
        registerOutputs(Map.of(
                "clusterName", clusterName,
                "clusterArn", clusterArn,
                "repositoryUrl", repositoryUrl,
                "repositoryArn", repositoryArn,
                "repositoryName", repositoryName,
                "registryId", registryId,
                "logGroupName", logGroupName,
                "logGroupArn", logGroupArn));
    }
}
