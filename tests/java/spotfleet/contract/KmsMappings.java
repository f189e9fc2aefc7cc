package spotfleet.contract;

/** KMS keys and aliases, as hashicorp/terraform-provider-aws's {@code internal/service/kms} creates them. */
final class KmsMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/kms/";

    private KmsMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:kms/key:Key", DIR + "key.go", r -> {
            r.request("kms", "CreateKey").copy("description", "Description")
                    .document("policy", "Policy", IamPolicies.resource())
                    .copy("keyUsage", "KeyUsage").copy("customerMasterKeySpec", "KeySpec")
                    .copy("multiRegion", "MultiRegion")
                    .copy("bypassPolicyLockoutSafetyCheck", "BypassPolicyLockoutSafetyCheck")
                    .tags(Tags.list("Tags", "TagKey", "TagValue"));
            if (Boolean.TRUE.equals(r.input("enableKeyRotation").orElse(false))) {
                r.request("kms", "EnableKeyRotation").set("KeyId", PlanResource.COMPUTED, "the new key's id");
                r.consume("enableKeyRotation");
            } else {
                r.notSent("enableKeyRotation", "false: no EnableKeyRotation call");
            }
            r.notSent("deletionWindowInDays", "provider-side: ScheduleKeyDeletion's waiting period, on destroy");
        });
        mappings.add("aws:kms/alias:Alias", DIR + "alias.go", r ->
                r.request("kms", "CreateAlias").copy("name", "AliasName").copy("targetKeyId", "TargetKeyId"));
    }
}
