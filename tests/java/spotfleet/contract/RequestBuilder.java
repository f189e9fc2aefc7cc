package spotfleet.contract;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fills one {@link ApiRequest} from a planned resource's inputs, the way the provider's create function does.
 * Nested values are copied under the operation's input shape: plan keys become the members they name (ignoring
 * case), and everything copied remembers its plan path.
 */
public final class RequestBuilder {

    private final ResourceRequests owner;
    private final ApiRequest request;
    private final ServiceModel model;

    RequestBuilder(ResourceRequests owner, ApiRequest request, ServiceModel model) {
        this.owner = owner;
        this.request = request;
        this.model = model;
    }

    /** The plan's {@code planPath}, as it is, into {@code memberPath} (nested keys matched to members by name). */
    public RequestBuilder copy(String planPath, String memberPath) {
        return copy(planPath, memberPath, Conversion.byName());
    }

    public RequestBuilder copy(String planPath, String memberPath, Conversion conversion) {
        owner.input(planPath).ifPresent(value -> {
            owner.consume(planPath);
            put(memberPath, planPath, value, conversion);
        });
        return this;
    }

    /** Each of the plan's top-level {@code planKeys} into the member of the structure at {@code structurePath} it names. */
    public RequestBuilder into(String structurePath, Conversion conversion, String... planKeys) {
        var structure = shapeAt(structurePath);
        for (var key : planKeys) {
            copy(key, PlanPaths.key(structurePath, conversion.member(key, structure)), conversion);
        }
        return this;
    }

    /** The plan's {@code planPath} into {@code memberPath}, converted first (the provider's own conversion). */
    public RequestBuilder copy(String planPath, String memberPath, Function<Object, Object> convert) {
        owner.input(planPath).ifPresent(value -> {
            owner.consume(planPath);
            put(memberPath, planPath, PlanResource.isComputed(value) ? value : convert.apply(value), Conversion.byName());
        });
        return this;
    }

    /** A value the provider itself puts into the request ({@code why} says so in messages). */
    public RequestBuilder set(String memberPath, Object value, String why) {
        put(memberPath, "(" + why + ")", value, Conversion.byName());
        return this;
    }

    /** The resource's {@code name} input, or the name Pulumi generates when the program sets none. */
    public RequestBuilder name(String memberPath) {
        return name("name", memberPath);
    }

    public RequestBuilder name(String planPath, String memberPath) {
        if (owner.input(planPath).isPresent()) {
            return copy(planPath, memberPath);
        }
        return set(memberPath, owner.resource().autoName(), "Pulumi auto-name: <logical name>-<7 hex digits>");
    }

    /** A JSON text the provider parses into the request's structures (ECS container definitions). */
    public RequestBuilder json(String planPath, String memberPath) {
        owner.input(planPath).ifPresent(value -> {
            owner.consume(planPath);
            put(memberPath, planPath + "(json)", parse(value), Conversion.byName());
        });
        return this;
    }

    /** A JSON document sent as text in {@code memberPath}, checked as text by the model and parsed by {@code check}. */
    public RequestBuilder document(String planPath, String memberPath, DocumentCheck check) {
        owner.input(planPath).ifPresent(value -> {
            owner.consume(planPath);
            put(memberPath, planPath, value, Conversion.byName());
            request.documents().add(new ApiRequest.EmbeddedDocument(memberPath, planPath, String.valueOf(value), check));
        });
        return this;
    }

    /** The provider's default tags merged with the resource's {@code tags}, in {@code form}; none, no member. */
    public RequestBuilder tags(Tags.Form form) {
        owner.consume("tags");
        var merged = Tags.merged(owner.defaultTags(), owner.input("tags").orElse(Map.of()));
        for (int i = 0; i < merged.size(); i++) {
            form.write(this, i, merged.get(i));
        }
        return this;
    }

    /** Puts {@code value} (copied from {@code source}) at {@code memberPath}, creating the structures on the way. */
    void put(String memberPath, String source, Object value, Conversion conversion) {
        var steps = PlanPaths.steps(memberPath);
        Object container = request.body();
        for (int i = 0; i < steps.size() - 1; i++) {
            container = child(container, steps.get(i), steps.get(i + 1) instanceof Integer);
        }
        var copied = copy(value, shapeAt(memberPath), source, memberPath, conversion);
        var last = steps.getLast();
        if (container instanceof Map<?, ?> map && last instanceof String key) {
            cast(map).put(key, copied);
        } else if (container instanceof List<?> list && last instanceof Integer index) {
            var items = castList(list);
            while (items.size() <= index) {
                items.add(null);
            }
            items.set(index, copied);
        }
        request.sources().put(memberPath, source);
    }

    private Object child(Object container, Object step, boolean list) {
        if (container instanceof Map<?, ?> map && step instanceof String key) {
            return cast(map).computeIfAbsent(key, k -> list ? new ArrayList<>() : new LinkedHashMap<>());
        }
        var items = castList((List<?>) container);
        var index = (Integer) step;
        while (items.size() <= index) {
            items.add(list ? new ArrayList<>() : new LinkedHashMap<>());
        }
        return items.get(index);
    }

    /** A deep copy of {@code value} for a member of shape {@code shape}, with its plan sources recorded. */
    private Object copy(Object value, Shape shape, String source, String memberPath, Conversion conversion) {
        request.sources().put(memberPath, source);
        var type = shape == null ? "" : shape.type();
        if (value instanceof Map<?, ?> map && !type.equals("map")) {
            var copied = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> {
                var key = String.valueOf(k);
                var member = conversion.member(key, shape != null && shape.isStructure() ? shape : null);
                var memberShape = shape != null && shape.isStructure() && shape.members().containsKey(member)
                        ? model.shape(shape.members().get(member)) : null;
                copied.put(member, copy(conversion.value(key, v), memberShape, PlanPaths.key(source, key),
                        PlanPaths.key(memberPath, member), conversion));
            });
            return copied;
        }
        if (value instanceof Map<?, ?> map) {
            var copied = new LinkedHashMap<String, Object>();
            var valueShape = model.shape(shape.mapValue());
            map.forEach((k, v) -> copied.put(String.valueOf(k),
                    copy(v, valueShape, PlanPaths.key(source, String.valueOf(k)), PlanPaths.key(memberPath, String.valueOf(k)), conversion)));
            return copied;
        }
        if (value instanceof List<?> list) {
            var memberShape = type.equals("list") ? model.shape(shape.listMember()) : null;
            var copied = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copied.add(copy(list.get(i), memberShape, PlanPaths.index(source, i), PlanPaths.index(memberPath, i), conversion));
            }
            return copied;
        }
        return value;
    }

    /** The model's shape for {@code memberPath} of this operation's input; null where the model has none. */
    private Shape shapeAt(String memberPath) {
        var shape = model.input(request.operation()).orElse(null);
        for (var step : PlanPaths.steps(memberPath)) {
            if (shape == null) {
                return null;
            }
            if (step instanceof String member && shape.isStructure()) {
                var name = shape.members().get(member);
                shape = name == null ? null : model.shape(name);
            } else if (step instanceof Integer && shape.type().equals("list")) {
                shape = model.shape(shape.listMember());
            } else {
                return null;
            }
        }
        return shape;
    }

    private static Object parse(Object value) {
        if (PlanResource.isComputed(value) && !(value instanceof String text && text.trim().startsWith("["))) {
            return value;
        }
        try {
            return new Gson().fromJson(String.valueOf(value), Object.class);
        } catch (JsonParseException e) {
            return new NotJson(String.valueOf(value), e.getMessage());
        }
    }

    /** A text the provider would fail to parse as JSON. */
    public record NotJson(String text, String error) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> list) {
        return (List<Object>) list;
    }
}
