package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack outputs' names are spelled once, in {@link StackOutputs}, and the builds that read them by name use those. */
class StackOutputsTest {

    /** acceptance-run reads outputs by name: {@code required(outputs, "url")}, {@code outputs.get("...")}. */
    private static final Pattern ACCEPTANCE_READ = Pattern.compile("(?:required\\(outputs, |outputs\\.get\\()\"([A-Za-z]+)\"");

    @Test
    void everyOutputTheExampleStacksExportIsNamedThereAndEveryNameIsExportedBySome() throws IOException {
        // given the outputs of every stack's reviewed plan (tests/resources/plan, PlanSnapshotTest keeps them current)
        var exported = new TreeSet<String>();
        try (var plans = Files.newDirectoryStream(Path.of("tests/resources/plan"), "*.json")) {
            for (var plan : plans) {
                exported.addAll(JsonParser.parseString(Files.readString(plan)).getAsJsonObject()
                        .getAsJsonObject("outputs").keySet());
            }
        }

        // then
        assertThat(exported).containsExactlyInAnyOrderElementsOf(StackOutputs.ALL);
    }

    @Test
    void theAcceptanceRunReadsOnlyOutputsTheStackHas() throws IOException {
        // given every output name acceptance-run's sources read
        var read = new TreeSet<String>();
        try (var sources = Files.walk(Path.of("acceptance-run/src/main/java"))) {
            for (var source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                ACCEPTANCE_READ.matcher(Files.readString(source)).results().forEach(match -> read.add(match.group(1)));
            }
        }

        // then: the ones it needs, all of them the stack's
        assertThat(read).contains("url", "spotInterruptionExperimentTemplateId", "loadBalancerArnSuffix");
        assertThat(StackOutputs.ALL).containsAll(read);
    }
}
