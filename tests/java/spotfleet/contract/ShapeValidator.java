package spotfleet.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one {@link ApiRequest} against its operation's input shape in the botocore model: member names, required
 * members, types, enums, numeric ranges, lengths, list and map sizes and patterns, then the documented constraints
 * of each member. Members and values the model does not know are accepted only through the {@link AllowList}.
 */
final class ShapeValidator {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final ServiceModels models;
    private final DocumentedConstraints documented;
    private final AllowList allowList;
    private final Coverage coverage;
    private final List<Finding> findings;

    ShapeValidator(ServiceModels models, DocumentedConstraints documented, AllowList allowList, Coverage coverage,
                   List<Finding> findings) {
        this.models = models;
        this.documented = documented;
        this.allowList = allowList;
        this.coverage = coverage;
        this.findings = findings;
    }

    void validate(ApiRequest request) {
        var model = models.service(request.service());
        var input = model.input(request.operation());
        if (input.isPresent()) {
            check(request, model, input.get(), request.body(), "");
            return;
        }
        // An operation AWS added after the models: only with an allow-list entry, checked against the AWS SDK's class.
        var entry = allowList.find(AllowList.Key.operation(request.service(), request.operation()));
        count(request, CheckKind.ALLOW_LIST);
        if (entry.isEmpty() || entry.get().sdk().isEmpty()) {
            fail(request, "", request.operation(), CheckKind.MEMBER, "%s has no operation %s, and the allow-list (%s) has no "
                    .formatted(model.source(), request.operation(), AllowList.FILE) + "entry with AWS SDK evidence for it");
            return;
        }
        SdkShapes.checkStructure(SdkShapes.load(entry.get().sdk().get()), request.body(), "", kind -> count(request, kind))
                .forEach(v -> fail(request, v.subPath(), entry.get().sdk().get(), CheckKind.ALLOW_LIST, v.message()));
    }

    private void check(ApiRequest request, ServiceModel model, Shape shape, Object value, String path) {
        if (PlanResource.isComputed(value)) {
            count(request, CheckKind.COMPUTED);
            return;
        }
        if (value instanceof RequestBuilder.NotJson notJson) {
            count(request, CheckKind.JSON);
            fail(request, path, shape, CheckKind.JSON, "not JSON the provider can parse: " + notJson.error());
            return;
        }
        count(request, CheckKind.TYPE);
        switch (shape.type()) {
            case "structure" -> structure(request, model, shape, value, path);
            case "list" -> list(request, model, shape, value, path);
            case "map" -> map(request, model, shape, value, path);
            case "string" -> string(request, shape, value, path);
            case "integer", "long" -> number(request, shape, value, path, true);
            case "double", "float" -> number(request, shape, value, path, false);
            case "boolean" -> expect(request, shape, value, path, value instanceof Boolean, "a boolean");
            case "timestamp" -> expect(request, shape, value, path, value instanceof String || value instanceof Number, "a timestamp");
            case "blob" -> expect(request, shape, value, path, value instanceof String, "base64 text");
            default -> fail(request, path, shape, CheckKind.TYPE, "shape type %s is not supported by the check".formatted(shape.type()));
        }
    }

    private void structure(ApiRequest request, ServiceModel model, Shape shape, Object value, String path) {
        if (!expect(request, shape, value, path, value instanceof Map<?, ?>, "a structure")) {
            return;
        }
        var map = (Map<?, ?>) value;
        var members = shape.members();
        for (var required : shape.required()) {
            count(request, CheckKind.REQUIRED);
            if (!map.containsKey(required) || map.get(required) == null) {
                fail(request, PlanPaths.key(path, required), shape, CheckKind.REQUIRED,
                        "required member %s of %s is missing".formatted(required, shape.name()));
            }
        }
        map.forEach((key, member) -> {
            var name = String.valueOf(key);
            var memberPath = PlanPaths.key(path, name);
            count(request, CheckKind.MEMBER);
            if (!members.containsKey(name)) {
                newMember(request, shape, name, member, memberPath);
                return;
            }
            if (member == null) {
                return;
            }
            check(request, model, model.shape(members.get(name)), member, memberPath);
            if (!PlanResource.isComputed(member)) {
                documented(request, shape, name, member, memberPath);
            }
        });
        documented(request, shape, "", map, path);
    }

    /** A member the model does not have: AWS may have added it later (allow-list, checked by the SDK), else a mistake. */
    private void newMember(ApiRequest request, Shape shape, String member, Object value, String path) {
        var entry = allowList.find(AllowList.Key.member(shape.service(), shape.name(), member));
        if (entry.isEmpty()) {
            fail(request, path, shape, CheckKind.MEMBER, "%s has no member %s in %s (allow-list it with evidence if AWS added it later)"
                    .formatted(shape.name(), member, models.service(shape.service()).source()));
            return;
        }
        count(request, CheckKind.ALLOW_LIST);
        if (entry.get().sdk().isPresent()) {
            var sdkClass = SdkShapes.load(entry.get().sdk().get());
            var field = SdkShapes.field(sdkClass, member).orElseThrow(() -> new IllegalStateException(
                    "allow-list: %s has no member %s".formatted(sdkClass.getName(), member)));
            SdkShapes.checkField(sdkClass, field, value, path, kind -> count(request, kind))
                    .forEach(v -> fail(request, v.subPath(), sdkClass.getSimpleName(), CheckKind.ALLOW_LIST, v.message()));
        }
    }

    private void list(ApiRequest request, ServiceModel model, Shape shape, Object value, String path) {
        if (!expect(request, shape, value, path, value instanceof List<?>, "a list")) {
            return;
        }
        var list = (List<?>) value;
        size(request, shape, list.size(), path);
        var member = model.shape(shape.listMember());
        for (int i = 0; i < list.size(); i++) {
            check(request, model, member, list.get(i), PlanPaths.index(path, i));
        }
    }

    private void map(ApiRequest request, ServiceModel model, Shape shape, Object value, String path) {
        if (!expect(request, shape, value, path, value instanceof Map<?, ?>, "a map")) {
            return;
        }
        var map = (Map<?, ?>) value;
        size(request, shape, map.size(), path);
        var keyShape = model.shape(shape.mapKey());
        var valueShape = model.shape(shape.mapValue());
        map.forEach((k, v) -> {
            var entryPath = PlanPaths.key(path, String.valueOf(k));
            check(request, model, keyShape, String.valueOf(k), entryPath);
            check(request, model, valueShape, v, entryPath);
        });
    }

    private void size(ApiRequest request, Shape shape, int size, String path) {
        if (shape.min().isPresent() || shape.max().isPresent()) {
            count(request, CheckKind.SIZE);
            if (shape.min().isPresent() && size < shape.min().getAsDouble() || shape.max().isPresent() && size > shape.max().getAsDouble()) {
                fail(request, path, shape, CheckKind.SIZE, "%d items, outside %s's %s".formatted(size, shape.name(), bounds(shape)));
            }
        }
    }

    private void string(ApiRequest request, Shape shape, Object value, String path) {
        if (!expect(request, shape, value, path, value instanceof String, "a string")) {
            return;
        }
        var text = (String) value;
        if (!shape.enumValues().isEmpty()) {
            count(request, CheckKind.ENUM);
            if (!shape.enumValues().contains(text)) {
                if (allowList.find(AllowList.Key.value(shape.service(), shape.name(), text)).isPresent()) {
                    count(request, CheckKind.ALLOW_LIST);
                } else {
                    fail(request, path, shape, CheckKind.ENUM, "\"%s\" is not one of %s's values %s".formatted(text, shape.name(), shape.enumValues()));
                }
            }
        }
        if (shape.min().isPresent() || shape.max().isPresent()) {
            count(request, CheckKind.LENGTH);
            var length = text.codePointCount(0, text.length());
            if (shape.min().isPresent() && length < shape.min().getAsDouble() || shape.max().isPresent() && length > shape.max().getAsDouble()) {
                fail(request, path, shape, CheckKind.LENGTH, "%d characters, outside %s's length %s".formatted(length, shape.name(), bounds(shape)));
            }
        }
        if (shape.pattern().isPresent()) {
            count(request, CheckKind.PATTERN);
            // AWS matches the whole value: "Member must satisfy regular expression pattern: ..."
            if (!PATTERNS.computeIfAbsent(shape.pattern().get(), Pattern::compile).matcher(text).matches()) {
                fail(request, path, shape, CheckKind.PATTERN, "\"%s\" does not match %s's pattern %s".formatted(text, shape.name(), shape.pattern().get()));
            }
        }
    }

    private void number(ApiRequest request, Shape shape, Object value, String path, boolean whole) {
        var ok = value instanceof Number n && (!whole || n.doubleValue() == Math.rint(n.doubleValue()));
        if (!expect(request, shape, value, path, ok, whole ? "a whole number" : "a number")) {
            return;
        }
        var number = ((Number) value).doubleValue();
        if (shape.min().isPresent() || shape.max().isPresent()) {
            count(request, CheckKind.RANGE);
            if (shape.min().isPresent() && number < shape.min().getAsDouble() || shape.max().isPresent() && number > shape.max().getAsDouble()) {
                fail(request, path, shape, CheckKind.RANGE, "%s is outside %s's range %s".formatted(DocumentedConstraints.quoted(value), shape.name(), bounds(shape)));
            }
        }
    }

    private boolean expect(ApiRequest request, Shape shape, Object value, String path, boolean ok, String what) {
        if (!ok) {
            fail(request, path, shape, CheckKind.TYPE, "expected %s (%s is %s), not %s".formatted(what, shape.name(), shape.type(),
                    DocumentedConstraints.quoted(value)));
        }
        return ok;
    }

    private void documented(ApiRequest request, Shape structure, String member, Object value, String path) {
        for (var constraint : documented.on(structure.service(), structure.name(), member)) {
            count(request, CheckKind.DOC_TEXT);
            for (var violation : constraint.rule().apply(value)) {
                if (violation.allowable().isPresent() && allowList.find(violation.allowable().get()).isPresent()) {
                    count(request, CheckKind.ALLOW_LIST);
                    continue;
                }
                var at = violation.subPath().isEmpty() ? path : PlanPaths.key(path, violation.subPath());
                fail(request, at, structure.name() + (member.isEmpty() ? "" : "." + member), CheckKind.DOC_TEXT, violation.message());
            }
        }
    }

    private static String bounds(Shape shape) {
        return "[%s..%s]".formatted(shape.min().isPresent() ? (long) shape.min().getAsDouble() : "",
                shape.max().isPresent() ? (long) shape.max().getAsDouble() : "");
    }

    private void count(ApiRequest request, CheckKind kind) {
        coverage.count(request.resource().type(), kind);
    }

    private void fail(ApiRequest request, String path, Shape shape, CheckKind kind, String message) {
        fail(request, path, shape.name(), kind, message);
    }

    private void fail(ApiRequest request, String path, String shape, CheckKind kind, String message) {
        var resource = request.resource();
        findings.add(new Finding(resource.stack(), resource.type(), resource.name(), request.sourceOf(path), request.label(),
                path, request.service() + ":" + shape, kind, message));
    }
}
