package spotfleet.infra.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code aws:region} and {@code aws:profile} stack config, handed to the program's explicit AWS provider
 * (an explicit provider does not read the {@code aws:} namespace itself). Empty means: from the environment.
 */
public record AwsSettings(Optional<String> region, Optional<String> profile) {

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(profile, "profile");
    }

    public static AwsSettings fromEnvironment() {
        return new AwsSettings(Optional.empty(), Optional.empty());
    }
}
