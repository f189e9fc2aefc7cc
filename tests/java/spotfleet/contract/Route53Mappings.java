package spotfleet.contract;

import java.util.List;

/** Route 53 records, as hashicorp/terraform-provider-aws's {@code internal/service/route53/record.go} creates them. */
final class Route53Mappings {

    private Route53Mappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:route53/record:Record", "hashicorp/terraform-provider-aws internal/service/route53/record.go", r -> {
            var overwrite = Boolean.TRUE.equals(r.input("allowOverwrite").orElse(false));
            var change = "ChangeBatch.Changes[0]";
            var request = r.request("route53", "ChangeResourceRecordSets").copy("zoneId", "HostedZoneId")
                    .set("ChangeBatch.Comment", "Managed by Pulumi", "provider: the change batch's comment")
                    // allow_overwrite: UPSERT takes over an existing record; CREATE fails on one.
                    .copy("allowOverwrite", change + ".Action", allow -> overwrite ? "UPSERT" : "CREATE")
                    .copy("name", change + ".ResourceRecordSet.Name")
                    .copy("type", change + ".ResourceRecordSet.Type")
                    .copy("ttl", change + ".ResourceRecordSet.TTL")
                    .copy("setIdentifier", change + ".ResourceRecordSet.SetIdentifier");
            if (!overwrite) {
                request.set(change + ".Action", "CREATE", "provider: a new record");
            }
            var records = (List<?>) r.input("records").orElse(List.of());
            for (int i = 0; i < records.size(); i++) {
                request.copy("records[%d]".formatted(i), change + ".ResourceRecordSet.ResourceRecords[%d].Value".formatted(i));
            }
            r.consume("records");
            request.copy("aliases[0].name", change + ".ResourceRecordSet.AliasTarget.DNSName")
                    .copy("aliases[0].zoneId", change + ".ResourceRecordSet.AliasTarget.HostedZoneId")
                    .copy("aliases[0].evaluateTargetHealth", change + ".ResourceRecordSet.AliasTarget.EvaluateTargetHealth");
        });
    }
}
