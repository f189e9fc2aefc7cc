package spotfleet.contract;

/**
 * The rules of one kind of JSON document AWS takes as text (IAM policies, EventBridge patterns, dashboard bodies,
 * ECR lifecycle policies), checked on the parsed document. Each rule quotes where AWS states it.
 */
public interface DocumentCheck {

    /** How findings name the document kind, e.g. {@code IAM policy}. */
    String kind();

    /** Checks {@code document} (parsed: maps, lists, strings, doubles, booleans), reporting to {@code sink}. */
    void check(Object document, Sink sink);

    /** Where a document check reports. */
    interface Sink {

        /** One rule was applied (passed or not), for the coverage report. */
        void checked(CheckKind kind);

        /** {@code path} (inside the document, e.g. {@code Statement[0].Effect}) breaks {@code rule}. */
        void fail(String path, CheckKind kind, String message);

        /** Whether a value is only known at deploy time (its checks are skipped). */
        default boolean computed(Object value) {
            return PlanResource.isComputed(value);
        }
    }
}
