package spotfleet.contract;

/** ACM certificates, as hashicorp/terraform-provider-aws's {@code internal/service/acm} creates them. */
final class AcmMappings {

    private static final String DIR = "hashicorp/terraform-provider-aws internal/service/acm/";

    private AcmMappings() {
    }

    static void register(Mappings mappings) {
        mappings.add("aws:acm/certificate:Certificate", DIR + "certificate.go", r ->
                r.request("acm", "RequestCertificate").copy("domainName", "DomainName")
                        .copy("validationMethod", "ValidationMethod").copy("subjectAlternativeNames", "SubjectAlternativeNames")
                        .copy("keyAlgorithm", "KeyAlgorithm")
                        .tags(Tags.list("Tags", "Key", "Value")));
        mappings.add("aws:acm/certificateValidation:CertificateValidation", DIR + "certificate_validation.go", r -> {
            // No create call: the provider waits, reading the certificate until ACM has issued it.
            r.request("acm", "DescribeCertificate").copy("certificateArn", "CertificateArn");
            r.notSent("validationRecordFqdns", "provider-side: compared with the certificate's own validation records "
                    + "(DescribeCertificate's answer), never sent");
        });
    }
}
