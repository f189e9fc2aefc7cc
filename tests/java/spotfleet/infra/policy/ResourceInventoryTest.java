package spotfleet.infra.policy;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import spotfleet.infra.DeclaredStack;
import spotfleet.infra.offline.DeclaredResource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.AWS_PROVIDER;

/**
 * Every resource type the program declares has a policy decision ({@link PolicyDecisions}), every decision names
 * checks that exist, and every check is part of some decision: the suite cannot silently fall behind the program.
 */
class ResourceInventoryTest {

    /** The tags every AWS resource of {@code stack} carries. */
    static Map<String, String> stackTags(PolicyStack stack) {
        return Map.of("ManagedBy", "pulumi", "Project", DeclaredStack.PROJECT, "Stack", stack.stackName());
    }

    @PolicyCheck
    void everyDeclaredResourceTypeHasAPolicyDecision(PolicyStack stack) {
        // given
        var undecided = new TreeMap<String, List<String>>();
        // when
        for (var resource : stack.declared().resources()) {
            if (!resource.type().startsWith(PolicyDecisions.COMPONENT_TYPES) && !PolicyDecisions.BY_TYPE.containsKey(resource.type())) {
                undecided.computeIfAbsent(resource.type(), type -> new ArrayList<>()).add(resource.name());
            }
        }
        // then
        assertThat(undecided).withFailMessage("The %s stack declares resource types the policy suite has no decision for: %s.%n"
                + "Add each to PolicyDecisions.BY_TYPE with the checks that cover it (write them if none does), or with why it"
                + " needs none, and list it in docs/security.md, \"The resource inventory\".", stack, undecided).isEmpty();
    }

    @Test
    void everyDecisionIsAboutATypeTheProgramDeclares() {
        // given
        var declared = Arrays.stream(PolicyStack.values())
                .flatMap(stack -> stack.declared().resources().stream())
                .map(DeclaredResource::type)
                .collect(Collectors.toSet());
        // when
        var stale = new TreeSet<>(PolicyDecisions.BY_TYPE.keySet());
        stale.removeAll(declared);
        // then
        assertThat(stale).withFailMessage("PolicyDecisions.BY_TYPE has decisions for types no policy config declares: %s."
                + " Remove them, or add a config to PolicyStack that declares them.", stale).isEmpty();
    }

    @Test
    void everyDecisionNamesExistingChecksAndEveryCheckBelongsToADecision() {
        // given
        var checks = PolicyDecisions.checkNames();
        var named = PolicyDecisions.BY_TYPE.values().stream()
                .flatMap(decision -> decision.checks().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        // when
        var missing = new TreeSet<>(named);
        missing.removeAll(checks);
        var unused = new TreeSet<>(checks);
        unused.removeAll(named);
        unused.remove("everyDeclaredResourceTypeHasAPolicyDecision");
        // then
        assertThat(missing).withFailMessage("PolicyDecisions names checks that do not exist: %s", missing).isEmpty();
        assertThat(unused).withFailMessage("Checks no decision names (add them to the types they cover): %s", unused).isEmpty();
    }

    @PolicyCheck
    void everyAwsResourceIsManagedByTheTaggingProvider(PolicyStack stack) {
        // given
        var findings = new Findings(stack);
        var providers = stack.each(AWS_PROVIDER);
        // when
        for (var provider : providers) {
            var tags = JsonParser.parseString(String.valueOf(input(provider, "defaultTags"))).getAsJsonObject()
                    .getAsJsonObject("tags");
            stackTags(stack).forEach((key, value) -> findings.require(tags.has(key) && tags.get(key).getAsString().equals(value), provider,
                    "default tag %s is %s, not %s", key, tags.get(key), value));
        }
        for (var resource : stack.declared().resources()) {
            if (resource.type().startsWith("aws:")) {
                findings.require(providers.stream().anyMatch(p -> p.name().equals(resource.provider())), resource,
                        "is managed by provider %s, not the stack's tagging provider (no default tags, maybe another region)",
                        resource.provider().isEmpty() ? "(default)" : resource.provider());
            }
        }
        // then
        findings.assertNone("every AWS resource is tagged with its project, stack and ManagedBy, through the stack's one provider");
    }
}
