package spotfleet.acceptance;

/**
 * One request of the load as the client saw it: when it was sent (epoch ms), how long until its answer or error (ms),
 * and the outcome, an HTTP status code or {@code timeout} / {@code error:<exception>}.
 */
record RequestRecord(long sentAtMillis, double latencyMillis, String outcome) {

    /** The promise's definition of success: a 2xx answer. Anything else (5xx, 4xx, reset, timeout) failed. */
    boolean succeeded() {
        return outcome.length() == 3 && outcome.charAt(0) == '2';
    }
}
