package spotfleet.app;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * app/Dockerfile held to the linters people run on Dockerfiles, read from their sources, plus the project's own rules
 * (issue 14 and issue 10 item 6). There is no Docker engine or hadolint binary here, so each rule that applies is encoded
 * from its source:
 * <ul>
 * <li>hadolint, hadolint/hadolint src/Hadolint/Rule/DL*.hs, each read at the commit given: DL3000, DL3002 and DL3029 at
 *     eeb711ee872dfbea4eb95c809feda80b6c3cf7a4; DL3006 at ca32924219c324f124f915780dc9834d10757a54; DL3007, DL3008,
 *     DL3020, DL3022, DL3025 and DL3046 at 4db396caa9d0497e310d5eda532e0ca1d7bb1e3a; DL3045 at
 *     009ff0025cc47ebde8896ab2403d82bfc5122b2b; DL3057 at a25b8b2f6c2e3ba27649b024d160eff80ae75c76; and its pragmas,
 *     src/Hadolint/Pragma.hs at 45afba856e5fa2c377806318f44f19af17b133f2. DL3023 and DL4006 are held by name only
 *     (their sources were not read): COPY --from must name an earlier stage, so never its own, and no shell-form RUN
 *     has a pipe;</li>
 * <li>BuildKit's build checks, moby/buildkit frontend/dockerfile/linter/ruleset.go at
 *     b3edecb709988d3e184de0468880d4cf764de8a1 and frontend/dockerfile/docs/rules/*.md.</li>
 * </ul>
 * Each test names the rules it stands for; a rule that cannot apply to this file (no ADD, no ARG...) is still checked, so
 * a later edit that introduces the construct meets it.
 */
class DockerfileLintTest {
    private static final Dockerfile FILE = Dockerfile.read(ServiceProcess.DOCKERFILE);
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** BuildKit's validStageName (frontend/dockerfile/instructions/parse.go). */
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    @Test
    void everyBaseImageIsPinnedToAVersionTagAndItsIndexDigest() {
        // DL3006 "Always tag the version of an image explicitly", DL3007 "Using latest is prone to errors", and issue 14:
        // the digest pins what the tag names, the tag is what Dependabot and the reader see.
        Set<String> stages = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Stage stage : FILE.stages()) {
            Dockerfile.ImageReference base = stage.base();
            if (!stages.contains(base.repository())) {
                String where = "line " + stage.from().line() + " " + stage.from().arguments();
                if (base.tag().filter(tag -> tag.matches(".*\\d.*") && !tag.equals("latest")).isEmpty()) {
                    problems.add(where + ": no versioned tag");
                }
                if (base.digest().filter(digest -> DIGEST.matcher(digest).matches()).isEmpty()) {
                    problems.add(where + ": no @sha256:<64 hex> digest");
                }
            }
            stage.name().ifPresent(stages::add);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void onlyTheBuildStageLeavesTheTargetPlatformAndThenForTheBuildMachines() {
        // FromPlatformFlagConstDisallowed: "FROM --platform flag should not use a constant value"; RedundantTargetPlatform:
        // "$TARGETPLATFORM in FROM is redundant". Issue 10 item 6: Maven on $BUILDPLATFORM (bytecode is portable), while
        // the runtime link and the AOT training run on the target platform (no --platform), since both are per-platform.
        // hadolint's DL3029 forbids every --platform: the file turns it off with a global pragma (Pragma.hs, globalIgnored).
        List<String> platforms = FILE.stages().stream()
                .map(stage -> stage.name().orElse("(final)") + "=" + stage.from().flag("platform").orElse("target"))
                .toList();
        assertAll(() -> assertEquals(List.of("build=$BUILDPLATFORM", "jre=target", "(final)=target"), platforms),
                  () -> assertTrue(FILE.comments().contains("hadolint global ignore=DL3029"),
                                   "DL3029 is not turned off with a global pragma"));
    }

    @Test
    void stageNamesAreValidLowercaseUniqueAndNotReserved() {
        // StageNameCasing, FromAsCasing ("The 'as' keyword should match the case of the 'from' keyword"),
        // DuplicateStageName, ReservedStageName (docs: reserved words are "context" and "scratch").
        List<String> names = new ArrayList<>();
        for (Dockerfile.Stage stage : FILE.stages()) {
            stage.name().ifPresent(name -> {
                assertTrue(STAGE_NAME.matcher(name).matches(), "stage name " + name);
                assertTrue(stage.from().arguments().contains(" AS "), "'AS' should be upper case like FROM: " + stage.from().arguments());
                names.add(name);
            });
        }
        assertAll(() -> assertEquals(names.size(), new HashSet<>(names).size(), "duplicate stage names " + names),
                  () -> assertTrue(names.stream().noneMatch(name -> name.equals("scratch") || name.equals("context")), names.toString()));
    }

    @Test
    void aCommentRightAboveANamedStageOrAnArgDescribesIt() {
        // InvalidDefinitionDescription (experimental): a comment directly above FROM ... AS <name> or ARG <key> is taken as
        // its description and must start with the name; any other comment needs a blank line in between (issue 14 item 5).
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Instruction instruction : FILE.instructions()) {
            Optional<String> defined = switch (instruction.keyword()) {
                case "FROM" -> FILE.stages().stream().filter(stage -> stage.from() == instruction).findFirst().flatMap(Dockerfile.Stage::name);
                case "ARG" -> Optional.of(instruction.arguments().split("[=\\s]", 2)[0]);
                default -> Optional.empty();
            };
            if (defined.isPresent() && !instruction.comments().isEmpty()
                    && !instruction.comments().getLast().split(" ")[0].equals(defined.get())) {
                problems.add("line " + instruction.line() + " (" + defined.get() + "): " + instruction.comments().getLast());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void containerCommandsAreExecFormAndSetOncePerStage() {
        // DL3025 / JSONArgsRecommended: ENTRYPOINT and CMD as JSON arrays (a shell would swallow SIGTERM);
        // MultipleInstructionsDisallowed: one CMD, ENTRYPOINT and HEALTHCHECK per stage at most.
        for (Dockerfile.Stage stage : FILE.stages()) {
            for (String keyword : List.of("ENTRYPOINT", "CMD", "HEALTHCHECK")) {
                assertTrue(stage.all(keyword).size() <= 1, keyword + " more than once in stage at line " + stage.from().line());
            }
            for (Dockerfile.Instruction instruction : stage.body()) {
                if (instruction.keyword().equals("ENTRYPOINT") || instruction.keyword().equals("CMD")) {
                    assertTrue(instruction.execForm(), "line " + instruction.line() + " is in shell form");
                }
            }
        }
    }

    @Test
    void theImageRunsAsANonRootUserMadeWithoutLoginRecords() {
        // DL3002 "Last USER should not be root"; DL3046: useradd with a long uid and without -l/--no-log-init writes
        // a huge sparse /var/log/lastlog and faillog into the layer. Issue 14 item 6 asks for --no-log-init whatever the uid.
        Dockerfile.Stage last = FILE.finalStage();
        List<Dockerfile.Instruction> users = last.all("USER");
        String user = users.getLast().arguments().split(":")[0];
        List<String> useradds = last.all("RUN").stream().map(Dockerfile.Instruction::arguments).filter(run -> run.contains("useradd ")).toList();
        assertAll(() -> assertTrue(!user.equals("root") && !user.equals("0"), "last USER is " + user),
                  () -> assertEquals(1, useradds.size(), "one useradd: " + useradds),
                  () -> assertTrue(useradds.stream().allMatch(run -> run.contains("--no-log-init") || run.matches(".*useradd\\b.*\\s-l\\b.*")),
                                   "useradd without --no-log-init: " + useradds));
    }

    @Test
    void stepsThatNeedNoNetworkRunWithoutItAndMavenKeepsItsRepositoryInACacheMount() {
        // Issue 14 item 3. RUN --network=none still has the loopback interface (Docker docs, engine/network/drivers/none:
        // "Within the container, only the loopback device is created"), which is all the AOT training uses.
        List<Dockerfile.Instruction> runs = FILE.stages().stream().flatMap(stage -> stage.all("RUN").stream()).toList();
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Instruction run : runs) {
            String text = run.arguments();
            boolean maven = text.startsWith("mvn ");
            boolean offline = run.execForm() && (run.execArguments().getFirst().equals("jlink")
                                                 || run.execArguments().stream().anyMatch(a -> a.startsWith(DockerfileCommand.AOT_CACHE_OUTPUT)));
            if (maven && !run.flags().contains("--mount=type=cache,target=/root/.m2")) {
                problems.add("line " + run.line() + ": Maven without the cache mount");
            }
            if (offline && !run.flags().contains("--network=none")) {
                problems.add("line " + run.line() + ": needs no network but has it");
            }
        }
        assertAll(() -> assertEquals(List.of(), problems),
                  () -> assertEquals(2, runs.stream().filter(run -> run.flags().contains("--network=none")).count()),
                  () -> assertEquals(2, runs.stream().filter(run -> run.arguments().startsWith("mvn ")).count()));
    }

    @Test
    void filesComeInByCopyFromEarlierStagesToAbsoluteWorkdirs() {
        // DL3020 (COPY, not ADD, for files; hadolint allows ADD for archives and URLs, this file needs neither),
        // DL3022/DL3023 (COPY --from names an earlier stage, not its own),
        // DL3000 / WorkdirRelativePath (absolute WORKDIR), DL3045 (a relative COPY destination needs a WORKDIR first).
        Set<String> earlier = new HashSet<>();
        for (Dockerfile.Stage stage : FILE.stages()) {
            boolean workdir = false;
            for (Dockerfile.Instruction instruction : stage.body()) {
                String where = "line " + instruction.line() + ": " + instruction.keyword() + " " + instruction.arguments();
                switch (instruction.keyword()) {
                    case "ADD" -> throw new AssertionError(where + ": use COPY");
                    case "WORKDIR" -> {
                        assertTrue(instruction.arguments().startsWith("/"), where);
                        workdir = true;
                    }
                    case "COPY" -> {
                        instruction.flag("from").ifPresent(from -> assertTrue(earlier.contains(from), where + ": no earlier stage " + from));
                        String[] parts = instruction.arguments().split("\\s+");
                        assertTrue(parts[parts.length - 1].startsWith("/") || workdir, where + ": relative destination before any WORKDIR");
                    }
                    default -> {
                    }
                }
            }
            stage.name().ifPresent(earlier::add);
        }
    }

    @Test
    void everyFileTheBuildCopiesFromTheContextGetsPastDockerignore() throws IOException {
        // CopyIgnoredFile (experimental): "Attempting to Copy file that is excluded by .dockerignore", which fails the
        // build. .dockerignore's rules (Docker's build context docs): patterns in order, "!" re-includes, the last
        // pattern that matches a path decides, and a pattern that matches a directory covers what is under it.
        List<String> patterns = Files.readAllLines(ServiceProcess.DOCKERFILE.resolveSibling(".dockerignore")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> ignored = new ArrayList<>();
        for (Dockerfile.Stage stage : FILE.stages()) {
            for (Dockerfile.Instruction copy : stage.all("COPY")) {
                if (copy.flag("from").isPresent()) {
                    continue;
                }
                String[] parts = copy.arguments().split("\\s+");
                for (String source : List.of(parts).subList(0, parts.length - 1)) {
                    if (excluded(patterns, source)) {
                        ignored.add("line " + copy.line() + ": " + source);
                    }
                }
            }
        }
        assertAll(() -> assertEquals(List.of(), ignored),
                  () -> assertTrue(excluded(patterns, "target"), "target/ must stay out of the build context"),
                  () -> assertTrue(excluded(patterns, "src/test/java"), "the tests must stay out of the build context"));
    }

    /** Whether .dockerignore's patterns leave this context path out. */
    static boolean excluded(List<String> patterns, String path) {
        boolean excluded = false;
        for (String pattern : patterns) {
            boolean include = pattern.startsWith("!");
            String glob = include ? pattern.substring(1) : pattern;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path prefix = Path.of(path); prefix != null; prefix = prefix.getParent()) {
                if (matcher.matches(prefix)) {
                    excluded = !include;
                    break;
                }
            }
        }
        return excluded;
    }

    @Test
    void environmentIsKeyValueAndPackagesArePinned() {
        // LegacyKeyValueFormat ("ENV key=value", not "ENV key value"); MaintainerDeprecated; DL3008 (apt-get install
        // <package>=<version>); DL4006 (a pipe in a shell-form RUN needs SHELL with -o pipefail: none here);
        // ExposeProtoCasing. DL3057 (no HEALTHCHECK) is off by default in hadolint (severity DLIgnoreC) and does not
        // apply: ECS checks health through the load balancer.
        for (Dockerfile.Instruction instruction : FILE.instructions()) {
            String where = "line " + instruction.line() + ": " + instruction.keyword() + " " + instruction.arguments();
            switch (instruction.keyword()) {
                case "ENV", "LABEL" -> assertTrue(instruction.arguments().matches("^[A-Za-z_][A-Za-z0-9_.-]*=.*"), where);
                case "MAINTAINER" -> throw new AssertionError(where + ": use a LABEL");
                case "RUN" -> {
                    String text = instruction.arguments();
                    assertTrue(!text.contains("apt-get install") || text.matches(".*install(\\s+-\\S+)*(\\s+[a-z0-9.+-]+=\\S+)+.*"), where);
                    assertTrue(instruction.execForm() || !text.contains("|"), where);
                }
                case "EXPOSE" -> assertEquals(instruction.arguments().toLowerCase(Locale.ROOT), instruction.arguments(), where);
                default -> {
                }
            }
        }
    }
}
