package spotfleet.infra.components;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON text for the AWS inputs that take documents (policies, container definitions). */
final class Json {
    // No HTML escaping: documents carry '=' and '<' verbatim, and AWS compares them as text.
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    static String of(Object document) {
        return GSON.toJson(document);
    }

    /** An object with its keys in the order given, so the text (and so the diff Pulumi shows) is stable. */
    static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("object() takes key, value pairs");
        }
        var object = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
