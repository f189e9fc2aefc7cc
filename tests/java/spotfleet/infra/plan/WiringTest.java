package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import spotfleet.infra.offline.DeclaredResource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WiringTest {

    private static final String ACCOUNT = "123456789012";

    @Test
    void anInputHoldingAnotherResourcesIdOrArnIsAReference() {
        // given
        var vpc = resource("vpc", Map.of("cidrBlock", "10.0.0.0/16"), "vpc-0123456789abcdef0",
                Map.of("arn", "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/vpc-0123456789abcdef0"));
        var role = resource("role", Map.of(), "role-7f3a9c1", Map.of("arn", "arn:aws:iam::" + ACCOUNT + ":role/role-7f3a9c1"));
        var subnet = resource("subnet", Map.of("vpcId", "vpc-0123456789abcdef0",
                "policy", "{\"Resource\": \"arn:aws:iam::" + ACCOUNT + ":role/role-7f3a9c1\"}"), "subnet-1", Map.of());

        // when
        var wiring = Wiring.of(List.of(vpc, role, subnet));

        // then: whole values and values inside text, ordered by the referenced resource's declaration
        assertThat(wiring.get("subnet")).containsExactly(new Plan.Reference("vpcId", "vpc"), new Plan.Reference("policy", "role"));
        assertThat(wiring.get("vpc")).isEmpty();
        assertThat(wiring.get("role")).isEmpty();
    }

    @Test
    void base64UserDataIsReadForReferences() {
        // given
        var cluster = resource("cluster", Map.of(), "cluster-ecs-4d2e8f1", Map.of());
        var userData = Base64.getEncoder().encodeToString("#!/bin/bash\necho ECS_CLUSTER=cluster-ecs-4d2e8f1 >> /etc/ecs/ecs.config\n"
                .getBytes(StandardCharsets.UTF_8));
        var template = resource("template", Map.of("userData", userData), "lt-1", Map.of());

        // when
        var wiring = Wiring.of(List.of(cluster, template));

        // then
        assertThat(wiring.get("template")).containsExactly(new Plan.Reference("userData", "cluster"));
    }

    @Test
    void valuesNoOneOwnsAreNotReferences() {
        // given: the account id inside two resources' ARNs (and one's registry id), a value two resources share,
        // a value that is the resource's own input, and one too short to tell whose it is
        var first = resource("first", Map.of(), "first-aaaaaaa", Map.of("arn", "arn:aws:sns:r:" + ACCOUNT + ":first-aaaaaaa",
                "registryId", ACCOUNT, "zone", "ZSHAREDPLACEHOLDER", "version", "1", "revision", "q9"));
        var second = resource("second", Map.of("name", "second-own-name"), "second-own-name",
                Map.of("arn", "arn:aws:sns:r:" + ACCOUNT + ":second-own-name", "zone", "ZSHAREDPLACEHOLDER", "name", "second-own-name"));
        var third = resource("third", Map.of(), "third-bbbbbbb", Map.of("arn", "arn:aws:sns:r:" + ACCOUNT + ":third-bbbbbbb"));
        var user = resource("user", Map.of("account", ACCOUNT, "zone", "ZSHAREDPLACEHOLDER", "version", "1", "note", "q9"),
                "user-1", Map.of());

        // when
        var wiring = Wiring.of(List.of(first, second, third, user));

        // then
        assertThat(wiring.get("user")).isEmpty();
    }

    @Test
    void theLongestValueWinsAndAValueInsideOneOtherStillHasItsOwner() {
        // given: the image's digest contains the repository's URL, as a pushed image's name does
        var url = ACCOUNT + ".dkr.ecr.r.amazonaws.com/images-1234567";
        var repository = resource("repository", Map.of(), "images-1234567", Map.of("repositoryUrl", url));
        var image = resource("image", Map.of("imageName", url + ":dev"), "image-7654321", Map.of("repoDigest", url + "@sha256:abcdef0123"));
        var task = resource("task", Map.of("containerDefinitions", "[{\"image\":\"" + url + "@sha256:abcdef0123\"}]"), "task-1", Map.of());

        // when
        var wiring = Wiring.of(List.of(repository, image, task));

        // then
        assertThat(wiring.get("image")).containsExactly(new Plan.Reference("imageName", "repository"));
        assertThat(wiring.get("task")).containsExactly(new Plan.Reference("containerDefinitions", "image"));
    }

    @Test
    void aValueOfEightCharactersIsLongEnoughToTellWhoseItIs() {
        // given
        var key = resource("key", Map.of(), "k8z4q2w7", Map.of());
        var user = resource("user", Map.of("keyId", "k8z4q2w7"), "user-1", Map.of());
        // when / then
        assertThat(Wiring.of(List.of(key, user)).get("user")).containsExactly(new Plan.Reference("keyId", "key"));
    }

    @Test
    void onlyMadeUpValuesWireWhenTheStandInsAreKnown() {
        // given a stack reference whose outputs hold the source's made-up digest and a platform the program writes itself
        var digest = ACCOUNT + ".dkr.ecr.r.amazonaws.com/images-1234567@sha256:abcdef0123";
        var source = resource("source", Map.of("name", "org/p/dev"), "org/p/dev",
                Map.of("outputs", Map.of("imageRef", digest, "imagePlatform", "linux/arm64")));
        var template = resource("template", Map.of("description", "AMI (linux/arm64)"), "lt-1", Map.of());
        var task = resource("task", Map.of("containerDefinitions", "[{\"image\":\"" + digest + "\"}]"), "task-1", Map.of());
        // when
        var everything = Wiring.of(List.of(source, template, task));
        var madeUpOnly = Wiring.of(List.of(source, template, task), java.util.Set.of(digest, "org/p/dev"));
        // then: the platform is a coincidence of text, the digest a wire
        assertThat(everything.get("template")).containsExactly(new Plan.Reference("description", "source"));
        assertThat(madeUpOnly.get("template")).isEmpty();
        assertThat(madeUpOnly.get("task")).containsExactly(new Plan.Reference("containerDefinitions", "source"));
    }

    @Test
    void aResourceNeverReferencesItself() {
        // given
        var topic = resource("topic", Map.of("policy", "arn:aws:sns:r:" + ACCOUNT + ":topic-abcdefg"), "topic-abcdefg",
                Map.of("arn", "arn:aws:sns:r:" + ACCOUNT + ":topic-abcdefg"));
        // when / then
        assertThat(Wiring.of(List.of(topic)).get("topic")).isEmpty();
    }

    @Test
    void theDevPlanWiresTheServiceToItsTargetGroupAndTheRuleToItsListener() throws Exception {
        // given / when
        var plan = Planner.plan(StackFile.read(PlanSnapshotTest.PROJECT, "dev"));
        var byName = new LinkedHashMap<String, Plan.PlannedResource>();
        plan.resources().forEach(r -> byName.put(r.name(), r));
        // then
        assertThat(byName.get("web-service").references()).contains(new Plan.Reference("loadBalancers", "web-tg"),
                new Plan.Reference("cluster", "cluster-ecs"));
        assertThat(byName.get("web-rule").references()).containsExactly(new Plan.Reference("listenerArn", "loadbalancer-http"),
                new Plan.Reference("actions", "web-tg"));
        assertThat(byName.get("capacity-launch-template").references()).contains(new Plan.Reference("userData", "cluster-ecs"));
    }

    private static DeclaredResource resource(String name, Map<String, Object> inputs, String id, Map<String, Object> computed) {
        var outputs = new LinkedHashMap<>(inputs);
        outputs.putAll(computed);
        return new DeclaredResource("test:index:Thing", name, Optional.empty(), inputs, id, outputs, "aws", List.of(), List.of());
    }
}
