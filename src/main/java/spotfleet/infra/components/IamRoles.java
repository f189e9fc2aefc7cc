package spotfleet.infra.components;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** Roles that one AWS service assumes, with AWS-managed policies attached (one attachment resource each). */
final class IamRoles {

    private IamRoles() {
    }

    /** A role only {@code service} (e.g. {@code ec2.amazonaws.com}) may assume. */
    static Role assumedBy(String name, String service, String description, CustomResourceOptions options) {
        return assumedBy(name, service, description, "/", options);
    }

    /** The same, under the IAM path {@code path}, which policies can name before the role exists. */
    static Role assumedBy(String name, String service, String description, String path, CustomResourceOptions options) {
        var role = RoleArgs.builder()
                .description(description)
                .assumeRolePolicy(Json.of(trustPolicy(service, Map.of())));
        if (!path.equals("/")) {
            role.path(path);
        }
        return new Role(name, role.build(), options);
    }

    /**
     * A role {@code service} may assume only on behalf of this account: the {@code aws:SourceAccount}
     * condition stops another account's tasks from borrowing it (the confused-deputy problem).
     */
    static Role assumedByOnBehalfOfAccount(String name, String service, String description, Resource parent,
                                           CustomResourceOptions options) {
        return assumedByOnBehalfOfAccount(name, service, description, "/", parent, options);
    }

    /** The same, under the IAM path {@code path} (IAM's default is {@code /}), which policies can name before it exists. */
    static Role assumedByOnBehalfOfAccount(String name, String service, String description, String path, Resource parent,
                                           CustomResourceOptions options) {
        var account = AwsEnvironment.accountId(parent);
        var role = RoleArgs.builder()
                .description(description)
                .assumeRolePolicy(account.applyValue(id -> Json.of(trustPolicy(service,
                        Map.of("StringEquals", Map.of("aws:SourceAccount", id))))));
        if (!path.equals("/")) {
            role.path(path);
        }
        return new Role(name, role.build(), options);
    }

    /** Attaches the AWS-managed policy at {@code policyPath}, e.g. {@code AmazonSSMManagedInstanceCore}. */
    static RolePolicyAttachment attachManaged(String name, Role role, String policyPath, Resource parent,
                                              CustomResourceOptions options) {
        // The partition (aws, aws-cn, aws-us-gov) comes from the provider, so the ARN is right in every partition.
        return new RolePolicyAttachment(name, RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(AwsEnvironment.partition(parent).applyValue(p -> "arn:%s:iam::aws:policy/%s".formatted(p, policyPath)))
                .build(), options);
    }

    private static Map<String, Object> trustPolicy(String service, Map<String, Object> condition) {
        var statement = Json.object(
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", "sts:AssumeRole");
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        return Json.object("Version", "2012-10-17", "Statement", List.of(statement));
    }
}
