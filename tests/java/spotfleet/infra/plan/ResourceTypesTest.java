package spotfleet.infra.plan;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import spotfleet.contract.Mappings;
import spotfleet.infra.offline.ResourceTypes;
import spotfleet.infra.offline.ResourceTypes.ResourceType;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * ResourceTypes holds one entry for each resource type the stacks declare (every stack file, and the stacks the policy
 * tests judge), and the contract check one mapping to AWS requests (or a reason it sends none) for each entry. A
 * type a component starts to declare fails here first, with the entry to paste.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceTypesTest {

    Set<String> declared;
    Set<String> entries;

    @BeforeAll
    void declare() throws Exception {
        declared = new TreeSet<>();
        for (var stack : PreviewRolePolicyTest.configs()) {
            stack.resources().stream().map(resource -> resource.type()).filter(type -> !type.startsWith("spotfleet:index:"))
                    .forEach(declared::add);
        }
        entries = ResourceTypes.ALL.stream().map(ResourceType::token).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyTypeTheStacksDeclareHasAnEntry() {
        // given / when
        var missing = new TreeSet<>(declared);
        missing.removeAll(entries);
        // then
        if (!missing.isEmpty()) {
            fail("resource types without an entry in ResourceTypes: %s%npaste into ResourceTypes.ALL and fill in:%n%s", missing,
                    missing.stream().map(ResourceTypes::stub).collect(Collectors.joining()));
        }
    }

    @Test
    void everyEntryIsOfATypeAStackDeclaresAndNoTypeHasTwo() {
        // given / when
        var stale = new TreeSet<>(entries);
        stale.removeAll(declared);
        // then: a stale entry would keep actions in the policies that no stack needs
        assertThat(stale).as("entries for types no stack declares").isEmpty();
        assertThat(entries).hasSameSizeAs(ResourceTypes.ALL);
    }

    @Test
    void everyEntryStatesTheCallsItsProviderMakes() {
        assertThat(ResourceTypes.ALL).filteredOn(type -> !type.statesItsCalls()).extracting(ResourceType::token)
                .as("entries without .reads(...) and .writes(...) (empty when the provider makes no AWS call)").isEmpty();
    }

    @Test
    void everyEntryHasItsMappingToAwsRequestsAndEveryMappingAnEntry() {
        // given
        var mappings = Mappings.all();
        var mapped = new TreeSet<>(mappings.mappings().keySet());
        mapped.addAll(mappings.notAws().keySet());
        // when
        var unmapped = new TreeSet<>(entries);
        unmapped.removeAll(mapped);
        var unknown = new TreeSet<>(mapped);
        unknown.removeAll(entries);
        // then
        if (!unmapped.isEmpty()) {
            fail("types without a mapping in tests/java/spotfleet/contract/<Service>Mappings.java: %s%n"
                    + "add, in its service's file:%n%s", unmapped,
                    unmapped.stream().map(ResourceTypesTest::mappingStub).collect(Collectors.joining()));
        }
        assertThat(unknown).as("contract mappings of types without an entry in ResourceTypes").isEmpty();
    }

    @Test
    void theMappingStubNamesTheTypeAndItsService() {
        assertThat(mappingStub("aws:ecs/service:Service")).contains("mappings.add(\"aws:ecs/service:Service\", DIR + \"")
                .contains("r.request(\"ecs\", \"<its create call>\")");
    }

    /** A mapping to fill in, in the style of the *Mappings files. */
    private static String mappingStub(String token) {
        var module = token.contains("/") ? token.substring(token.indexOf(':') + 1, token.indexOf('/')) : "?";
        return """
                        mappings.add("%1$s", DIR + "<file>.go (its create function)", r ->
                                r.request("%2$s", "<its create call>").copy("<input>", "<request member>"));
                """.formatted(token, module);
    }
}
