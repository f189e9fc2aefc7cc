package spotfleet.contract;

/** IAM resources, as hashicorp/terraform-provider-aws's {@code internal/service/iam} creates them. */
final class IamMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/iam/";

    private IamMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:iam/role:Role", DIR + "role.go", r ->
                r.request("iam", "CreateRole").name("RoleName")
                        .document("assumeRolePolicy", "AssumeRolePolicyDocument", IamPolicies.trust())
                        .copy("description", "Description").copy("path", "Path")
                        .copy("maxSessionDuration", "MaxSessionDuration").copy("permissionsBoundary", "PermissionsBoundary")
                        .tags(Tags.list("Tags", "Key", "Value")));
        mappings.add("aws:iam/rolePolicy:RolePolicy", DIR + "role_policy.go", r ->
                r.request("iam", "PutRolePolicy").copy("role", "RoleName").name("PolicyName")
                        .document("policy", "PolicyDocument", IamPolicies.identity()));
        mappings.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", DIR + "role_policy_attachment.go", r ->
                r.request("iam", "AttachRolePolicy").copy("role", "RoleName").copy("policyArn", "PolicyArn"));
        mappings.add("aws:iam/instanceProfile:InstanceProfile", DIR + "instance_profile.go", r -> {
            r.request("iam", "CreateInstanceProfile").name("InstanceProfileName").copy("path", "Path")
                    .tags(Tags.list("Tags", "Key", "Value"));
            r.request("iam", "AddRoleToInstanceProfile").name("InstanceProfileName").copy("role", "RoleName");
        });
    }
}
