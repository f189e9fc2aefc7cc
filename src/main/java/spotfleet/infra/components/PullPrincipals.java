package spotfleet.infra.components;

/**
 * Who may pull a stack's image from another stack's repository. Each stack puts its task execution role under the IAM
 * path {@code /<project>/<stack>/}; a repository policy names the roles under that path, in that account, by
 * {@code aws:PrincipalArn} (a role's ARN carries its path). A path can be named before the role exists, so a source
 * stack can grant a target that has never been deployed, and the target's first deploy can pull.
 */
public final class PullPrincipals {

    private PullPrincipals() {
    }

    /** The IAM path of a stack's task execution role. */
    public static String rolePath(String project, String stack) {
        return "/" + project + "/" + stack + "/";
    }

    /** The ARN pattern of the roles under that path: what a repository policy lets pull. */
    public static String pattern(String partition, String account, String project, String stack) {
        return "arn:%s:iam::%s:role%s*".formatted(partition, account, rolePath(project, stack));
    }
}
