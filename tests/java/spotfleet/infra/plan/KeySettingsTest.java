package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KeySettings}: JSON text is read as the structure it encodes, and text that only looks like JSON stays text. */
class KeySettingsTest {

    @Test
    void jsonTextIsSteppedIntoAndTextThatOnlyLooksLikeJsonIsShownAsItIs() {
        // given one input holding a JSON document, and others starting like one but not JSON
        var inputs = Map.<String, Object>of(
                "policy", "{\"Statement\":[{\"Action\":\"ecr:BatchGetImage\"},{\"Action\":\"logs:PutLogEvents\"}]}",
                "description", "{not json",
                "userData", "[unclosed");
        // when / then
        assertThat(KeySettings.values(inputs, "policy.Statement[*].Action")).containsExactly("[ecr:BatchGetImage, logs:PutLogEvents]");
        assertThat(KeySettings.values(inputs, "description")).containsExactly("{not json");
        assertThat(KeySettings.values(inputs, "userData")).containsExactly("[unclosed");
    }
}
