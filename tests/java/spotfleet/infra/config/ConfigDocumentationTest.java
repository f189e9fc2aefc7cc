package spotfleet.infra.config;

import org.junit.jupiter.api.Test;
import spotfleet.infra.docs.ProjectDocs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulumi.yaml's schema and the configuration reference (docs/configuration.md) say what each key's one declaration
 * (StackConfig) says: its type, default, description and range; and the ranges stated are the ones the program enforces.
 */
class ConfigDocumentationTest {

    private static final List<String> JAVA_KEYS = StackConfig.KEYS.stream().map(ConfigKey::name).toList();
    /** Keys whose range the reference states in prose (a list's contents, a CIDR, names), so it is not probed. */
    private static final List<String> RANGES_IN_PROSE = List.of("instanceTypes", "ecsAmiId", "image", "promotionTargets", "healthCheckPath",
            "environment", "secrets", "vpcCidr", "domainName", "hostedZoneId", "hostedZoneName", "alarmEmail");
    private static final String BOUND = "(-?\\d+|`\\w+`)";
    private static final Pattern FROM_TO = Pattern.compile(BOUND + " to " + BOUND);
    private static final Pattern AT_LEAST = Pattern.compile("at least " + BOUND);
    private static final Pattern ONE_OF = Pattern.compile("one of (.+)");

    @Test
    void pulumiYamlDeclaresEveryKeyAndNoOther() throws IOException {
        // given / when
        var schema = ProjectFiles.projectConfigSchema();
        // then
        assertThat(schema.keySet()).containsExactlyElementsOf(JAVA_KEYS);
    }

    @Test
    void pulumiYamlSaysWhatEachDeclarationSays() throws IOException {
        // given
        var schema = ProjectFiles.projectConfigSchema();
        var javaDefaults = StackConfig.values(StackSettings.defaults());

        // when / then
        for (var key : StackConfig.KEYS) {
            var declared = schema.get(key.name());
            assertThat(declared.get("default")).as("default of %s", key.name()).isEqualTo(defaultOf(key));
            assertThat(javaDefaults.get(key.name())).as("default settings' %s", key.name()).isEqualTo(defaultOf(key));
            assertThat(declared.get("type")).as("type of %s", key.name()).isEqualTo(key.type());
            assertThat(declared.get("description")).as("description of %s", key.name()).isEqualTo(key.description());
        }
    }

    /** The declared default, as Pulumi.yaml writes it. */
    @SuppressWarnings("unchecked")
    private static Object defaultOf(ConfigKey<?> key) {
        return ((ConfigKey<Object>) key).written(key.defaultValue());
    }

    @Test
    void theDevStackIsValidConfig() throws IOException {
        // given the dev stack's file
        var raw = ProjectFiles.stackConfig("dev");
        // when
        var settings = StackConfig.parse(raw);
        // then: the seed's region, Graviton as prod (whose image is dev's), and prod may pull dev's image
        assertThat(settings.aws().region()).contains("eu-west-1");
        assertThat(settings.value(StackConfig.INSTANCE_TYPES)).containsExactly("t4g.micro", "t4g.small");
        assertThat(settings.capacity().architecture()).isEqualTo(Architecture.ARM64);
        assertThat(settings.image().source()).isEqualTo(new ImageSource.Build());
        assertThat(settings.image().promotionTargets()).extracting(PromotionTarget::configValue).containsExactly("prod");
    }

    @Test
    void theProdStackPromotesDevsImageOnTheSameArchitecture() throws IOException {
        // given
        var dev = StackConfig.parse(ProjectFiles.stackConfig("dev"));
        // when
        var prod = StackConfig.parse(ProjectFiles.stackConfig("prod"));
        // then
        assertThat(prod.image().source()).isEqualTo(new ImageSource.Promoted(java.util.Optional.empty(), java.util.Optional.empty(), "dev"));
        assertThat(prod.capacity().architecture()).isEqualTo(dev.capacity().architecture());
    }

    @Test
    void theReferenceListsEveryKeyWithPulumiYamlsTypeAndDefaultAndNoOtherKey() throws IOException {
        // given the reference's rows: | `key` | type | `default` | range | meaning |
        var rows = rows();
        var schema = ProjectFiles.projectConfigSchema();

        // when / then
        assertThat(rows.keySet()).as("keys in %s", ProjectDocs.CONFIGURATION).containsExactlyElementsOf(JAVA_KEYS);
        for (var key : StackConfig.KEYS) {
            var row = rows.get(key.name());
            assertThat(row.get(1)).as("type of %s", key.name()).isEqualTo(typeAsWritten(schema.get(key.name())));
            assertThat(row.get(2)).as("default of %s", key.name()).isEqualTo("`" + asWritten(defaultOf(key)) + "`");
            assertThat(row.get(3)).as("range of %s", key.name()).isEqualTo(key.range());
        }
    }

    @Test
    void everyRangeTheReferenceStatesIsTheOneTheProgramEnforces() {
        // given
        var rows = rows();
        var prose = new ArrayList<String>();

        // when: each range's bounds and choices are tried on the program's own parsing
        rows.forEach((key, row) -> {
            var range = row.get(3).split(";")[0].trim();
            var fromTo = FROM_TO.matcher(range);
            var atLeast = AT_LEAST.matcher(range);
            var oneOf = ONE_OF.matcher(range);
            if (fromTo.matches()) {
                var low = bound(fromTo.group(1));
                var high = bound(fromTo.group(2));
                assertAccepted(key, low);
                assertAccepted(key, high);
                assertRefused(key, low - 1);
                assertRefused(key, high + 1);
            } else if (atLeast.matches()) {
                var low = bound(atLeast.group(1));
                assertAccepted(key, low);
                assertRefused(key, low - 1);
            } else if (oneOf.matches()) {
                var choices = List.of(oneOf.group(1).replace("`", "").split(", "));
                choices.forEach(choice -> assertAccepted(key, choice));
                assertRefused(key, choices.stream().allMatch(choice -> choice.matches("\\d+"))
                        ? String.valueOf(firstNumberNotIn(choices)) : "not-" + choices.getFirst());
            } else {
                prose.add(key);
            }
        });

        // then: only the keys known to need words are left unprobed
        assertThat(prose).as("keys whose range is not probed").containsExactlyInAnyOrderElementsOf(RANGES_IN_PROSE);
    }

    @Test
    void aRangeTheProgramDoesNotEnforceIsCaught() {
        // given a reference that claims containerPort goes up to 70000: the probe must notice
        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertAccepted("containerPort", 70000))
                .isInstanceOf(AssertionError.class).hasMessageContaining("containerPort");
    }

    /** Rows of the reference's table by key; cells trimmed, the key's own cell left out. */
    private static Map<String, List<String>> rows() {
        var rows = new LinkedHashMap<String, List<String>>();
        ProjectDocs.configurationReference().lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            var cells = new ArrayList<String>();
            for (var cell : line.split("\\|")) {
                cells.add(cell.trim());
            }
            // "", "`key`", type, default, range, meaning
            rows.put(cells.get(1).replace("`", ""), List.copyOf(cells.subList(1, cells.size())));
        });
        return rows;
    }

    /** A bound as a number: written as one, or the default of the key it names. */
    private static int bound(String text) {
        if (text.startsWith("`")) {
            return (Integer) StackConfig.values(StackSettings.defaults()).get(text.replace("`", ""));
        }
        return Integer.parseInt(text);
    }

    private static int firstNumberNotIn(List<String> choices) {
        var taken = choices.stream().map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
        var candidate = 0;
        while (taken.contains(candidate)) {
            candidate++;
        }
        return candidate;
    }

    private static void assertAccepted(String key, Object value) {
        assertThat(problemsWith(key, value)).as("%s = %s, which docs/configuration.md allows", key, value).isEmpty();
    }

    private static void assertRefused(String key, Object value) {
        assertThat(problemsWith(key, value)).as("%s = %s, which docs/configuration.md does not allow", key, value).isNotEmpty();
    }

    /**
     * The problems that name {@code key}, with every other key at its default; a Fargate-only key on a Fargate stack of
     * the smallest task size (on an ec2 stack any value but the default is refused).
     */
    private static List<String> problemsWith(String key, Object value) {
        var qualified = StackConfig.NAMESPACE + ":" + key;
        var config = new LinkedHashMap<String, String>();
        if (StackConfig.FARGATE_ONLY_KEYS.contains(key)) {
            config.put(StackConfig.NAMESPACE + ":runOn", "fargate");
            config.put(StackConfig.NAMESPACE + ":taskMemory", "512");
        }
        config.put(qualified, String.valueOf(value));
        try {
            StackConfig.parse(config);
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems().stream().filter(problem -> problem.contains(qualified + " (")).toList();
        }
    }

    /** Pulumi.yaml's type as the reference writes it. */
    private static String typeAsWritten(Map<String, Object> declared) {
        return switch (String.valueOf(declared.get("type"))) {
            case "array" -> "list of " + ((Map<?, ?>) declared.get("items")).get("type") + "s";
            case String type -> type;
        };
    }

    /** A default as the reference writes it: lists in YAML flow style, the empty string as {@code ""}. */
    private static String asWritten(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
        return "".equals(value) ? "\"\"" : String.valueOf(value);
    }
}
