package spotfleet.infra.config;

/**
 * The CPU architecture the tasks run on, which picks the AMI, the image's build platform and, on Fargate, the task
 * definition's {@code runtimePlatform}. Written in config ({@code fargateArchitecture}) as EC2 names it.
 */
public enum Architecture implements ConfigChoice {
    X86_64("x86_64", "linux/amd64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    ARM64("arm64", "linux/arm64", "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");

    private final String label;
    private final String dockerPlatform;
    private final String ecsAmiParameter;

    Architecture(String label, String dockerPlatform, String ecsAmiParameter) {
        this.label = label;
        this.dockerPlatform = dockerPlatform;
        this.ecsAmiParameter = ecsAmiParameter;
    }

    /** As EC2 names it: {@code x86_64} or {@code arm64}. */
    public String label() {
        return label;
    }

    /** The platform the container image is built for, e.g. {@code linux/arm64}. */
    public String dockerPlatform() {
        return dockerPlatform;
    }

    /** The public SSM parameter holding the current ECS-optimized Amazon Linux 2023 AMI id. */
    public String ecsAmiParameter() {
        return ecsAmiParameter;
    }

    /** As config writes it: the same as {@link #label()}. */
    @Override
    public String configValue() {
        return label;
    }

    /** ECS's {@code runtimePlatform.cpuArchitecture}: {@code X86_64} or {@code ARM64} (botocore ecs, shape CPUArchitecture). */
    public String ecsCpuArchitecture() {
        return name();
    }
}
