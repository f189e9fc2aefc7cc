package spotfleet.infra.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which document holds what, for the tests that check the documentation against the code. Moving a section to
 * another file is a change here only. Tests run from the project root.
 */
public final class ProjectDocs {

    public static final Path README = Path.of("README.md");
    public static final Path DEVELOPERS = Path.of("DEVELOPERS.md");
    public static final Path DOCS = Path.of("docs");
    public static final Path CONFIGURATION = DOCS.resolve("configuration.md");
    public static final Path OPERATIONS = DOCS.resolve("operations.md");
    public static final Path SECURITY = DOCS.resolve("security.md");
    public static final Path CI_CD = DOCS.resolve("ci-cd.md");
    /** The architecture picture of the dev stack: the Graphviz text, and the SVG rendered from it. */
    public static final Path ARCHITECTURE_DOT = DOCS.resolve("architecture.dot");
    public static final Path ARCHITECTURE_SVG = DOCS.resolve("architecture.svg");
    /** The stack the picture shows. */
    public static final String ARCHITECTURE_STACK = "dev";
    /** README's limit: one screen of prose plus the commands. */
    public static final int README_MAX_BYTES = 12 * 1024;

    private ProjectDocs() {
    }

    /** The configuration reference: the table of every {@code spotfleet:} key. */
    public static String configurationReference() {
        return section(CONFIGURATION, "# Configuration");
    }

    /** The table of the policy suite's checks. */
    public static String policySuite() {
        return section(SECURITY, "## The policy suite");
    }

    /** Where the dashboard's layout is drawn for readers. */
    public static String dashboardGuide() {
        return section(OPERATIONS, "### What you'll see");
    }

    /** The runbook: one entry per alarm and per kind of Spot alert. */
    public static String runbook() {
        return section(OPERATIONS, "## Runbook");
    }

    /** Every Markdown document a reader reaches from README.md: README.md, DEVELOPERS.md and docs/*.md. */
    public static List<Path> markdown() {
        var documents = new ArrayList<>(List.of(README, DEVELOPERS));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    public static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The section of {@code document} that starts with the line {@code heading} (e.g. {@code ## Runbook}), up to the
     * next heading of the same or a higher level; code blocks are not searched for headings.
     */
    public static String section(Path document, String heading) {
        var lines = read(document).split("\n", -1);
        var level = heading.indexOf(' ');
        var section = new StringBuilder();
        var inside = false;
        var code = false;
        for (var line : lines) {
            if (line.startsWith("```")) {
                code = !code;
            }
            if (!code && line.equals(heading)) {
                inside = true;
            } else if (inside && !code && isHeadingOfLevelAtMost(line, level)) {
                break;
            }
            if (inside) {
                section.append(line).append('\n');
            }
        }
        if (!inside) {
            throw new AssertionError("%s has no section %s".formatted(document, heading));
        }
        return section.toString();
    }

    private static boolean isHeadingOfLevelAtMost(String line, int level) {
        var hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        return hashes > 0 && hashes <= level && line.length() > hashes && line.charAt(hashes) == ' ';
    }
}
