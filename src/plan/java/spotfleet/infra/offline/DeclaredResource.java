package spotfleet.infra.offline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource the program declared, as a {@code pulumi preview} reviewer would look at it.
 *
 * @param type         the type token, e.g. {@code aws:ecs/service:Service} or {@code spotfleet:index:Network}
 * @param name         the logical name
 * @param parent       the logical name of the parent component, empty for top-level resources
 * @param inputs       the inputs the engine received (outputs of other resources resolved)
 * @param id           the id the mock gave it
 * @param outputs      its state as the mock answered: the inputs plus computed outputs
 * @param provider     the logical name of the provider the resource is managed by (empty for components)
 * @param dependsOn    logical names of the explicit dependencies
 * @param ignoreChanges input names the engine leaves alone on update
 * @param protect       whether Pulumi refuses to delete it (the {@code protect} resource option)
 * @param customTimeouts how long the provider may take per operation ({@code create}, {@code update}, {@code delete}),
 *                      in whole minutes or seconds ({@code 14m}, {@code 90s}); empty when not set
 */
public record DeclaredResource(
        String type,
        String name,
        Optional<String> parent,
        Map<String, Object> inputs,
        String id,
        Map<String, Object> outputs,
        String provider,
        List<String> dependsOn,
        List<String> ignoreChanges,
        boolean protect,
        Map<String, String> customTimeouts) {

    /** A resource without the {@code protect} option and without custom timeouts. */
    public DeclaredResource(String type, String name, Optional<String> parent, Map<String, Object> inputs, String id,
                            Map<String, Object> outputs, String provider, List<String> dependsOn, List<String> ignoreChanges) {
        this(type, name, parent, inputs, id, outputs, provider, dependsOn, ignoreChanges, false, Map.of());
    }
}
