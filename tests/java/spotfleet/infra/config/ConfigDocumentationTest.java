package spotfleet.infra.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Pulumi.yaml's schema, README's table and the Java defaults describe the same keys with the same defaults. */
class ConfigDocumentationTest {

    private static final List<String> JAVA_KEYS = StackConfig.KEYS.stream().map(ConfigKey::name).toList();

    @Test
    void pulumiYamlDeclaresEveryKeyAndNoOther() throws IOException {
        // given / when
        var schema = ProjectFiles.projectConfigSchema();
        // then
        assertThat(schema.keySet()).containsExactlyElementsOf(JAVA_KEYS);
    }

    @Test
    void pulumiYamlDefaultsAndTypesAreTheJavaOnes() throws IOException {
        // given
        var schema = ProjectFiles.projectConfigSchema();
        var javaDefaults = StackConfig.values(StackSettings.defaults());

        // when / then
        for (var key : StackConfig.KEYS) {
            var declared = schema.get(key.name());
            assertThat(declared.get("default")).as("default of %s", key.name()).isEqualTo(javaDefaults.get(key.name()));
            assertThat(declared.get("type")).as("type of %s", key.name()).isEqualTo(key.type());
            assertThat(declared.get("description")).as("description of %s", key.name()).asString().isNotBlank();
        }
    }

    @Test
    void theDevStackIsValidConfig() throws IOException {
        // given the dev stack's file
        var raw = ProjectFiles.stackConfig("dev");
        // when
        var settings = StackConfig.parse(raw);
        // then: the seed's region, Graviton as prod (whose image is dev's), and prod may pull dev's image
        assertThat(settings.aws().region()).contains("eu-west-1");
        assertThat(settings.capacity().instanceTypes()).containsExactly("t4g.micro", "t4g.small");
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
    void readmeTableListsEveryKeyWithItsDefault() throws IOException {
        // given README's configuration table rows: | `key` | type | `default` | meaning |
        var rows = ProjectFiles.readmeLines().stream()
                .filter(line -> line.startsWith("| `"))
                .collect(Collectors.toMap(line -> cell(line, 1), line -> line, (first, second) -> first));
        var javaDefaults = StackConfig.values(StackSettings.defaults());

        // when / then
        for (var key : JAVA_KEYS) {
            assertThat(rows).as("README row for %s", key).containsKey("`" + key + "`");
            assertThat(cell(rows.get("`" + key + "`"), 3)).as("README default of %s", key)
                    .isEqualTo("`" + asWritten(javaDefaults.get(key)) + "`");
        }
    }

    private static String cell(String row, int index) {
        return row.split("\\|")[index].trim();
    }

    /** A default as README writes it: lists in YAML flow style, the empty string as {@code ""}. */
    private static String asWritten(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
        return "".equals(value) ? "\"\"" : String.valueOf(value);
    }
}
