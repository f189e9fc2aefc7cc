package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .github/dependabot.yml against Dependabot's configuration schema, and against the repository: every directory that
 * holds a manifest of an ecosystem the project uses is covered, so a new Dockerfile or package.json cannot be missed.
 * <p>
 * The schema is SchemaStore's, SchemaStore/schemastore src/schemas/json/dependabot-2.0.json at
 * 60a1857d0c14d2ce59db0ae9d414654f4051515d; the constants below quote its property names and enums. It predates
 * {@code cooldown}, whose keys come from zizmor's model of the file (zizmorcore/zizmor
 * crates/github-actions-models/src/dependabot/v2.rs at 11bbf7e6, {@code struct Cooldown}) and GitHub's "Dependabot
 * options reference" ({@code cooldown}).
 */
class DependabotConfigTest {

    static final Path CONFIG = Path.of(".github", "dependabot.yml");
    /** "properties" of the top level; "additionalProperties": false; "required": ["version", "updates"]. */
    static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "enable-beta-ecosystems", "updates", "registries");
    /** "definitions/update/properties". */
    static final Set<String> UPDATE_KEYS = Set.of("allow", "assignees", "commit-message", "directories", "directory", "groups",
            "ignore", "insecure-external-code-execution", "labels", "milestone", "open-pull-requests-limit", "package-ecosystem",
            "pull-request-branch-name", "rebase-strategy", "registries", "reviewers", "schedule", "target-branch", "vendor",
            "versioning-strategy", "cooldown");
    /** zizmor's {@code struct Cooldown}: default_days, semver_{major,minor,patch}_days, include, exclude (kebab-case). */
    static final Set<String> COOLDOWN_KEYS = Set.of("default-days", "semver-major-days", "semver-minor-days", "semver-patch-days",
            "include", "exclude");
    /**
     * The least wait after a release: zizmor's dependabot-cooldown audit "recommends a cooldown of seven days by
     * default" (zizmorcore/zizmor docs/audits.md); without a cooldown Dependabot waits 3 days (dependabot_cooldown.rs:
     * "If not set, `cooldown.default-days` is 3").
     */
    static final int MINIMUM_COOLDOWN_DAYS = 7;
    /** "definitions/package-ecosystem-values" (enforced unless enable-beta-ecosystems is true). */
    static final Set<String> ECOSYSTEMS = Set.of("bun", "bundler", "cargo", "composer", "devcontainers", "docker", "docker-compose",
            "dotnet-sdk", "elm", "gitsubmodule", "github-actions", "gomod", "gradle", "helm", "maven", "mix", "npm", "nuget", "pip",
            "pub", "swift", "terraform", "uv");
    /** "definitions/update/properties/schedule/properties" and "definitions/schedule-interval". */
    static final Set<String> SCHEDULE_KEYS = Set.of("interval", "day", "time", "timezone", "cronjob");
    static final Set<String> INTERVALS = Set.of("daily", "weekly", "monthly", "quarterly", "semiannually", "yearly", "cron");
    /** "definitions/update/properties/groups/additionalProperties": its properties and update-types' enum. */
    static final Set<String> GROUP_KEYS = Set.of("applies-to", "dependency-type", "patterns", "exclude-patterns", "update-types");
    static final Set<String> GROUP_UPDATE_TYPES = Set.of("major", "minor", "patch");
    /** Directories that hold build output or downloaded packages, never the project's own manifests. */
    static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules");

    @Test
    void theConfigUsesOnlyKeysAndValuesTheSchemaAllows() throws IOException {
        // given
        var config = load();
        // when / then: the top level
        assertThat(config.keySet()).isSubsetOf(TOP_LEVEL_KEYS).contains("version", "updates");
        assertThat(config.get("version")).isEqualTo(2);
        assertThat(config).doesNotContainKey("enable-beta-ecosystems");
        // and each update
        for (var update : updates(config)) {
            assertThat(update.keySet()).as("%s", update).isSubsetOf(UPDATE_KEYS).contains("package-ecosystem", "schedule");
            assertThat(ECOSYSTEMS).contains((String) update.get("package-ecosystem"));
            // "oneOf": [{"required": ["directories"]}, {"required": ["directory"]}]
            assertThat(update.containsKey("directory") ^ update.containsKey("directories")).as("directory xor directories: %s", update).isTrue();
            if (update.get("directories") instanceof List<?> directories) {
                assertThat(directories).isNotEmpty().doesNotHaveDuplicates();
            }
            var schedule = map(update.get("schedule"));
            assertThat(schedule.keySet()).isSubsetOf(SCHEDULE_KEYS).contains("interval");
            assertThat(INTERVALS).contains((String) schedule.get("interval"));
            if ("cron".equals(schedule.get("interval"))) {
                assertThat(schedule).containsKey("cronjob");
            }
            if (update.containsKey("groups")) {
                var groups = map(update.get("groups"));
                assertThat(groups).isNotEmpty();
                for (var group : groups.values()) {
                    var rules = map(group);
                    assertThat(rules.keySet()).isSubsetOf(GROUP_KEYS)
                            .containsAnyOf("dependency-type", "patterns", "exclude-patterns", "update-types");
                    if (rules.get("update-types") instanceof List<?> types) {
                        assertThat(types).isNotEmpty().doesNotHaveDuplicates().allSatisfy(type -> assertThat(GROUP_UPDATE_TYPES).contains((String) type));
                    }
                }
            }
        }
    }

    @Test
    void everyEcosystemWaitsAWeekBeforeProposingARelease() throws IOException {
        // given every update entry
        for (var update : updates(load())) {
            var ecosystem = update.get("package-ecosystem");
            // when its cooldown is read
            assertThat(update).as("%s has a cooldown", ecosystem).containsKey("cooldown");
            var cooldown = map(update.get("cooldown"));
            // then it waits at least a week for every update type and every dependency
            assertThat(cooldown.keySet()).as("%s cooldown", ecosystem).isSubsetOf(COOLDOWN_KEYS).contains("default-days");
            for (var days : List.of("default-days", "semver-major-days", "semver-minor-days", "semver-patch-days")) {
                if (cooldown.containsKey(days)) {
                    assertThat(cooldown.get(days)).as("%s %s", ecosystem, days).isInstanceOf(Integer.class);
                    assertThat((Integer) cooldown.get(days)).as("%s %s", ecosystem, days).isGreaterThanOrEqualTo(MINIMUM_COOLDOWN_DAYS);
                }
            }
            assertThat(cooldown).as("%s: no dependency is let through early", ecosystem).doesNotContainKeys("include", "exclude");
        }
    }

    @Test
    void everyDirectoryWithAManifestIsCoveredAndEveryCoveredDirectoryHasOne() throws IOException {
        // given: where the repository keeps manifests, by ecosystem
        var found = manifests(Path.of("."));
        // when: what the config covers
        var covered = new TreeSet<String>();
        for (var update : updates(load())) {
            var directories = update.containsKey("directories") ? (List<?>) update.get("directories") : List.of(update.get("directory"));
            directories.forEach(directory -> covered.add(update.get("package-ecosystem") + " " + directory));
        }
        // then
        assertThat(found).as("ecosystem and directory of each manifest").contains("docker /app", "maven /", "maven /app",
                "npm /tests/resources/workflow-lint", "github-actions /");
        assertThat(covered).isEqualTo(found);
    }

    @Test
    void aNewDockerfileOrPackageJsonWouldBeFound() throws IOException {
        // given: a copy of the repository's shape with two new manifests
        var root = Files.createTempDirectory("dependabot-coverage");
        Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(root.resolve(".github/workflows/build.yml"), "on: push\n");
        Files.createDirectories(root.resolve("tools/proxy"));
        Files.writeString(root.resolve("tools/proxy/Dockerfile"), "FROM nginx\n");
        Files.createDirectories(root.resolve("web/node_modules/left-pad"));
        Files.writeString(root.resolve("web/package.json"), "{}\n");
        Files.writeString(root.resolve("web/node_modules/left-pad/package.json"), "{}\n");
        // when
        var found = manifests(root);
        // then: downloaded packages are not the project's manifests
        assertThat(found).containsExactly("docker /tools/proxy", "github-actions /", "npm /web");
    }

    /** "ecosystem /dir" for each manifest Dependabot reads, from the repository root. */
    static Set<String> manifests(Path root) throws IOException {
        var found = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(root)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var relative = root.relativize(file);
                if (!Files.isRegularFile(file) || Stream.iterate(relative, p -> p != null, Path::getParent)
                        .anyMatch(part -> part.getFileName() != null && NOT_SOURCES.contains(part.getFileName().toString()))) {
                    continue;
                }
                var name = file.getFileName().toString();
                var directory = "/" + (relative.getParent() == null ? "" : relative.getParent().toString().replace('\\', '/'));
                if (name.equals("pom.xml")) {
                    found.add("maven " + directory);
                } else if (name.equals("package.json")) {
                    found.add("npm " + directory);
                } else if (name.equals("Dockerfile") || name.endsWith(".Dockerfile")) {
                    found.add("docker " + directory);
                } else if (directory.equals("/.github/workflows") && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    found.add("github-actions /");
                }
            }
        }
        return found;
    }

    private static Map<String, Object> load() throws IOException {
        return new Yaml().load(Files.readString(CONFIG));
    }

    private static List<Map<String, Object>> updates(Map<String, Object> config) {
        var updates = new ArrayList<Map<String, Object>>();
        for (var update : (List<?>) config.get("updates")) {
            updates.add(map(update));
        }
        assertThat(updates).isNotEmpty();
        return updates;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
