package spotfleet.infra.plan;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import spotfleet.contract.ContractStacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The offline plan of each of the repository's own example stacks is what a reviewer last accepted:
 * tests/resources/plan/<stack>.txt and .json. Those stacks are {@link #EXAMPLE_STACKS} in the project root and every
 * contract stack in tests/resources/aws-contract/stacks. A change to the program or one of those files that changes a
 * plan fails here until the snapshots are regenerated on purpose, and the diff of the snapshots shows the reviewer what
 * changed: {@code ./mvnw test -DskipApp -Dtest=PlanSnapshotTest -Dplan.updateSnapshots=true}.
 * <p>
 * A team's own {@code Pulumi.<stack>.yaml} (README's {@code Pulumi.shop.yaml}) needs no snapshot: it must plan without
 * config problems, and the AWS API contract check checks it like any other stack.
 */
class PlanSnapshotTest {

    static final Path PROJECT = Path.of(".");
    /** The example stacks this repository ships in its root; any other root stack file is a team's own. */
    static final List<String> EXAMPLE_STACKS = List.of("acceptance", "dev", "fargate", "prod");
    private static final Path SNAPSHOTS = Path.of("tests/resources/plan");
    private static final boolean UPDATE = Boolean.getBoolean("plan.updateSnapshots");

    /** Every example stack and its project directory (the root, or a copy holding Pulumi.yaml and the contract stack). */
    static Map<String, Path> exampleStacks() throws StackFile.UnreadableException {
        var stacks = new TreeMap<String, Path>();
        EXAMPLE_STACKS.forEach(stack -> stacks.put(stack, PROJECT));
        var contract = Path.of(ContractStacks.EXTRA_STACKS);
        for (var stack : StackFile.stacks(contract)) {
            assertThat(stacks).as("contract stack %s is named like a root example", stack).doesNotContainKey(stack);
            stacks.put(stack, ContractStacks.withProjectFile(contract, stack));
        }
        return stacks;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleStackPlansAsItsSnapshotSays() throws Exception {
        return exampleStacks().entrySet().stream().map(example -> DynamicTest.dynamicTest(example.getKey(), () -> {
            // given the stack's file
            var stackFile = StackFile.read(example.getValue(), example.getKey());

            // when it is planned (one evaluation, both renderings)
            var plan = Planner.plan(stackFile);

            // then it is valid, and reads as its snapshots do
            assertThat(plan.problems()).as("config problems of %s", stackFile.file()).isEmpty();
            compare(SNAPSHOTS.resolve(example.getKey() + ".txt"), PlanText.render(plan));
            compare(SNAPSHOTS.resolve(example.getKey() + ".json"), PlanJson.render(plan));
        }));
    }

    @TestFactory
    Stream<DynamicTest> aTeamsOwnStackFilePlansWithoutASnapshot() throws Exception {
        return StackFile.stacks(PROJECT).stream().filter(stack -> !EXAMPLE_STACKS.contains(stack))
                .map(stack -> DynamicTest.dynamicTest(stack, () -> {
                    // given / when
                    var plan = Planner.plan(StackFile.read(PROJECT, stack));
                    // then: no snapshot asked for, but no config problem either
                    assertThat(plan.problems()).as("config problems of Pulumi.%s.yaml", stack).isEmpty();
                }));
    }

    @Test
    void theExampleStacksAreInTheRootAndEverySnapshotBelongsToOne() throws Exception {
        // given
        var stacks = exampleStacks().keySet();
        assertThat(StackFile.stacks(PROJECT)).containsAll(EXAMPLE_STACKS);
        // when
        List<String> snapshots;
        try (var files = Files.list(SNAPSHOTS)) {
            snapshots = files.map(path -> path.getFileName().toString()).sorted().toList();
        }
        // then: each example has its two snapshots, and a stack removed or renamed takes its snapshots with it
        if (!UPDATE) {
            assertThat(snapshots).containsExactlyInAnyOrderElementsOf(stacks.stream()
                    .flatMap(stack -> Stream.of(stack + ".txt", stack + ".json")).toList());
        }
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
