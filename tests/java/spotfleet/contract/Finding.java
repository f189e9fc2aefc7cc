package spotfleet.contract;

/**
 * One value (or missing value) AWS would reject, or a plan property the check cannot map.
 *
 * @param stack        the stack
 * @param resourceType the resource's Pulumi type
 * @param resourceName the resource's logical name
 * @param planPath     the plan property, e.g. {@code description}; {@code (provider ...)} for a value the provider sets
 * @param request      the AWS request, e.g. {@code ec2 CreateSecurityGroup}; empty when none applies
 * @param memberPath   the member of the request, e.g. {@code Description}, with the path inside an embedded document
 * @param shape        the model shape the value is checked against, e.g. {@code ec2:String}
 * @param kind         the kind of check that failed
 * @param message      the rule, with the value
 */
public record Finding(String stack, String resourceType, String resourceName, String planPath, String request,
                      String memberPath, String shape, CheckKind kind, String message) {

    /**
     * {@code dev: aws:ec2/securityGroup:SecurityGroup loadbalancer-sg: description → ec2 CreateSecurityGroup.Description:
     * character "'" not allowed (...)}.
     */
    @Override
    public String toString() {
        var target = request.isEmpty() ? "no AWS request" : request + (memberPath.isEmpty() ? "" : "." + memberPath);
        return "%s: %s %s: %s → %s: %s".formatted(stack, resourceType, resourceName, planPath, target, message);
    }
}
