package spotfleet.infra.policy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import spotfleet.infra.offline.DeclaredResource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.*;

/** The service's container as ECS runs it, and the repository its image comes from. */
class ContainerPolicyTest {

    /** Names that say "secret": such values belong in Secrets Manager or SSM parameters (the {@code secrets} list), not in plain text. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|passw(or)?d|token|api_?key|private_?key|credential|"
            + "access_?key|auth).*");
    /** Values that are credentials whatever their name: AWS access key ids, PEM private keys. */
    static final Pattern SECRET_VALUE = Pattern.compile("(?s).*((AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----).*");
    static final Set<String> HOST_NAMESPACES = Set.of("networkMode", "pidMode", "ipcMode");

    @PolicyCheck
    void containersAreNotPrivileged(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        forEachContainer(stack, (task, container) -> {
            findings.require(container.has("privileged") && !container.get("privileged").getAsBoolean(), task,
                    "container %s has privileged %s", name(container), container.get("privileged"));
            var added = container.has("linuxParameters") ? container.getAsJsonObject("linuxParameters").getAsJsonObject("capabilities") : null;
            findings.require(added == null || !added.has("add"), task, "container %s adds Linux capabilities %s", name(container), added);
            findings.require(!container.has("user") || !Set.of("root", "0").contains(container.get("user").getAsString().split(":")[0]),
                    task, "container %s runs as %s", name(container), container.get("user"));
        });
        // then
        findings.assertNone("containers run without privileges or added capabilities, never as root");
    }

    @PolicyCheck
    void containerRootFilesystemsAreReadOnly(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        forEachContainer(stack, (task, container) -> findings.require(container.has("readonlyRootFilesystem")
                        && container.get("readonlyRootFilesystem").getAsBoolean(), task,
                "container %s has readonlyRootFilesystem %s", name(container), container.get("readonlyRootFilesystem")));
        for (var task : stack.each(TASK_DEFINITION)) {
            // the one writable place is a task-scoped Docker volume, never a directory of the instance
            for (var volume : (List<?>) input(task, "volumes")) {
                var hostPath = ((Map<?, ?>) volume).get("hostPath");
                findings.require(hostPath == null, task, "mounts the instance's %s into the task", hostPath);
            }
        }
        // then
        findings.assertNone("containers cannot change their own files, nor the instance's");
    }

    @PolicyCheck
    void tasksShareNoNamespaceWithTheInstance(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var task : stack.each(TASK_DEFINITION)) {
            for (var namespace : HOST_NAMESPACES) {
                findings.require(!"host".equals(input(task, namespace)), task, "%s is host: the task shares the instance's", namespace);
            }
        }
        // then
        findings.assertNone("tasks get their own network, process and IPC namespaces");
    }

    @PolicyCheck
    void containersLogToADeclaredLogGroup(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var logGroups = stack.each(LOG_GROUP).stream().map(group -> group.outputs().get("name")).toList();
        // when
        forEachContainer(stack, (task, container) -> {
            var logging = container.getAsJsonObject("logConfiguration");
            var driver = logging == null ? null : logging.get("logDriver").getAsString();
            findings.require("awslogs".equals(driver), task, "container %s logs with %s, not awslogs", name(container), driver);
            var group = logging == null ? null : logging.getAsJsonObject("options").get("awslogs-group").getAsString();
            findings.require(logGroups.contains(group), task,
                    "container %s writes to log group %s, which the stack does not declare (it would keep logs forever)",
                    name(container), group);
        });
        // then
        findings.assertNone("containers send their output to a log group of the stack, with its retention");
    }

    @PolicyCheck
    void noSecretsInPlainEnvironmentVariables(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        forEachContainer(stack, (task, container) -> {
            if (container.has("environment")) {
                container.getAsJsonArray("environment").forEach(variable -> checkVariable(findings, task,
                        variable.getAsJsonObject().get("name").getAsString(), variable.getAsJsonObject().get("value").getAsString()));
            }
        });
        for (var function : stack.each(LAMBDA_FUNCTION)) {
            if (input(function, "environment.variables") instanceof Map<?, ?> variables) {
                variables.forEach((name, value) -> checkVariable(findings, function, String.valueOf(name), String.valueOf(value)));
            }
        }
        // then
        findings.assertNone("no secret is passed in plain environment variables");
    }

    @PolicyCheck
    void theServiceRunsItsImageByDigest(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when: ECR tags may move (see tagsMayMoveBecauseTasksPinDigests), so what runs is named by content
        forEachContainer(stack, (task, container) -> findings.require(container.get("image").getAsString().matches(".+@sha256:[0-9a-f]{64}"),
                task, "container %s runs %s, not an image digest", name(container), container.get("image")));
        // then
        findings.assertNone("tasks run exactly the image that was built and scanned");
    }

    @PolicyCheck
    void imageRepositoryScansOnPushAndExpiresOldImages(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        // when
        for (var repository : stack.each(ECR_REPOSITORY)) {
            findings.require(Boolean.TRUE.equals(input(repository, "imageScanningConfiguration.scanOnPush")), repository,
                    "imageScanningConfiguration.scanOnPush is %s", input(repository, "imageScanningConfiguration.scanOnPush"));
            var lifecycle = stack.declared().all(ECR_LIFECYCLE_POLICY).stream()
                    .filter(policy -> repository.outputs().get("name").equals(input(policy, "repository")))
                    .toList();
            findings.require(lifecycle.size() == 1, repository, "has %d lifecycle policies: images would pile up", lifecycle.size());
            lifecycle.forEach(policy -> findings.require(
                    !JsonParser.parseString((String) input(policy, "policy")).getAsJsonObject().getAsJsonArray("rules").isEmpty(),
                    policy, "has no rules"));
        }
        // then
        findings.assertNone("pushed images are scanned for CVEs and old ones expire");
    }

    @PolicyCheck
    void tagsMayMoveBecauseTasksPinDigests(PolicyStack stack) {
        // given: a deliberate difference from Security Hub ECR.2 (immutable tags), see docs/security.md
        var findings = new Findings(stack);
        var tasksPinDigests = stack.each(TASK_DEFINITION).stream()
                .allMatch(task -> String.valueOf(input(task, "containerDefinitions")).contains("@sha256:"));
        // when
        for (var repository : stack.each(ECR_REPOSITORY)) {
            var mutability = input(repository, "imageTagMutability");
            findings.require("IMMUTABLE".equals(mutability) || "MUTABLE".equals(mutability) && tasksPinDigests, repository,
                    "imageTagMutability is %s while tasks run images by tag: a push could change what runs", mutability);
        }
        // then
        findings.assertNone("a tag that moves never changes what a task runs");
    }

    private static void checkVariable(Findings findings, DeclaredResource resource, String name, String value) {
        findings.require(!SECRET_NAME.matcher(name).matches(), resource,
                "environment variable %s looks like a secret: pass it as a secret (Secrets Manager or SSM), not in plain text", name);
        findings.require(!SECRET_VALUE.matcher(value).matches(), resource, "environment variable %s holds a credential", name);
    }

    private interface ContainerCheck {
        void check(DeclaredResource task, JsonObject container);
    }

    private static void forEachContainer(PolicyStack stack, ContainerCheck check) {
        for (var task : stack.each(TASK_DEFINITION)) {
            for (JsonElement container : JsonParser.parseString((String) input(task, "containerDefinitions")).getAsJsonArray()) {
                check.check(task, container.getAsJsonObject());
            }
        }
    }

    private static String name(JsonObject container) {
        return container.get("name").getAsString();
    }
}
