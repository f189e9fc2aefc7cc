package spotfleet.infra.config;

/** The CPU architecture of the instances, which picks the AMI and the image's build platform. */
public enum Architecture {
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
}
