package spotfleet.infra.components;

/**
 * The stack as Pulumi names it: promotion sources and pull principals are named relative to it.
 *
 * @param organization the Pulumi organization
 * @param project      the Pulumi project
 * @param stack        the stack's name
 */
public record StackIdentity(String organization, String project, String stack) {
}
