package spotfleet.acceptance;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run's Pulumi stacks, through the Automation API (com.pulumi.automation), which drives the Pulumi CLI on the PATH
 * in the project directory: the program is the project's own (Pulumi.yaml, use-executor ./run-program), the stack's
 * config is Pulumi.acceptance.yaml's with the run's region, written to Pulumi.&lt;stack&gt;.yaml beside it for the
 * run's length. Every stack it creates is tagged, so the janitor finds leftovers by tag and age.
 */
final class Stacks {

    static final String SOURCE_STACK_FILE = "Pulumi.acceptance.yaml";
    static final String PREFIX = "acceptance-";
    static final String TAG = "spotfleet:acceptance";
    static final String CREATED_TAG = "spotfleet:acceptance-created";

    private final Path project;
    private final Consumer<String> log;

    Stacks(Path project, Consumer<String> log) {
        this.project = project;
        this.log = log;
    }

    /** Creates the stack from the acceptance stack file with {@code region}, and tags it. */
    WorkspaceStack create(String name, String region, Instant now) throws AutomationException {
        writeStackFile(name, region);
        var stack = LocalWorkspace.createStack(name, project, options());
        stack.setTag(TAG, "true");
        stack.setTag(CREATED_TAG, now.toString());
        return stack;
    }

    WorkspaceStack select(String name) throws AutomationException {
        return LocalWorkspace.selectStack(name, project, options());
    }

    /** {@code pulumi up}: the stack's outputs afterwards. */
    Map<String, Object> up(WorkspaceStack stack) throws AutomationException {
        var result = stack.up(UpOptions.builder().onStandardOutput(line -> log.accept("  pulumi: " + line)).build());
        var outputs = new LinkedHashMap<String, Object>();
        result.outputs().forEach((key, value) -> outputs.put(key, value.value()));
        return outputs;
    }

    void setConfig(WorkspaceStack stack, String key, String value) throws AutomationException {
        stack.setConfig(key, new ConfigValue(value));
    }

    /** {@code pulumi destroy}, then {@code pulumi stack rm}, then the stack file: every step tried, the first failure thrown. */
    void destroyAndRemove(String name) {
        var failures = new ArrayList<Exception>();
        try {
            var stack = select(name);
            stack.destroy(DestroyOptions.builder().onStandardOutput(line -> log.accept("  pulumi: " + line)).build());
            stack.workspace().removeStack(name);
        } catch (Exception e) {
            failures.add(e);
        }
        try {
            Files.deleteIfExists(stackFile(name));
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            var error = new IllegalStateException("destroying stack %s failed: %s".formatted(name, failures.getFirst().getMessage()),
                    failures.getFirst());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    /** The acceptance stacks the backend has, with their tags. */
    List<Leftover> leftovers() throws AutomationException {
        var workspace = LocalWorkspace.create(options());
        var found = new ArrayList<Leftover>();
        for (var summary : workspace.listStacks()) {
            var name = summary.name().substring(summary.name().lastIndexOf('/') + 1);
            if (name.startsWith(PREFIX)) {
                found.add(new Leftover(name, workspace.listTags(name)));
            }
        }
        return found;
    }

    record Leftover(String name, Map<String, String> tags) {
    }

    private LocalWorkspaceOptions options() {
        return LocalWorkspaceOptions.builder().workDir(project).build();
    }

    Path stackFile(String name) {
        return project.resolve("Pulumi." + name + ".yaml");
    }

    @SuppressWarnings("unchecked")
    private void writeStackFile(String name, String region) {
        try {
            var source = new Yaml().<Map<String, Object>>load(Files.readString(project.resolve(SOURCE_STACK_FILE)));
            var config = new LinkedHashMap<>((Map<String, Object>) source.get("config"));
            config.put("aws:region", region);
            var dumper = new DumperOptions();
            dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Files.writeString(stackFile(name), "# Written by ./acceptance from " + SOURCE_STACK_FILE
                    + " for one run; deleted when the run ends.\n" + new Yaml(dumper).dump(Map.of("config", config)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack file for %s: %s".formatted(name, e.getMessage()), e);
        }
    }
}
