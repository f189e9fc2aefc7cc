package spotfleet.infra.plan;

import com.pulumi.asset.AssetOrArchive;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells the program's own values from the mock engine's stand-ins. Every value the mocks made up (ids, ARNs,
 * generated names, DNS names, digests, AMI ids, Availability Zones, the account) is replaced by
 * {@value #MARKER} wherever it appears in a declared input, whole or inside a longer text: what is left is
 * exactly what the program would send for a new stack.
 */
public final class ComputedValues {

    public static final String MARKER = "<computed>";
    /** Made-up values shorter than this (a version {@code 1}, the partition {@code aws}) only mark a whole value. */
    private static final int SHORTEST_MATCHED_INSIDE_TEXT = 8;
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private final Pattern insideText;
    private final List<String> wholeOnly;

    public ComputedValues(Collection<String> madeUp) {
        // Longest first, so a repository URL is replaced whole rather than its account id inside it.
        var inside = madeUp.stream()
                .filter(value -> value.length() >= SHORTEST_MATCHED_INSIDE_TEXT)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        this.insideText = inside.isEmpty() ? null : Pattern.compile(inside);
        this.wholeOnly = madeUp.stream().filter(value -> value.length() < SHORTEST_MATCHED_INSIDE_TEXT).toList();
    }

    /**
     * {@code value} (maps and lists walked through) with every made-up part replaced by {@value #MARKER}. Map keys
     * come out sorted and whole numbers as integers (the engine hands every number over as a double), so a plan
     * reads the same on every run.
     */
    public Object mark(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                var marked = new TreeMap<String, Object>();
                map.forEach((key, inner) -> marked.put(String.valueOf(key), mark(inner)));
                yield marked;
            }
            case List<?> list -> list.stream().map(this::mark).toList();
            case String text -> markText(text);
            case AssetOrArchive asset -> describe(asset);
            case Double number when number == Math.rint(number) && !number.isInfinite() -> number.longValue();
            case null, default -> value;
        };
    }

    /**
     * A file, text or archive handed to a resource (a function's code) as the reader needs it: a path as it is,
     * a text by its size and digest (a change shows), an archive by its entries.
     */
    private Object describe(AssetOrArchive asset) {
        var internal = AssetOrArchive.AssetOrArchiveInternal.from(asset);
        return switch (internal.getValue()) {
            case Map<?, ?> entries -> mark(entries);
            case String text when internal.getPropName().equals("text") -> "text(%d characters, sha256 %s)"
                    .formatted(text.length(), sha256(text).substring(0, 12));
            case Object location -> "%s(%s)".formatted(internal.getPropName(), location);
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String markText(String text) {
        if (wholeOnly.contains(text)) {
            return MARKER;
        }
        // User data is base64: a made-up cluster name inside it would otherwise pass unseen.
        var decoded = base64Text(text);
        var plain = decoded.orElse(text);
        var marked = insideText == null ? plain : insideText.matcher(plain).replaceAll(Matcher.quoteReplacement(MARKER));
        return decoded.isPresent() ? "base64(" + marked + ")" : marked;
    }

    /** The UTF-8 text {@code text} encodes in base64, if it is exactly that (and long enough to be more than a word). */
    static Optional<String> base64Text(String text) {
        if (!BASE64.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            var bytes = Base64.getDecoder().decode(text);
            var decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            var printable = decoded.chars().allMatch(c -> c == '\n' || c == '\t' || c == '\r' || !Character.isISOControl(c));
            return printable ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
