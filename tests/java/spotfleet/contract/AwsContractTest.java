package spotfleet.contract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The AWS API contract check, as the build runs it (docs/aws-contract-check.md): every stack file's plan, and the
 * contract stacks in tests/resources/aws-contract/stacks, turned into the AWS requests the provider sends and
 * checked against the newest botocore models on the machine and against Debian's python3-botocore (the floor .ci/run
 * installs), each once. Writes target/aws-contract/coverage.md (and a report per other model set).
 */
class AwsContractTest {

    private static final Map<ServiceModels, Checked> RUNS = new ConcurrentHashMap<>();

    record Checked(ContractCheck check, ContractCheck.Result result) {
    }

    /** The model sets checked: the one in use (named in the test's name) and Debian's, when they differ. */
    static List<ServiceModels> models() {
        return ServiceModels.checked();
    }

    static synchronized Checked run(ServiceModels models) {
        return RUNS.computeIfAbsent(models, m -> {
            var check = ContractCheck.standard(m);
            var result = check.run(ContractStacks.all());
            try {
                var report = CoverageReport.write(result, check.allowList(), m);
                var known = check.allowList().knownTo(m);
                System.out.printf("AWS API contract check on %s: %d findings, %d checks; report %s%n", m.describe(),
                        result.findings().size(), result.coverage().totalChecked(), report);
                if (!known.isEmpty()) {
                    System.out.printf("  allow-list entries these models already know (remove once the floor knows them): %s%n",
                            known.stream().map(e -> e.key().toString()).toList());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Checked(check, result);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyStackSendsOnlyWhatAwsAccepts(ServiceModels models) {
        // given every stack's plan / when checked against the models / then AWS would take every request
        var result = run(models).result();
        var rejected = result.findings().stream().filter(f -> f.kind() != CheckKind.MAPPING).map(Finding::toString).toList();
        if (!rejected.isEmpty()) {
            fail("AWS would reject %d value(s) (%s; report: %s):%n%s", rejected.size(), models.describe(),
                    CoverageReport.file(models), String.join("\n", rejected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyResourceTypeAndPropertyIsMappedOrSaysWhyNot(ServiceModels models) {
        // given every stack's plan / when the check maps it / then nothing is left over
        var unmapped = run(models).result().findings().stream().filter(f -> f.kind() == CheckKind.MAPPING).map(Finding::toString).toList();
        if (!unmapped.isEmpty()) {
            fail("extend the mapping (docs/aws-contract-check.md):%n%s", String.join("\n", unmapped));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyStackFileInTheRepositoryAndEveryContractStackIsChecked(ServiceModels models) throws Exception {
        // given the stack files (a team's own Pulumi.<stack>.yaml among them)
        long rootStacks;
        try (var files = Files.list(Path.of("."))) {
            rootStacks = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml")).count();
        }
        long extraStacks;
        try (var files = Files.list(Path.of(ContractStacks.EXTRA_STACKS))) {
            extraStacks = files.filter(p -> p.getFileName().toString().matches("Pulumi\\..+\\.yaml")).count();
        }
        // when / then
        var stacks = run(models).result().coverage().stacks();
        assertThat(stacks).hasSize((int) (rootStacks + extraStacks));
        assertThat(stacks).anyMatch(s -> s.startsWith("dev ")).anyMatch(s -> s.startsWith("prod "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyAllowListEntryIsNeededBySomeStackOrReportedAsKnownToTheModels(ServiceModels models) {
        // given the allow-list / when every stack has been checked
        var check = run(models).check();
        var known = check.allowList().knownTo(models).stream().map(AllowList.Entry::key).toList();
        // then each entry was needed, or these models know it (the report lists it, to go once the floor knows it)
        assertThat(check.allowList().entries().stream().map(AllowList.Entry::key).filter(key -> !known.contains(key)))
                .as("allow-list entries no stack needs: remove them from %s", AllowList.FILE)
                .allMatch(check.allowList().used()::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theCoverageReportNamesTheModelsAndShowsChecksPerTypeAndWhatIsNotSent(ServiceModels models) throws Exception {
        // given / when
        var checked = run(models);
        var report = Files.readString(CoverageReport.file(models));
        // then
        assertThat(report).contains("Models: botocore " + models.version().orElseThrow(), "## Checks per resource type",
                "`aws:ec2/securityGroup:SecurityGroup`", "## Plan properties not sent to AWS", "`aws:lambda/function:Function` | `code`",
                "## Allow-list entries these models already know (%d)".formatted(checked.check().allowList().knownTo(models).size()));
        assertThat(checked.result().coverage().totalChecked()).isGreaterThan(1000);
    }
}
