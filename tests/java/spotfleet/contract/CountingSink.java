package spotfleet.contract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A {@link DocumentCheck.Sink} that keeps what a document check reported, for unit tests. */
final class CountingSink implements DocumentCheck.Sink {

    final Map<CheckKind, Integer> checks = new EnumMap<>(CheckKind.class);
    final List<String> failures = new ArrayList<>();

    @Override
    public void checked(CheckKind kind) {
        checks.merge(kind, 1, Integer::sum);
    }

    @Override
    public void fail(String path, CheckKind kind, String message) {
        failures.add(path + ": " + message);
    }

    static CountingSink check(DocumentCheck check, String json) {
        var sink = new CountingSink();
        check.check(new com.google.gson.Gson().fromJson(json, Object.class), sink);
        return sink;
    }
}
