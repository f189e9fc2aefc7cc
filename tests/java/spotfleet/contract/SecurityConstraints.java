package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.constraint;

/**
 * KMS's and ACM's documented-only constraints, quoted from botocore/data/kms/2014-11-01/service-2.json and
 * botocore/data/acm/2015-12-08/service-2.json.
 */
final class SecurityConstraints {

    private SecurityConstraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("kms", "CreateAliasRequest", "AliasName",
                        "This value must begin with alias/ followed by a name, such as alias/ExampleAlias.",
                        value -> {
                            var name = String.valueOf(value);
                            if (!name.startsWith("alias/") || name.length() == "alias/".length()) {
                                return Violation.of("\"%s\" does not begin with alias/ and a name".formatted(name));
                            }
                            return name.startsWith("alias/aws/")
                                    ? Violation.of("\"%s\": the alias/aws/ prefix is reserved for AWS managed keys".formatted(name)) : List.of();
                        }),
                constraint("acm", "RequestCertificateRequest", "DomainName",
                        "the length of the domain name (technically, the Common Name) that you provide cannot exceed 64 octets "
                                + "(characters), including periods.",
                        value -> String.valueOf(value).length() <= 64 ? List.of()
                                : Violation.of("%d characters, more than the 64 a certificate's first domain name may have"
                                .formatted(String.valueOf(value).length()))));
    }
}
