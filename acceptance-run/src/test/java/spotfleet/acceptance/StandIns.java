package spotfleet.acceptance;

import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One test's stand-ins: a bin directory with the stand-in {@code pulumi} and {@code docker} (src/test/resources/standin),
 * the stand-in AWS endpoints ({@code aws.py}, answers checked against botocore's models) on 127.0.0.1, a project
 * directory with Pulumi.yaml and the repository's own Pulumi.acceptance.yaml, and {@link #run} to start the built
 * {@code ./acceptance} jar as a process against them.
 */
final class StandIns implements AutoCloseable {

    static final String ACCOUNT = "111122223333";
    private static final Path RESOURCES = Path.of("src/test/resources/standin");

    final Path root;
    final Path bin;
    final Path state;
    final Path project;
    final Path report;
    private final Process aws;
    final int port;

    StandIns(Path root, Map<String, String> awsEnv) throws IOException, InterruptedException {
        this.root = root;
        bin = Files.createDirectories(root.resolve("bin"));
        state = Files.createDirectories(root.resolve("state"));
        project = Files.createDirectories(root.resolve("project"));
        report = root.resolve("report");
        for (var tool : List.of("pulumi", "docker")) {
            var target = bin.resolve(tool);
            Files.copy(RESOURCES.resolve(tool), target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setExecutable(true);
        }
        Files.copy(Path.of("..", Stacks.SOURCE_STACK_FILE), project.resolve(Stacks.SOURCE_STACK_FILE));
        Files.writeString(project.resolve("Pulumi.yaml"), "name: spotfleet\nruntime: java\n");
        var builder = new ProcessBuilder("python3", RESOURCES.resolve("aws.py").toString())
                .redirectError(root.resolve("aws.err").toFile());
        builder.environment().put("STANDIN_STATE", state.toString());
        builder.environment().putAll(awsEnv);
        aws = builder.start();
        var firstLine = new BufferedReader(new InputStreamReader(aws.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (firstLine == null) {
            throw new IllegalStateException("the stand-in AWS endpoints did not start: " + Files.readString(root.resolve("aws.err")));
        }
        port = Integer.parseInt(firstLine.strip());
    }

    /** What the stand-in {@code pulumi up} reports as the stack's outputs: the stand-in service's URL and the drill's template. */
    String outputs() {
        return ("{\"url\": \"http://127.0.0.1:%d/\", \"spotInterruptionExperimentTemplateId\": \"EXT123\", \"clusterName\": \"cluster\","
                + " \"serviceName\": \"web\", \"loadBalancerArnSuffix\": \"app/lb/0123456789abcdef\"}").formatted(port);
    }

    record Result(int exit, String output, List<String> pulumiCalls, List<String> awsCalls) {
    }

    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspotfleet.project=" + project, "-jar", System.getProperty("acceptance.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        var e = builder.environment();
        e.put("PATH", bin + ":" + System.getenv("PATH"));
        e.put("STANDIN_STATE", state.toString());
        e.put("STANDIN_OUTPUTS", outputs());
        e.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        // the stand-in's own made-up credentials: the SDK signs with them, nothing checks them
        e.put("AWS_ACCESS_KEY_ID", "AKIASTANDIN0000000000");
        e.put("AWS_SECRET_ACCESS_KEY", "standin-secret");
        e.remove("AWS_PROFILE");
        e.remove("AWS_SESSION_TOKEN");
        e.put("SPOTFLEET_ACCEPTANCE_POLL_MILLIS", "50");
        e.putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./acceptance did not end within 3 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output, lines("calls.log"), lines("aws.log"));
    }

    /** The stand-in backend's stacks: name to {tags, resources}. */
    Map<String, Object> stacks() throws IOException {
        var file = state.resolve("stacks.json");
        if (!Files.exists(file)) {
            return Map.of();
        }
        var stacks = new HashMap<String, Object>();
        JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("stacks").entrySet()
                .forEach(entry -> stacks.put(entry.getKey(), entry.getValue().toString()));
        return stacks;
    }

    /** Writes the stand-in backend's stacks, as a run that died would have left them. */
    void leaveStacks(String json) throws IOException {
        Files.writeString(state.resolve("stacks.json"), json);
    }

    private List<String> lines(String file) throws IOException {
        var path = state.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    @Override
    public void close() {
        aws.destroy();
    }
}
