package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.between;
import static spotfleet.contract.DocumentedConstraints.constraint;

/** S3's documented-only constraints, quoted from botocore/data/s3/2006-03-01/service-2.json. */
final class S3Constraints {

    private S3Constraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("s3", "LifecycleExpiration", "Days",
                        "Indicates the lifetime, in days, of the objects that are subject to the rule. The value must be a "
                                + "non-zero positive integer.", between(1, Integer.MAX_VALUE)),
                constraint("s3", "LifecycleRule", "ID",
                        "Unique identifier for the rule. The value cannot be longer than 255 characters.",
                        value -> String.valueOf(value).length() <= 255 ? List.of()
                                : Violation.of("a rule id of %d characters, longer than 255".formatted(String.valueOf(value).length()))));
    }
}
