package spotfleet.app;

import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.yaml.YamlConfigParser;

/** Where configuration comes from, highest priority first. */
final class AppConfig {
    private AppConfig() {
    }

    /**
     * System properties ({@code -Dserver.port=...}), then the variables in {@link Setting} ({@code PORT}...),
     * then Helidon's generic environment mapping ({@code SERVER_PORT}...), then application.yaml.
     * Parsers, filters and mappers are named here instead of looked up through service loading, which costs
     * start-up time for plug-ins the service does not have.
     */
    static Config load(Map<String, String> environment) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableParserServices()
                .addParser(YamlConfigParser.create())
                .disableFilterServices()
                .disableMapperServices()
                .sources(List.of(ConfigSources.systemProperties(),
                                 ConfigSources.create(Setting.overridesFrom(environment), "environment overrides"),
                                 ConfigSources.environmentVariables(),
                                 ConfigSources.classpath("application.yaml")))
                .build();
    }
}
