package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.between;
import static spotfleet.contract.DocumentedConstraints.constraint;
import static spotfleet.contract.DocumentedConstraints.matches;
import static spotfleet.contract.DocumentedConstraints.oneOf;

/**
 * SNS's and Lambda's documented-only constraints, quoted from botocore/data/sns/2010-03-31/service-2.json and
 * botocore/data/lambda/2015-03-31/service-2.json.
 */
final class MessagingConstraints {

    private MessagingConstraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(
                constraint("sns", "CreateTopicInput", "Name",
                        "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and "
                                + "hyphens, and must be between 1 and 256 characters long.",
                        matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?", "1 to 256 ASCII letters, numbers, underscores and hyphens")),
                constraint("sns", "SubscribeInput", "Protocol", "Supported protocols include:",
                        oneOf(List.of("http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"))),
                constraint("lambda", "CreateFunctionRequest", "FunctionName",
                        "If you specify only the function name, it is limited to 64 characters in length.",
                        value -> String.valueOf(value).contains(":") || String.valueOf(value).length() <= 64 ? List.of()
                                : Violation.of("a function name of %d characters, more than 64".formatted(String.valueOf(value).length()))),
                constraint("lambda", "CreateFunctionRequest", "Timeout", "The maximum allowed value is 900 seconds.", between(1, 900)));
    }
}
