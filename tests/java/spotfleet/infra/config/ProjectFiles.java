package spotfleet.infra.config;

import com.google.gson.Gson;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's Pulumi files, read as Pulumi sees them (documents: {@link spotfleet.infra.docs.ProjectDocs}). Tests run from the project root. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    /** Pulumi.yaml's {@code config:} block: key to its schema (type, default, description). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> projectConfigSchema() throws IOException {
        Map<String, Object> project = new Yaml().load(Files.readString(Path.of("Pulumi.yaml")));
        return (Map<String, Map<String, Object>>) project.get("config");
    }

    /** A stack file's config as Pulumi hands it to the program: qualified key to text, lists as JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, String> stackConfig(String stack) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(Path.of("Pulumi." + stack + ".yaml")));
        var raw = new LinkedHashMap<String, String>();
        ((Map<String, Object>) file.get("config")).forEach((key, value) ->
                raw.put(key, value instanceof List<?> list ? new Gson().toJson(list) : String.valueOf(value)));
        return raw;
    }
}
