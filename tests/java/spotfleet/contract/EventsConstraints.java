package spotfleet.contract;

import java.util.List;

import static spotfleet.contract.DocumentedConstraints.constraint;

/** EventBridge's documented-only constraints, quoted from botocore/data/events/2015-10-07/service-2.json. */
final class EventsConstraints {

    /** rate(1 minute), rate(5 minutes): the unit singular for 1, plural otherwise. */
    private static final String RATE = "rate\\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\\)";
    /** cron(minutes hours day-of-month month day-of-week year): six fields. */
    private static final String CRON = "cron\\(\\S+( \\S+){5}\\)";

    private EventsConstraints() {
    }

    static List<DocumentedConstraint> all() {
        return List.of(constraint("events", "PutRuleRequest", "ScheduleExpression",
                "The scheduling expression. For example, \"cron(0 20 * * ? *)\" or \"rate(5 minutes)\".",
                value -> String.valueOf(value).matches(RATE + "|" + CRON) ? List.of()
                        : Violation.of("\"%s\" is neither rate(<n> <unit>) nor cron(<6 fields>)".formatted(value))));
    }
}
