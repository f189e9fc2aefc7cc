package spotfleet.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stand-in Java installations for the tests of .mvn/find-jdk: a {@code bin/java} script that only tells its version. */
final class FakeJdks {

    /** What one run printed and how it exited. */
    record Run(int exitCode, String out, String err) {
    }

    private FakeJdks() {
    }

    /**
     * A JDK home at {@code home}: {@code bin/java} answering {@code -version} as Java {@code version} does, a
     * {@code bin/javac} unless it is a JRE, and a {@code release} file unless {@code withRelease} is false.
     */
    static Path install(Path home, String version, boolean jdk, boolean withRelease) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        script(home.resolve("bin/java"), "echo 'openjdk version \"%s\" 2025-01-01' >&2\nexit 0\n".formatted(version));
        if (jdk) {
            script(home.resolve("bin/javac"), "echo javac %s\n".formatted(version));
        }
        if (withRelease) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"%s\"\n".formatted(version));
        }
        return home;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code command} in the project root with exactly {@code environment} (plus HOME), within two minutes. */
    static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        return run(Path.of("."), Duration.ofMinutes(2), command, environment);
    }

    /** The same in {@code directory}, within {@code limit}. */
    static Run run(Path directory, Duration limit, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile());
        var home = System.getenv("HOME");
        builder.environment().clear();
        if (home != null) {
            builder.environment().put("HOME", home);
        }
        builder.environment().putAll(environment);
        var out = Files.createTempFile("find-jdk", ".out");
        var err = Files.createTempFile("find-jdk", ".err");
        try {
            var process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " still running after " + limit);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
