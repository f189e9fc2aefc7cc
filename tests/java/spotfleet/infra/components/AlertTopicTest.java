package spotfleet.infra.components;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.jsonInput;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

class AlertTopicTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAnAlarmEmail {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().alarmEmail("ops@example.com").build()));
        }

        @Test
        void theTopicIsEncryptedWithTheStacksOwnRotatedKey() {
            // given
            var key = stack.one(KMS_KEY, "alerts-key");
            // when
            var topic = stack.one(SNS_TOPIC, "alerts-topic");
            // then
            assertThat(input(topic, "kmsMasterKeyId")).isEqualTo(output(key, "arn"));
            assertThat(input(topic, "displayName")).isEqualTo("spotfleet-dev alerts");
            assertThat(input(key, "enableKeyRotation")).isEqualTo(true);
            assertThat(input(stack.one(KMS_ALIAS, "alerts-key-alias"), "name")).isEqualTo("alias/spotfleet-dev-alerts");
            assertThat(input(stack.one(KMS_ALIAS, "alerts-key-alias"), "targetKeyId")).isEqualTo(output(key, "keyId"));
        }

        @Test
        void theKeyPolicyLetsTheAccountAdministerItAndAlarmsAndEventBridgeEncryptForTheTopic() {
            // given
            var key = stack.one(KMS_KEY, "alerts-key");
            // when
            var statements = jsonInput(key, "policy").getAsJsonObject().getAsJsonArray("Statement").asList().stream()
                    .map(JsonElement::getAsJsonObject).toList();
            // then
            assertThat(statements).hasSize(2);
            assertThat(statements.get(0).getAsJsonObject("Principal").get("AWS").getAsString())
                    .isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(strings(statements.get(1).getAsJsonObject("Principal"), "Service"))
                    .containsExactly("cloudwatch.amazonaws.com", "events.amazonaws.com");
            assertThat(strings(statements.get(1), "Action")).containsExactly("kms:Decrypt", "kms:GenerateDataKey*");
        }

        @Test
        void theAddressIsSubscribedByEmail() {
            // given / when
            var subscription = stack.one(SNS_SUBSCRIPTION, "alerts-email");
            // then
            assertThat(subscription.inputs()).isEqualTo(Map.of("topic", output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"),
                    "protocol", "email", "endpoint", "ops@example.com"));
        }

        private static List<String> strings(JsonObject object, String member) {
            return object.getAsJsonArray(member).asList().stream().map(JsonElement::getAsString).toList();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutOne {
        DeclaredStack stack;

        @BeforeEach
        void declare() {
            stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.withDefaults());
        }

        @Test
        void nobodyIsSubscribedButTheTopicIsThereForAlarmsAndOtherSubscribers() {
            // given / when / then
            assertThat(stack.all(SNS_SUBSCRIPTION)).isEmpty();
            assertThat(stack.stackOutput("alarmTopicArn")).isEqualTo(output(stack.one(SNS_TOPIC, "alerts-topic"), "arn"));
        }
    }
}
