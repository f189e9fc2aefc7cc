package spotfleet.contract;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS accepts that Debian's botocore 1.29 models (December 2022, the floor the check must pass on) do not know
 * yet, in one file,
 * {@value #FILE}: enum values (instance types, Lambda runtimes), members and operations AWS added later. Each entry
 * carries its evidence; where it names an AWS SDK for Java v2 class ({@code sdk}), {@code AllowListTest} checks the
 * class really has the value, member or operation, so the list is verified rather than trusted.
 */
public final class AllowList {

    public static final String FILE = "tests/resources/aws-contract/allow-list.json";

    /**
     * What an entry allows: {@code value} of enum (or documented) shape {@code shape}; {@code member} of structure
     * {@code shape}; or {@code operation}.
     */
    public record Key(String service, String shape, String member, String value, String operation) {

        public static Key value(String service, String shape, String value) {
            return new Key(service, shape, "", value, "");
        }

        public static Key member(String service, String shape, String member) {
            return new Key(service, shape, member, "", "");
        }

        public static Key operation(String service, String operation) {
            return new Key(service, "", "", "", operation);
        }

        @Override
        public String toString() {
            return !operation.isEmpty() ? "%s operation %s".formatted(service, operation)
                    : !member.isEmpty() ? "%s %s.%s".formatted(service, shape, member)
                    : "%s %s \"%s\"".formatted(service, shape, value);
        }
    }

    /**
     * One entry.
     *
     * @param key      what it allows
     * @param evidence why AWS accepts it, in words
     * @param sdk      the AWS SDK for Java v2 class that proves it (an enum, or the structure or request class)
     * @param pulumi   where the SDK has no module here: the pulumi-aws 6.83.0 input ({@code Class#property}) that
     *                 makes the provider send it
     * @param source   where AWS or the provider states it (repository and path)
     */
    public record Entry(Key key, String evidence, Optional<String> sdk, Optional<String> pulumi, Optional<String> source) {
    }

    private final Map<Key, Entry> entries;
    private final Set<Key> used = Collections.synchronizedSet(new LinkedHashSet<>());

    private AllowList(Map<Key, Entry> entries) {
        this.entries = entries;
    }

    public static AllowList load() {
        return parse(read(Path.of(FILE)));
    }

    static AllowList parse(String json) {
        var entries = new LinkedHashMap<Key, Entry>();
        for (var element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("entries")) {
            var entry = element.getAsJsonObject();
            var key = new Key(text(entry, "service"), text(entry, "shape"), text(entry, "member"), text(entry, "value"),
                    text(entry, "operation"));
            var evidence = text(entry, "evidence");
            if (key.service().isEmpty() || evidence.isEmpty()) {
                throw new IllegalArgumentException("%s: every entry needs a service and its evidence: %s".formatted(FILE, entry));
            }
            if (entries.put(key, new Entry(key, evidence, optional(entry, "sdk"), optional(entry, "pulumi"),
                    optional(entry, "source"))) != null) {
                throw new IllegalArgumentException("%s lists %s twice".formatted(FILE, key));
            }
        }
        return new AllowList(entries);
    }

    /** The entry for {@code key}, if there is one; a found entry counts as used. */
    public Optional<Entry> find(Key key) {
        var entry = Optional.ofNullable(entries.get(key));
        entry.ifPresent(e -> used.add(key));
        return entry;
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entries {@code models} already know (the value, member or operation is in them): stale where those are the floor. */
    public List<Entry> knownTo(ServiceModels models) {
        return entries.values().stream().filter(entry -> knows(models, entry.key())).toList();
    }

    static boolean knows(ServiceModels models, Key key) {
        var model = models.service(key.service());
        if (!key.operation().isEmpty()) {
            return model.input(key.operation()).isPresent();
        }
        if (!key.member().isEmpty()) {
            return model.shape(key.shape()).members().containsKey(key.member());
        }
        return model.shape(key.shape()).enumValues().contains(key.value());
    }

    public Set<Key> used() {
        synchronized (used) {
            return Set.copyOf(used);
        }
    }

    private static String text(JsonObject entry, String key) {
        return entry.has(key) ? entry.get(key).getAsString() : "";
    }

    private static Optional<String> optional(JsonObject entry, String key) {
        return entry.has(key) ? Optional.of(entry.get(key).getAsString()) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the allow-list " + file, e);
        }
    }
}
