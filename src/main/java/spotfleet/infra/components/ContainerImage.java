package spotfleet.infra.components;

import com.pulumi.aws.ecr.EcrFunctions;
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
import spotfleet.infra.config.Architecture;

import java.util.Map;

/**
 * The service's container image: built by the local Docker engine from {@code ./app} for the instances'
 * architecture and pushed to the ECR repository. {@link #repoDigest} names the pushed image by content,
 * so a task definition that uses it changes (and the service rolls) exactly when the image does.
 */
public final class ContainerImage extends ComponentResource {

    /** Paths relative to the project root, where {@code pulumi} runs the program. */
    public static final String BUILD_CONTEXT = "./app";
    public static final String DOCKERFILE = "./app/Dockerfile";

    /**
     * Where to push.
     *
     * @param repositoryUrl ECR repository URL, {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}
     * @param registryId    the repository's registry (account) id, for the push credentials
     * @param tag           the tag the image is pushed under; the task definition uses the digest, not this
     */
    public record Args(Output<String> repositoryUrl, Output<String> registryId, Architecture architecture, String tag) {
    }

    @Export(name = "imageName", refs = String.class)
    public final Output<String> imageName;
    /** {@code <repositoryUrl>@sha256:<digest>}: the image as pushed. */
    @Export(name = "repoDigest", refs = String.class)
    public final Output<String> repoDigest;

    public ContainerImage(String name, Args args, ComponentResourceOptions options) {
        super("spotfleet:index:ContainerImage", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var credentials = EcrFunctions.getAuthorizationToken(GetAuthorizationTokenArgs.builder()
                .registryId(args.registryId())
                .build(), InvokeOptions.builder().parent(this).build());

        var image = new Image(name + "-image", ImageArgs.builder()
                .build(DockerBuildArgs.builder()
                        .context(BUILD_CONTEXT)
                        .dockerfile(DOCKERFILE)
                        .platform(args.architecture().dockerPlatform())
                        .build())
                .imageName(args.repositoryUrl().applyValue(url -> url + ":" + args.tag()))
                .registry(RegistryArgs.builder()
                        .server(args.repositoryUrl().applyValue(ContainerImage::registryHost))
                        .username(credentials.applyValue(GetAuthorizationTokenResult::userName))
                        .password(credentials.applyValue(GetAuthorizationTokenResult::password).asSecret())
                        .build())
                .build(), child);

        this.imageName = image.imageName();
        this.repoDigest = image.repoDigest();
        registerOutputs(Map.of("imageName", imageName, "repoDigest", repoDigest));
    }

    /** The registry part of a repository URL: everything before the first slash. */
    static String registryHost(String repositoryUrl) {
        var slash = repositoryUrl.indexOf('/');
        return slash < 0 ? repositoryUrl : repositoryUrl.substring(0, slash);
    }
}
