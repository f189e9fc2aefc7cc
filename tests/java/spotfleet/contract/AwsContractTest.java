package spotfleet.contract;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The AWS API contract check, as the build runs it (docs/aws-contract-check.md): every stack file's plan, and the
 * contract stacks in tests/resources/aws-contract/stacks, turned into the AWS requests the provider sends and
 * checked against Debian's python3-botocore models. Writes target/aws-contract/coverage.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsContractTest {

    ContractCheck check;
    ContractCheck.Result result;

    @BeforeAll
    void runTheCheck() throws Exception {
        check = ContractCheck.standard();
        result = check.run(ContractStacks.all());
        CoverageReport.write(result, check.allowList(), ServiceModels.installed());
    }

    @Test
    void everyStackSendsOnlyWhatAwsAccepts() {
        // given every stack's plan / when checked against the models / then AWS would take every request
        var rejected = result.findings().stream().filter(f -> f.kind() != CheckKind.MAPPING).map(Finding::toString).toList();
        if (!rejected.isEmpty()) {
            fail("AWS would reject %d value(s) (report: %s):%n%s", rejected.size(), CoverageReport.FILE, String.join("\n", rejected));
        }
    }

    @Test
    void everyResourceTypeAndPropertyIsMappedOrSaysWhyNot() {
        // given every stack's plan / when the check maps it / then nothing is left over
        var unmapped = result.findings().stream().filter(f -> f.kind() == CheckKind.MAPPING).map(Finding::toString).toList();
        if (!unmapped.isEmpty()) {
            fail("extend the mapping (docs/aws-contract-check.md):%n%s", String.join("\n", unmapped));
        }
    }

    @Test
    void everyStackFileInTheRepositoryAndEveryContractStackIsChecked() throws Exception {
        // given the stack files
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
        assertThat(result.coverage().stacks()).hasSize((int) (rootStacks + extraStacks));
        assertThat(result.coverage().stacks()).anyMatch(s -> s.startsWith("dev ")).anyMatch(s -> s.startsWith("prod "));
    }

    @Test
    void everyAllowListEntryIsNeededBySomeStack() {
        // given the allow-list / when every stack has been checked / then no entry is stale
        assertThat(check.allowList().entries().stream().map(AllowList.Entry::key))
                .as("allow-list entries no stack needs: remove them from %s", AllowList.FILE)
                .allMatch(check.allowList().used()::contains);
    }

    @Test
    void theCoverageReportShowsChecksPerTypeAndWhatIsNotSent() throws Exception {
        // given / when
        var report = Files.readString(Path.of(CoverageReport.FILE));
        // then
        assertThat(report).contains("## Checks per resource type", "`aws:ec2/securityGroup:SecurityGroup`",
                "## Plan properties not sent to AWS", "`aws:lambda/function:Function` | `code`");
        assertThat(result.coverage().totalChecked()).isGreaterThan(1000);
    }
}
