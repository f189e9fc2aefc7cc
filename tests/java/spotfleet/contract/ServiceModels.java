package spotfleet.contract;

import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The AWS API models of a botocore {@code data} directory, read as JSON, each once per JVM. Botocore 1.29 (Debian's
 * python3-botocore, December 2022) ships {@code service-2.json}; newer ones ship {@code service-2.json.gz}; both are read.
 * <p>
 * Which botocore: the system property {@value #PROPERTY} names a {@code data} directory, and then only that one is
 * used. Otherwise the newest botocore the machine offers ({@link #newest()}): the one a {@code python3} on the PATH
 * imports (pip's, pyenv's...), or Debian's at {@value #DEBIAN_DIRECTORY}, whichever has the higher version.
 * Debian's is the floor ({@link #floor()}): what {@code .ci/run} installs on a fresh machine, so the check must pass
 * on it too.
 */
public final class ServiceModels {

    public static final String PROPERTY = "aws.contract.models";
    public static final String DEBIAN_DIRECTORY = "/usr/lib/python3/dist-packages/botocore/data";
    public static final String APT_PACKAGE = "python3-botocore";
    /** botocore/__init__.py: {@code __version__ = '1.29.27'}. */
    private static final Pattern VERSION = Pattern.compile("(?m)^__version__ = ['\"]([0-9][0-9.]*)['\"]");

    private static final Map<Path, ServiceModels> BY_DIRECTORY = new ConcurrentHashMap<>();
    private static volatile ServiceModels newest;

    private final Path directory;
    private final Map<String, ServiceModel> models = new ConcurrentHashMap<>();

    private ServiceModels(Path directory) {
        this.directory = directory;
    }

    /** The models the check uses: {@value #PROPERTY}'s, else {@link #newest()}. */
    public static ServiceModels installed() {
        var chosen = System.getProperty(PROPERTY);
        return chosen != null ? at(Path.of(chosen)) : newest();
    }

    /** Every distinct set of models the build checks against: the one in use, and Debian's floor when it differs. */
    public static List<ServiceModels> checked() {
        var all = new LinkedHashSet<ServiceModels>();
        all.add(installed());
        if (System.getProperty(PROPERTY) == null) {
            floor().ifPresent(all::add);
        }
        return List.copyOf(all);
    }

    /** Debian's python3-botocore, if installed. */
    public static Optional<ServiceModels> floor() {
        var debian = at(Path.of(DEBIAN_DIRECTORY));
        return Files.isDirectory(debian.directory()) ? Optional.of(debian) : Optional.empty();
    }

    /** Debian's python3-botocore, which the allow-list is written against; its absence fails with what to install. */
    public static ServiceModels floorRequired() {
        return floor().orElseThrow(() -> new IllegalStateException(("Debian's %s is not at %s: the allow-list and its tests are "
                + "written against it (apt-get install %s; .ci/run does it)").formatted(APT_PACKAGE, DEBIAN_DIRECTORY, APT_PACKAGE)));
    }

    /** The newest botocore on this machine: a python3 on the PATH imports it, or Debian's; Debian's path if none. */
    public static ServiceModels newest() {
        if (newest == null) {
            synchronized (ServiceModels.class) {
                if (newest == null) {
                    var candidates = new ArrayList<Path>(pythonBotocores());
                    candidates.add(Path.of(DEBIAN_DIRECTORY));
                    newest = candidates.stream().map(ServiceModels::at).filter(m -> m.version().isPresent())
                            .max(Comparator.comparing(m -> m.version().orElseThrow(), ServiceModels::compareVersions))
                            .orElseGet(() -> at(Path.of(DEBIAN_DIRECTORY)));
                }
            }
        }
        return newest;
    }

    public static ServiceModels at(Path directory) {
        return BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(), ServiceModels::new);
    }

    public Path directory() {
        return directory;
    }

    /** The botocore version, from {@code botocore/__init__.py} beside the data directory; empty when there is none. */
    public Optional<String> version() {
        var init = directory.resolveSibling("__init__.py");
        try {
            var matcher = VERSION.matcher(Files.readString(init));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "botocore 1.43.11 (/path/to/botocore/data)": how reports and messages name these models. */
    public String describe() {
        return "botocore %s (%s)".formatted(version().orElse("of unknown version"), directory);
    }

    @Override
    public String toString() {
        return describe();
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
            var latest = versions.filter(v -> modelFile(v).isPresent())
                    .max(Comparator.comparing(v -> v.getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("%s has no service-2.json(.gz) in any API version (%s)"
                            .formatted(serviceDirectory, describe())));
            var file = modelFile(latest).orElseThrow();
            return new ServiceModel(service, file, JsonParser.parseString(read(file)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the %s model under %s".formatted(service, describe()), e);
        }
    }

    private static Optional<Path> modelFile(Path apiVersion) {
        for (var name : List.of("service-2.json", "service-2.json.gz")) {
            if (Files.exists(apiVersion.resolve(name))) {
                return Optional.of(apiVersion.resolve(name));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readString(file);
        }
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The botocore data directory each {@code python3} on the PATH imports, if it imports one. */
    private static List<Path> pythonBotocores() {
        var found = new ArrayList<Path>();
        var path = System.getenv().getOrDefault("PATH", "");
        for (var dir : path.split(java.io.File.pathSeparator)) {
            var python = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (!Files.isExecutable(python)) {
                continue;
            }
            try {
                var process = new ProcessBuilder(python.toString(), "-c",
                        "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                    found.add(Path.of(out));
                }
            } catch (IOException e) {
                // not a python3 we can run: the next one, or Debian's
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found;
    }

    /** Dotted versions by their numbers: 1.43.11 after 1.29.27. */
    static int compareVersions(String a, String b) {
        var left = a.split("\\.");
        var right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            var l = i < left.length ? Integer.parseInt(left[i]) : 0;
            var r = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
