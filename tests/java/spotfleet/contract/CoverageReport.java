package spotfleet.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The check's coverage as Markdown: {@value #FILE}. */
public final class CoverageReport {

    public static final String FILE = "target/aws-contract/coverage.md";

    private CoverageReport() {
    }

    /** The report of a check on {@code models}: {@value #FILE} for the models in use, a file of its own for others. */
    public static Path file(ServiceModels models) {
        return models.equals(ServiceModels.installed()) ? Path.of(FILE)
                : Path.of(FILE.replace(".md", "-botocore-" + models.version().orElse("unknown") + ".md"));
    }

    public static Path write(ContractCheck.Result result, AllowList allowList, ServiceModels models) throws IOException {
        var file = file(models);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(result, allowList, models));
        return file;
    }

    static String render(ContractCheck.Result result, AllowList allowList, ServiceModels models) {
        var coverage = result.coverage();
        var kinds = Arrays.stream(CheckKind.values()).filter(k -> coverage.total(k) > 0).toList();
        var out = new StringBuilder();
        out.append("# AWS API contract check: coverage\n\n");
        out.append("Written by `AwsContractTest` (docs/aws-contract-check.md). Models: %s.\n\n".formatted(models.describe()));
        out.append("Stacks planned: ").append(String.join(", ", coverage.stacks())).append(".\n\n");
        out.append("Findings: **%d**. Checks made: **%d** (values only known at deploy time, skipped: %d).\n\n"
                .formatted(result.findings().size(), coverage.totalChecked(), coverage.total(CheckKind.COMPUTED)));

        out.append("## Checks per resource type\n\n");
        out.append("| resource type | ").append(kinds.stream().map(CheckKind::label).collect(Collectors.joining(" | "))).append(" |\n");
        out.append("|---|").append(kinds.stream().map(k -> "---:").collect(Collectors.joining("|"))).append("|\n");
        coverage.checks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append("| `").append(e.getKey())
                .append("` | ").append(kinds.stream().map(k -> String.valueOf(e.getValue().getOrDefault(k, 0)))
                        .collect(Collectors.joining(" | "))).append(" |\n"));
        out.append("| **all** | ").append(kinds.stream().map(k -> "**" + coverage.total(k) + "**").collect(Collectors.joining(" | ")))
                .append(" |\n\n");

        out.append("## AWS requests per resource type\n\n| resource type | requests | provider source |\n|---|---|---|\n");
        coverage.requests().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append("| `%s` | %s | %s |\n"
                .formatted(e.getKey(), String.join(", ", e.getValue()), coverage.sources().get(e.getKey()))));

        var notSentCount = coverage.notSent().values().stream().mapToInt(Map::size).sum();
        out.append("\n## Plan properties not sent to AWS (%d), with the reason\n\n| resource type | property | reason |\n|---|---|---|\n"
                .formatted(notSentCount));
        coverage.notSent().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> e.getValue().forEach((path, reason) ->
                out.append("| `%s` | `%s` | %s |\n".formatted(e.getKey(), path, reason))));

        out.append("\n## Resource types that send no AWS request\n\n| type | reason |\n|---|---|\n");
        coverage.notAws().forEach((type, reason) -> out.append("| `%s` | %s |\n".formatted(type, reason)));
        out.append("| components (`%s`) | Pulumi components group resources; they are not cloud resources |\n"
                .formatted(String.join("`, `", coverage.components())));
        out.append("\nEach planned resource's `dependsOn`, `ignoreChanges` and `protect` are Pulumi engine options, not inputs: "
                + "the engine acts on them and never sends them to AWS.\n");

        out.append("\n## Allow-list entries used (`%s`)\n\n".formatted(AllowList.FILE));
        var used = allowList.used();
        allowList.entries().forEach(entry -> out.append("- %s%s: %s\n".formatted(entry.key(),
                used.contains(entry.key()) ? "" : " (**unused**)", entry.evidence())));

        var known = allowList.knownTo(models);
        out.append("\n## Allow-list entries these models already know (%d)\n\n".formatted(known.size()));
        out.append(known.isEmpty() ? "None.\n" : "Not needed with these models; remove each once Debian's python3-botocore (the floor "
                + "`.ci/run` installs) knows it too.\n\n");
        known.forEach(entry -> out.append("- %s\n".formatted(entry.key())));

        if (!result.findings().isEmpty()) {
            out.append("\n## Findings\n\n");
            result.findings().forEach(f -> out.append("- ").append(f).append("\n"));
        }
        return out.toString();
    }

}
