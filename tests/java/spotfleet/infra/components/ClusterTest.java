package spotfleet.infra.components;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.config.StackSettings;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.DeclaredStack.output;
import static spotfleet.infra.Types.*;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {

    DeclaredStack stack;

    @BeforeEach
    void declare() {
        stack = DeclaredStack.reuseOrDeclare(stack, () -> DeclaredStack.of(StackSettings.defaults().toBuilder().logRetentionDays(30).build()));
    }

    @Test
    void theClusterHasContainerInsights() {
        // given / when
        var cluster = stack.one(ECS_CLUSTER, "cluster-ecs");
        // then
        assertThat(input(cluster, "settings")).isEqualTo(List.of(Map.of("name", "containerInsights", "value", "enabled")));
    }

    @Test
    void theRepositoryScansOnPushAndCanBeDestroyedWithImagesInIt() {
        // given / when
        var repository = stack.one(ECR_REPOSITORY, "cluster-images");
        // then
        assertThat(input(repository, "imageScanningConfiguration.scanOnPush")).isEqualTo(true);
        assertThat(input(repository, "forceDelete")).isEqualTo(true);
    }

    @Test
    void oldUntaggedImagesExpireButRecentOnesStayForRollbacks() {
        // given
        var policy = stack.one(ECR_LIFECYCLE_POLICY, "cluster-images-lifecycle");
        // when
        var rules = JsonParser.parseString((String) input(policy, "policy")).getAsJsonObject().getAsJsonArray("rules");
        // then
        assertThat(input(policy, "repository")).isEqualTo(output(stack.one(ECR_REPOSITORY, "cluster-images"), "name"));
        assertThat(rules).hasSize(1);
        var rule = rules.get(0).getAsJsonObject();
        assertThat(rule.getAsJsonObject("selection").get("tagStatus").getAsString()).isEqualTo("untagged");
        assertThat(rule.getAsJsonObject("selection").get("countType").getAsString()).isEqualTo("imageCountMoreThan");
        assertThat(rule.getAsJsonObject("selection").get("countNumber").getAsInt()).isEqualTo(10);
        assertThat(rule.getAsJsonObject("action").get("type").getAsString()).isEqualTo("expire");
    }

    @Test
    void logsAreKeptForTheConfiguredDays() {
        // given / when
        var logs = stack.one(LOG_GROUP, "cluster-logs");
        // then
        assertThat(input(logs, "retentionInDays")).isEqualTo(30.0);
    }
}
