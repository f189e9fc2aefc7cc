package spotfleet.infra.config;

import java.util.Locale;

/**
 * The CPU architecture the tasks run on, which picks the AMI, the image's build platform and, on Fargate, the task
 * definition's {@code runtimePlatform}. Written in config ({@code fargateArchitecture}) as EC2 names it.
 */
public enum Architecture implements ConfigChoice {
    X86_64("linux/amd64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    ARM64("linux/arm64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");

    private final String dockerPlatform;
    private final String ecsAmiParameter;

    Architecture(String dockerPlatform, String ecsAmiParameter) {
        this.dockerPlatform = dockerPlatform;
        this.ecsAmiParameter = ecsAmiParameter;
    }

    /** The platform the container image is built for, e.g. {@code linux/arm64}. */
    public String dockerPlatform() {
        return dockerPlatform;
    }

    /** The public SSM parameter holding the current ECS-optimized Amazon Linux 2023 AMI id. */
    public String ecsAmiParameter() {
        return ecsAmiParameter;
    }

    /** As EC2 and config name it: {@code x86_64} or {@code arm64}. */
    @Override
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** ECS's {@code runtimePlatform.cpuArchitecture}: {@code X86_64} or {@code ARM64} (botocore ecs, shape CPUArchitecture). */
    public String ecsCpuArchitecture() {
        return name();
    }
}
