package spotfleet.infra.plan;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The offline plan of every committed stack file is what a reviewer last accepted: tests/resources/plan/<stack>.txt
 * and .json. A change to the program or a stack file that changes a plan fails here until the snapshots are
 * regenerated on purpose, and the diff of the snapshots shows the reviewer what changed:
 * {@code ./mvnw test -DskipApp -Dtest=PlanSnapshotTest -Dplan.updateSnapshots=true}.
 */
class PlanSnapshotTest {

    static final Path PROJECT = Path.of(".");
    private static final Path SNAPSHOTS = Path.of("tests/resources/plan");
    private static final boolean UPDATE = Boolean.getBoolean("plan.updateSnapshots");

    @TestFactory
    Stream<DynamicTest> everyStackPlansAsItsSnapshotSays() throws Exception {
        return StackFile.stacks(PROJECT).stream().map(stack -> DynamicTest.dynamicTest(stack, () -> {
            // given the stack's file
            var stackFile = StackFile.read(PROJECT, stack);

            // when it is planned (one evaluation, both renderings)
            var plan = Planner.plan(stackFile);

            // then it is valid, and reads as its snapshots do
            assertThat(plan.problems()).as("config problems of %s", stackFile.file()).isEmpty();
            compare(SNAPSHOTS.resolve(stack + ".txt"), PlanText.render(plan));
            compare(SNAPSHOTS.resolve(stack + ".json"), PlanJson.render(plan));
        }));
    }

    @Test
    void everySnapshotBelongsToAStackFile() throws Exception {
        // given
        var stacks = StackFile.stacks(PROJECT);
        // when
        List<String> snapshotted;
        try (var files = Files.list(SNAPSHOTS)) {
            snapshotted = files.map(path -> path.getFileName().toString().replaceFirst("\\.(txt|json)$", "")).distinct().toList();
        }
        // then: a stack file removed or renamed takes its snapshots with it
        assertThat(stacks).containsAll(snapshotted);
    }

    private static void compare(Path snapshot, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(snapshot, actual);
            return;
        }
        if (!Files.exists(snapshot)) {
            fail("%s does not exist yet. Review the plan and write it with: ./mvnw test -DskipApp -Dtest=PlanSnapshotTest "
                    + "-Dplan.updateSnapshots=true", snapshot);
        }
        assertThat(actual)
                .as("%s is out of date: if the change is intended, regenerate it with ./mvnw test -DskipApp "
                        + "-Dtest=PlanSnapshotTest -Dplan.updateSnapshots=true and review the diff", snapshot)
                .isEqualTo(Files.readString(snapshot));
    }
}
