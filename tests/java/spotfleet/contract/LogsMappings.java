package spotfleet.contract;

/** CloudWatch Logs log groups, as hashicorp/terraform-provider-aws's {@code internal/service/logs/group.go} creates them. */
final class LogsMappings {

    private LogsMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:cloudwatch/logGroup:LogGroup", "hashicorp/terraform-provider-aws internal/service/logs/group.go", r -> {
            r.request("logs", "CreateLogGroup").name("logGroupName").copy("kmsKeyId", "kmsKeyId")
                    .tags(Tags.map("tags"));
            // 0 (never expire) sends no retention policy.
            if (r.input("retentionInDays").filter(days -> !(days instanceof Number n && n.intValue() == 0)).isPresent()) {
                r.request("logs", "PutRetentionPolicy").name("logGroupName").copy("retentionInDays", "retentionInDays");
            }
            r.notSent("skipDestroy", "provider-side: keep the log group when the resource is destroyed");
        });
    }
}
