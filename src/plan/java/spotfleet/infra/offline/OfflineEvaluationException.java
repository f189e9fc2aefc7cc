package spotfleet.infra.offline;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The program failed under the mock engine; the message carries every error it reported. */
public final class OfflineEvaluationException extends RuntimeException {

    public OfflineEvaluationException(List<String> errors, List<Exception> exceptions) {
        super(Stream.concat(errors.stream(), exceptions.stream().map(OfflineEvaluationException::describe))
                        .collect(Collectors.joining("\n", "The program failed under the mock engine:\n", "")),
                exceptions.isEmpty() ? null : exceptions.getFirst());
    }

    private static String describe(Exception e) {
        var root = (Throwable) e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
