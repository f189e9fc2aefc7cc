package spotfleet.contract;

import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS API models of Debian's {@code python3-botocore} (1.29, December 2022), read as JSON, each once per JVM.
 * The directory is {@value #DEFAULT_DIRECTORY} unless the system property {@value #PROPERTY} names another
 * botocore {@code data} directory.
 */
public final class ServiceModels {

    public static final String PROPERTY = "aws.contract.models";
    public static final String DEFAULT_DIRECTORY = "/usr/lib/python3/dist-packages/botocore/data";
    public static final String APT_PACKAGE = "python3-botocore";

    private static final Map<Path, ServiceModels> BY_DIRECTORY = new ConcurrentHashMap<>();

    private final Path directory;
    private final Map<String, ServiceModel> models = new ConcurrentHashMap<>();

    private ServiceModels(Path directory) {
        this.directory = directory;
    }

    /** The models at {@value #PROPERTY}, or at {@value #DEFAULT_DIRECTORY}. */
    public static ServiceModels installed() {
        return at(Path.of(System.getProperty(PROPERTY, DEFAULT_DIRECTORY)));
    }

    public static ServiceModels at(Path directory) {
        return BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(), ServiceModels::new);
    }

    public Path directory() {
        return directory;
    }

    /** The model of {@code service} (botocore's name: {@code ec2}, {@code elbv2}, {@code application-autoscaling}...). */
    public ServiceModel service(String service) {
        return models.computeIfAbsent(service, this::load);
    }

    private ServiceModel load(String service) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(("The AWS API models are not at %s. Install Debian's %s (apt-get install %s; "
                    + ".ci/run does it), or point -D%s at a botocore data directory.")
                    .formatted(directory, APT_PACKAGE, APT_PACKAGE, PROPERTY));
        }
        var serviceDirectory = directory.resolve(service);
        try (var versions = Files.list(serviceDirectory)) {
            // API versions are dates (2016-11-15): the latest sorts last.
            var latest = versions.filter(v -> Files.exists(v.resolve("service-2.json")))
                    .max(Comparator.comparing(v -> v.getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("%s has no service-2.json in any API version (package %s)"
                            .formatted(serviceDirectory, APT_PACKAGE)));
            var file = latest.resolve("service-2.json");
            return new ServiceModel(service, file, JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the %s model under %s (package %s)".formatted(service, directory, APT_PACKAGE), e);
        }
    }
}
