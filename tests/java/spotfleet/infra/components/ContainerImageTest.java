package spotfleet.infra.components;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageTest {

    DeclaredStack stack;

    @BeforeAll
    void declare() {
        stack = DeclaredStack.withDefaults();
    }

    @Test
    void theImageIsBuiltFromTheAppDirectoryForTheInstancesPlatform() {
        // given / when
        var image = stack.one(DOCKER_IMAGE, "image-image");
        // then
        assertThat(input(image, "build.context")).isEqualTo("./app");
        assertThat(input(image, "build.dockerfile")).isEqualTo("./app/Dockerfile");
        assertThat(input(image, "build.platform")).isEqualTo("linux/amd64");
    }

    @Test
    void theImageIsPushedToTheRepositoryUnderTheStacksTag() {
        // given
        var repository = stack.one(ECR_REPOSITORY, "cluster-images");
        // when
        var image = stack.one(DOCKER_IMAGE, "image-image");
        // then
        assertThat(input(image, "imageName")).isEqualTo(output(repository, "repositoryUrl") + ":dev");
        assertThat(input(image, "registry.server")).isEqualTo("123456789012.dkr.ecr.mock-region-1.amazonaws.com");
        assertThat(input(image, "skipPush")).isEqualTo(false);
    }

    @Test
    void pushCredentialsComeFromTheRepositorysRegistry() {
        // given
        var tokens = stack.invokes(GET_AUTHORIZATION_TOKEN);
        // when
        var image = stack.one(DOCKER_IMAGE, "image-image");
        // then
        assertThat(tokens).hasSize(1);
        assertThat(tokens.getFirst().args()).containsEntry("registryId", output(stack.one(ECR_REPOSITORY, "cluster-images"), "registryId"));
        assertThat(input(image, "registry.username")).isEqualTo("AWS");
        assertThat(input(image, "registry.password")).isEqualTo("offline-placeholder-password");
    }

    @Test
    void registryHostIsTheUrlUpToTheRepositoryName() {
        // given / when / then
        assertThat(ContainerImage.registryHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app"))
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    }
}
