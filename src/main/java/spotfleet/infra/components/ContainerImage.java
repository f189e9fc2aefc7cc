package spotfleet.infra.components;

import com.pulumi.aws.ecr.EcrFunctions;
import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.ecr.RepositoryPolicyArgs;
import com.pulumi.aws.ecr.inputs.GetAuthorizationTokenArgs;
import com.pulumi.aws.ecr.outputs.GetAuthorizationTokenResult;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.docker.Image;
import com.pulumi.docker.ImageArgs;
import com.pulumi.docker.inputs.DockerBuildArgs;
import com.pulumi.docker.inputs.RegistryArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import spotfleet.infra.config.Architecture;
import spotfleet.infra.config.ImageSource;
import spotfleet.infra.config.PromotionTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's container image, from one of three sources ({@code spotfleet:image}):
 * <ul>
 *   <li>build: built by the local Docker engine from {@code ./app} for the instances' architecture and pushed to the
 *       stack's ECR repository, whose policy then lets the promotion targets' task execution roles pull it;</li>
 *   <li>a prebuilt, digest-pinned reference: used as it is, nothing built, no Docker engine needed;</li>
 *   <li>promotion: the image another stack runs, read from its outputs through a {@code StackReference} and checked
 *       ({@link PromotedImage}): nothing built either.</li>
 * </ul>
 * {@link #imageRef} names the image by content, so a task definition that uses it changes (and the service rolls)
 * exactly when the image does. The outputs describe the image for stacks that promote it in turn.
 */
public final class ContainerImage extends ComponentResource {

    /** Paths relative to the project root, where {@code pulumi} runs the program. */
    public static final String BUILD_CONTEXT = "./app";
    public static final String DOCKERFILE = "./app/Dockerfile";
    /** What a promotion target's execution role may do on the repository: read an image's manifest and layers. */
    static final List<String> PULL_ACTIONS = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability");

    /**
     * What the image needs to know of the stack.
     *
     * @param source           where the image comes from
     * @param promotionTargets the stacks that may pull it from this stack's repository (build only)
     * @param platform         the tasks' architecture: what a build targets, what a promoted image must match
     * @param identity         this stack: promotion sources and pull principals are named relative to it
     * @param repository       the stack's ECR repository
     */
    public record Args(ImageSource source, List<PromotionTarget> promotionTargets, TaskPlacement.ImagePlatform platform,
                       StackIdentity identity, Cluster.ImageRepository repository) {
    }

    /** {@code <repository>@sha256:<digest>}: the image the service runs. */
    @Export(name = "imageRef", refs = String.class)
    public final Output<String> imageRef;
    /** The platform the image is for, e.g. {@code linux/arm64}. */
    @Export(name = "platform", refs = String.class)
    public final Output<String> platform;
    /** The ECR repository holding the image (what the execution role pulls from); empty text when it is not in ECR. */
    @Export(name = "repositoryArn", refs = String.class)
    public final Output<String> repositoryArn;
    /**
     * The principals the holding repository's policy lets pull, when a stack of this program manages it (a built image,
     * or one promoted from a built one); empty for a prebuilt image, whose repository is its owner's business.
     */
    public final Optional<Output<List<String>>> pullers;

    public ContainerImage(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:ContainerImage", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var outputs = new LinkedHashMap<String, Output<?>>();
        switch (args.source()) {
            case ImageSource.Build build -> {
                this.imageRef = built(name, args, child);
                this.platform = Output.of(args.platform().architecture().dockerPlatform());
                this.repositoryArn = args.repository().arn();
                this.pullers = Optional.of(shared(name, args, child));
            }
            case ImageSource.Prebuilt prebuilt -> {
                this.imageRef = Output.of(prebuilt.reference().text());
                // The operator vouches for the platform: a prebuilt image cannot be inspected without its registry.
                this.platform = Output.of(args.platform().architecture().dockerPlatform());
                this.repositoryArn = Output.of(prebuilt.reference().ecrRepositoryArn().orElse(""));
                this.pullers = Optional.empty();
            }
            case ImageSource.Promoted promoted -> {
                var image = promoted(name, promoted, args, child);
                this.imageRef = image.applyValue(PromotedImage::imageRef);
                this.platform = image.applyValue(PromotedImage::platform);
                this.repositoryArn = image.applyValue(PromotedImage::repositoryArn);
                this.pullers = Optional.of(image.applyValue(i -> i.pullers().orElse(null)));
            }
        }
        outputs.put("imageRef", imageRef);
        outputs.put("platform", platform);
        outputs.put("repositoryArn", repositoryArn);
        pullers.ifPresent(granted -> outputs.put("pullers", granted));
        registerOutputs(outputs);
    }

    /** Builds {@code ./app} and pushes it to the stack's repository under the stack's tag; the digest of the push. */
    private Output<String> built(String name, Args args, CustomResourceOptions child) {
        var credentials = EcrFunctions.getAuthorizationToken(GetAuthorizationTokenArgs.builder()
                .registryId(args.repository().registryId())
                .build(), InvokeOptions.builder().parent(this).build());
        var image = new Image(name + "-image", ImageArgs.builder()
                .build(DockerBuildArgs.builder()
                        .context(BUILD_CONTEXT)
                        .dockerfile(DOCKERFILE)
                        .platform(args.platform().architecture().dockerPlatform())
                        .build())
                .imageName(args.repository().url().applyValue(url -> url + ":" + args.identity().stack()))
                .registry(RegistryArgs.builder()
                        .server(args.repository().url().applyValue(ContainerImage::registryHost))
                        .username(credentials.applyValue(GetAuthorizationTokenResult::userName))
                        .password(credentials.applyValue(GetAuthorizationTokenResult::password).asSecret())
                        .build())
                .build(), child);
        return image.repoDigest();
    }

    /**
     * Lets the promotion targets' task execution roles pull from the stack's repository: one repository policy (ECR keeps
     * one per repository, so this stack, which owns the repository, writes it for all its targets). The principals it
     * names.
     */
    private Output<List<String>> shared(String name, Args args, CustomResourceOptions child) {
        if (args.promotionTargets().isEmpty()) {
            return Output.of(List.of());
        }
        var account = AwsEnvironment.accountId(this);
        var partition = AwsEnvironment.partition(this);
        var principals = Output.tuple(account, partition).applyValue(t -> args.promotionTargets().stream()
                .map(target -> PullPrincipals.pattern(t.t2, target.account().orElse(t.t1), args.identity().project(), target.stack()))
                .toList());
        new RepositoryPolicy(name + "-pull-policy", RepositoryPolicyArgs.builder()
                .repository(args.repository().name())
                .policy(Output.tuple(principals, partition).applyValue(t -> pullPolicy(t.t1, t.t2)))
                .build(), child);
        return principals;
    }

    /**
     * One statement per target: its account as the principal (an account can be named before any of its roles exist),
     * narrowed to the roles under the target stack's IAM path by {@code aws:PrincipalArn} (its task execution role, and on
     * EC2 its instance role, which the agent may pull with), allowed only to pull. No {@code Resource}: a repository
     * policy applies to its repository, and ECR's SetRepositoryPolicy has refused policies that carry one ("Invalid
     * repository policy provided", aws/aws-cdk issues #3583 and #24314; CDK's Repository.addToResourcePolicy warns
     * that a resource section makes it fail).
     */
    static String pullPolicy(List<String> principals, String partition) {
        var statements = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < principals.size(); i++) {
            var pattern = principals.get(i);
            var account = pattern.split(":")[4];
            statements.add(Json.object(
                    "Sid", "PullByPromotionTarget" + (i + 1),
                    "Effect", "Allow",
                    "Principal", Map.of("AWS", "arn:%s:iam::%s:root".formatted(partition, account)),
                    "Action", PULL_ACTIONS,
                    "Condition", Map.of("ArnLike", Map.of("aws:PrincipalArn", pattern))));
        }
        return Json.of(Json.object("Version", "2012-10-17", "Statement", statements));
    }

    /** The source stack's image, read through a StackReference and checked for this stack. */
    private Output<PromotedImage> promoted(String name, ImageSource.Promoted promoted, Args args, CustomResourceOptions child) {
        var sourceName = promoted.qualifiedName(args.identity().organization(), args.identity().project());
        var source = new StackReference(name + "-source", StackReferenceArgs.builder().name(sourceName).build(), child);
        return Output.tuple(source.outputs(), AwsEnvironment.accountId(this), AwsEnvironment.partition(this)).applyValue(t ->
                PromotedImage.read(sourceName, t.t1, new PromotedImage.Target(args.platform(), t.t2,
                        PullPrincipals.pattern(t.t3, t.t2, args.identity().project(), args.identity().stack()), args.identity().stack())));
    }

    /** The registry part of a repository URL: everything before the first slash. */
    static String registryHost(String repositoryUrl) {
        return repositoryUrl.split("/", 2)[0];
    }
}
