package spotfleet.infra.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stack's config as Pulumi hands it to the program: every key, qualified ({@code aws:region},
 * {@code spotfleet:taskMemory}), to its raw text (scalars as text, objects and lists as JSON), and which keys hold
 * secrets.
 *
 * <p>pulumi-java's Java host passes the whole config in two environment variables (pulumi/pulumi-java
 * {@code pkg/cmd/pulumi-language-java/main.go}, {@code constructEnv}: {@code maybeAppendEnv("config", config)} and
 * {@code maybeAppendEnv("config_secret_keys", configSecretKeys)}): {@code PULUMI_CONFIG}, the RunRequest's config map
 * as a JSON object, and {@code PULUMI_CONFIG_SECRET_KEYS}, a JSON array of keys. The SDK reads the same two
 * variables ({@code sdk/java/pulumi/src/main/java/com/pulumi/deployment/internal/DeploymentImpl.java}, class
 * {@code Config}: {@code ConfigEnvKey}, {@code ConfigSecretKeysEnvKey}, {@code cleanKey}) but only answers for a key
 * asked by name, and the program must see every {@code aws:} key to reject one the provider does not know.
 *
 * @param values     qualified key to raw text
 * @param secretKeys the qualified keys Pulumi holds as secrets
 */
public record RawConfig(Map<String, String> values, Set<String> secretKeys) {

    static final String CONFIG_VARIABLE = "PULUMI_CONFIG";
    static final String SECRET_KEYS_VARIABLE = "PULUMI_CONFIG_SECRET_KEYS";

    public RawConfig {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /** Config without secrets, as a stack file written in plain text gives it. */
    public static RawConfig of(Map<String, String> values) {
        return new RawConfig(values, Set.of());
    }

    /** The config the Java host put into {@code environment}; none when it set none. */
    public static RawConfig fromEnvironment(Map<String, String> environment) {
        var values = new LinkedHashMap<String, String>();
        var config = environment.getOrDefault(CONFIG_VARIABLE, "");
        if (!config.isBlank()) {
            json(config, CONFIG_VARIABLE).getAsJsonObject().asMap()
                    .forEach((key, value) -> values.put(cleanKey(key), value.getAsString()));
        }
        var secretKeys = new LinkedHashSet<String>();
        var secrets = environment.getOrDefault(SECRET_KEYS_VARIABLE, "");
        if (!secrets.isBlank()) {
            json(secrets, SECRET_KEYS_VARIABLE).getAsJsonArray().forEach(key -> secretKeys.add(cleanKey(key.getAsString())));
        }
        return new RawConfig(values, secretKeys);
    }

    /** {@code aws:config:region} as {@code aws:region}: older engines still send the {@code :config:} form (as the SDK's cleanKey says). */
    static String cleanKey(String key) {
        var colon = key.indexOf(':');
        return colon > 0 && key.startsWith("config:", colon + 1)
                ? key.substring(0, colon) + ":" + key.substring(colon + 1 + "config:".length())
                : key;
    }

    private static JsonElement json(String text, String variable) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalStateException(variable + " is not the JSON the Pulumi language host writes: " + e.getMessage(), e);
        }
    }
}
