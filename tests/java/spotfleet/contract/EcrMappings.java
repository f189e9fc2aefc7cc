package spotfleet.contract;

/** Amazon ECR resources, as hashicorp/terraform-provider-aws's {@code internal/service/ecr} creates them. */
final class EcrMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/ecr/";

    private EcrMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:ecr/repository:Repository", DIR + "repository.go", r -> {
            r.request("ecr", "CreateRepository").name("repositoryName")
                    .copy("imageScanningConfiguration", "imageScanningConfiguration")
                    .copy("imageTagMutability", "imageTagMutability")
                    .copy("encryptionConfigurations[0]", "encryptionConfiguration")
                    .tags(Tags.list("tags", "Key", "Value"));
            // Sent when the repository is destroyed: images and all.
            r.request("ecr", "DeleteRepository").name("repositoryName").copy("forceDelete", "force");
        });
        // The pull grant to the promotion targets: resourceRepositoryPolicyPut sends SetRepositoryPolicy with the
        // repository's name and the policy text (the resource's name is not sent: a repository has one policy).
        mappings.add("aws:ecr/repositoryPolicy:RepositoryPolicy", DIR + "repository_policy.go", r ->
                r.request("ecr", "SetRepositoryPolicy").copy("repository", "repositoryName")
                        .document("policy", "policyText", IamPolicies.repository()));
        mappings.add("aws:ecr/lifecyclePolicy:LifecyclePolicy", DIR + "lifecycle_policy.go", r ->
                r.request("ecr", "PutLifecyclePolicy").copy("repository", "repositoryName")
                        .document("policy", "lifecyclePolicyText", new EcrLifecyclePolicies()));
    }
}
