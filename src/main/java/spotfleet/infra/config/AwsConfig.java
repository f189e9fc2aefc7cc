package spotfleet.infra.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.pulumi.aws.ProviderArgs;
import spotfleet.infra.config.AwsConfigKey.Field;
import spotfleet.infra.config.AwsConfigKey.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code aws:} stack config: every setting pulumi-aws 6.83.0's provider accepts, with the provider's own names
 * and shapes (those of {@code com.pulumi.aws.ProviderArgs}; {@code AwsConfigTest} holds this list to the class).
 * The program's explicit provider does not read the {@code aws:} namespace by itself, so {@link #parse} reads it here,
 * rejects keys the provider does not know (a typo in {@code aws:allowedAccountIds} would otherwise deploy into any
 * account) and values of the wrong shape, and the program hands the rest to its provider.
 */
public final class AwsConfig {

    public static final String NAMESPACE = "aws";
    /** The tags the program puts on everything itself; a stack cannot set them to something else. */
    public static final Set<String> PROGRAM_TAGS = Set.of("Project", "Stack", "ManagedBy");

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /**
     * The provider's credentials: pulumi-aws marks them secret outputs of the provider itself
     * ({@code com.pulumi.aws.Provider}'s {@code additionalSecretOutputs}; AwsConfigTest reads them there).
     */
    static final Set<String> CREDENTIALS = Set.of("accessKey", "secretKey", "token");

    /** Every key, alphabetically: each {@code @Import} field of ProviderArgs with the shape of its type. */
    public static final List<AwsConfigKey> KEYS = AwsConfigKey.read(ProviderArgs.class, CREDENTIALS);

    private static final Map<String, AwsConfigKey> BY_NAME = KEYS.stream()
            .collect(Collectors.toMap(AwsConfigKey::name, Function.identity()));

    private AwsConfig() {
    }

    public static Optional<AwsConfigKey> key(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The AWS settings in {@code raw} (qualified key to the text Pulumi hands the program: scalars as text, objects
     * and lists as JSON), every problem added to {@code problems}. {@code secretKeys} are the keys Pulumi holds as
     * secrets ({@code pulumi config set --secret}); they stay secret, as do the provider's own credentials, and no
     * message repeats their value.
     */
    static AwsSettings parse(Map<String, String> raw, Set<String> secretKeys, Problems problems) {
        var values = new TreeMap<String, AwsSettings.Value>();
        for (var qualified : new TreeSet<>(raw.keySet())) {
            if (!qualified.startsWith(NAMESPACE + ":")) {
                continue;
            }
            var name = qualified.substring(NAMESPACE.length() + 1);
            var key = BY_NAME.get(name);
            if (key == null) {
                problems.add(unknown(qualified, name, BY_NAME.keySet(), "a setting of the AWS provider (pulumi-aws 6.83.0)"));
                continue;
            }
            var secret = key.credential() || secretKeys.contains(qualified)
                    || (name.equals("assumeRoleWithWebIdentity") && raw.get(qualified).contains("webIdentityToken\""));
            var shown = secret ? AwsSettings.SECRET : raw.get(qualified);
            var before = problems.size();
            var value = parseValue(key, raw.get(qualified), shown, problems);
            if (problems.size() == before) {
                values.put(name, new AwsSettings.Value(value, secret));
            }
        }
        checkAccounts(values, problems);
        checkRegions(values, problems);
        return new AwsSettings(values);
    }

    /**
     * {@code aws:region} and {@code aws:stsRegion} must be regions AWS lists ({@link AwsRegions}), unless the stack sets
     * {@code aws:skipRegionValidation: true}: the provider's own switch for "a region not public yet, or an AWS-like
     * API", which then turns this check off too. Left to the provider, a typo is accepted (pulumi-aws defaults the
     * switch to true) and fails only at the first call to an endpoint that does not exist.
     */
    private static void checkRegions(Map<String, AwsSettings.Value> values, Problems problems) {
        var skip = values.get("skipRegionValidation");
        if (skip != null && Boolean.TRUE.equals(skip.value())) {
            return;
        }
        for (var name : List.of("region", "stsRegion")) {
            if (values.get(name) == null || AwsRegions.NAMES.contains(String.valueOf(values.get(name).value()))) {
                continue;
            }
            var region = String.valueOf(values.get(name).value());
            var closest = DidYouMean.allClosest(region, AwsRegions.NAMES);
            problems.add(closest.isEmpty()
                    ? ("aws:%s (%s) is not an AWS region. AWS's regions (%s): %s. A region newer than that list, or an"
                    + " AWS-like API: set aws:skipRegionValidation: true").formatted(name, region, AwsRegions.SOURCE,
                    String.join(", ", AwsRegions.NAMES))
                    : "aws:%s (%s) is not an AWS region: did you mean %s?".formatted(name, region, DidYouMean.either(closest)));
        }
    }

    private static Object parseValue(AwsConfigKey key, String raw, String shown, Problems problems) {
        var where = key.qualifiedName();
        var notShaped = "%s (%s) must be %s".formatted(where, shown, key.shape().expected());
        return switch (key.shape()) {
            case STRING -> {
                if (json(raw).filter(j -> j.isJsonObject() || j.isJsonArray()).isPresent()) {
                    problems.add(notShaped);
                }
                yield stringValue(key.name(), raw.trim(), where, problems);
            }
            case BOOLEAN -> switch (raw.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(notShaped);
                    yield null;
                }
            };
            case INTEGER -> {
                try {
                    var number = Integer.parseInt(raw.trim());
                    problems.check(number >= 0, "%s (%s) must be 0 or more".formatted(where, shown));
                    yield number;
                } catch (NumberFormatException e) {
                    problems.add(notShaped);
                    yield null;
                }
            }
            case STRING_LIST -> json(raw).flatMap(AwsConfig::strings).orElseGet(() -> {
                problems.add(notShaped);
                return null;
            });
            case OBJECT -> json(raw).filter(JsonElement::isJsonObject)
                    .map(object -> object(key, where, object, shown, problems))
                    .orElseGet(() -> {
                        problems.add(notShaped + ", e.g. " + example(key));
                        return null;
                    });
            case OBJECT_LIST -> json(raw).filter(JsonElement::isJsonArray).map(array -> {
                var objects = new ArrayList<Map<String, Object>>();
                for (int i = 0; i < array.getAsJsonArray().size(); i++) {
                    var item = array.getAsJsonArray().get(i);
                    if (item.isJsonObject()) {
                        objects.add(object(key, where + "[" + i + "]", item, shown, problems));
                    } else {
                        problems.add("%s[%d] (%s) must be an object".formatted(where, i, shown));
                    }
                }
                return (Object) objects;
            }).orElseGet(() -> {
                problems.add(notShaped + ", e.g. [{\"s3\": \"http://localhost:4566\"}]");
                return null;
            });
        };
    }

    /** Values the provider takes from a fixed set, per pulumi-aws's documentation of the key. */
    private static String stringValue(String name, String value, String where, Problems problems) {
        if (name.equals("ec2MetadataServiceEndpointMode")) {
            problems.check(value.equals("IPv4") || value.equals("IPv6"), "%s (%s) must be IPv4 or IPv6".formatted(where, value));
        }
        return value;
    }

    private static Map<String, Object> object(AwsConfigKey key, String where, JsonElement json, String shown,
                                              Problems problems) {
        var object = new LinkedHashMap<String, Object>();
        for (var entry : new TreeMap<>(json.getAsJsonObject().asMap()).entrySet()) {
            var field = key.fields().get(entry.getKey());
            var at = where + "." + entry.getKey();
            if (field == null) {
                problems.add(unknown(at, entry.getKey(), key.fields().keySet(), "a field of " + key.qualifiedName()));
                continue;
            }
            var shownField = shown.equals(AwsSettings.SECRET) ? AwsSettings.SECRET : entry.getValue().toString();
            var value = switch (field) {
                case STRING -> entry.getValue().isJsonPrimitive() && entry.getValue().getAsJsonPrimitive().isString()
                        ? Optional.<Object>of(entry.getValue().getAsString()) : Optional.empty();
                case STRING_LIST -> strings(entry.getValue()).map(Object.class::cast);
                case STRING_MAP -> stringMap(entry.getValue()).map(Object.class::cast);
            };
            value.ifPresentOrElse(v -> object.put(entry.getKey(), v),
                    () -> problems.add("%s (%s) must be %s".formatted(at, shownField, field.expected())));
        }
        if (key.name().equals("defaultTags") && object.get("tags") instanceof Map<?, ?> tags) {
            tags.keySet().stream().filter(PROGRAM_TAGS::contains).sorted().forEach(tag -> problems.add(
                    ("%s.tags.%s is one of the tags the program sets itself (%s): Project and Stack come from the"
                            + " Pulumi project and stack names, ManagedBy is pulumi; remove it")
                            .formatted(where, tag, String.join(", ", new TreeSet<>(PROGRAM_TAGS)))));
        }
        return object;
    }

    /** The provider checks the account only against one of the two lists (terraform-provider-aws: ConflictsWith). */
    private static void checkAccounts(Map<String, AwsSettings.Value> values, Problems problems) {
        for (var list : List.of("allowedAccountIds", "forbiddenAccountIds")) {
            if (values.get(list) != null && values.get(list).value() instanceof List<?> ids) {
                ids.stream().map(String::valueOf).filter(id -> !ACCOUNT_ID.matcher(id).matches()).forEach(id ->
                        problems.add("aws:%s entry (%s) is not an AWS account id: 12 digits, e.g. 123456789012".formatted(list, id)));
            }
        }
        problems.check(!(values.containsKey("allowedAccountIds") && values.containsKey("forbiddenAccountIds")),
                "aws:allowedAccountIds and aws:forbiddenAccountIds are both set: the provider takes one or the other");
    }

    private static String example(AwsConfigKey key) {
        return switch (key.name()) {
            case "assumeRole" -> "{\"roleArn\": \"arn:aws:iam::123456789012:role/deploy\", \"sessionName\": \"pulumi\"}";
            case "assumeRoleWithWebIdentity" -> "{\"roleArn\": \"arn:aws:iam::123456789012:role/deploy\", \"webIdentityTokenFile\": \"/var/run/token\"}";
            case "defaultTags" -> "{\"tags\": {\"CostCenter\": \"1234\"}}";
            default -> "{\"keys\": [\"CreatedBy\"]}";
        };
    }

    /** {@code what} is not known: the message names it, and the closest known name when one is close. */
    static String unknown(String where, String name, Set<String> known, String whatItIsNot) {
        var prefix = where.substring(0, where.length() - name.length());
        return DidYouMean.closest(name, known)
                .map(candidate -> "%s is not %s: did you mean %s%s?".formatted(where, whatItIsNot, prefix, candidate))
                .orElseGet(() -> "%s is not %s (known: %s)".formatted(where, whatItIsNot,
                        String.join(", ", new TreeSet<>(known))));
    }

    private static Optional<JsonElement> json(String raw) {
        try {
            return Optional.of(JsonParser.parseString(raw));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> strings(JsonElement json) {
        if (!json.isJsonArray() || !json.getAsJsonArray().asList().stream().allMatch(AwsConfig::isString)) {
            return Optional.empty();
        }
        return Optional.of(json.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList());
    }

    private static Optional<Map<String, String>> stringMap(JsonElement json) {
        if (!json.isJsonObject() || !json.getAsJsonObject().asMap().values().stream().allMatch(AwsConfig::isString)) {
            return Optional.empty();
        }
        var map = new TreeMap<String, String>();
        json.getAsJsonObject().asMap().forEach((k, v) -> map.put(k, v.getAsString()));
        return Optional.of(map);
    }

    private static boolean isString(JsonElement json) {
        return json.isJsonPrimitive() && json.getAsJsonPrimitive().isString();
    }
}
