package spotfleet.infra.config;

import java.util.regex.Pattern;

/**
 * The names Pulumi accepts for stacks, projects and organizations, as its backends check them (pulumi/pulumi
 * {@code pkg/backend/diy/backend.go}, {@code stackNameAndProjectRegexp} {@code ^[A-Za-z0-9_.-]{1,100}$} for stack and
 * project names; {@code pkg/backend/httpstate/client}, {@code stackOwnerRegexp}
 * {@code ^[a-zA-Z0-9][a-zA-Z0-9-_]{1,38}[a-zA-Z0-9]$} for the organization owning a stack in Pulumi Cloud).
 */
final class PulumiNames {

    private static final Pattern STACK_OR_PROJECT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern ORGANIZATION = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-_]{1,38}[a-zA-Z0-9]");

    private PulumiNames() {
    }

    static boolean isStackOrProject(String name) {
        return STACK_OR_PROJECT.matcher(name).matches();
    }

    static boolean isOrganization(String name) {
        return ORGANIZATION.matcher(name).matches();
    }
}
