package spotfleet.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EC2 instance type name split into its parts: series, generation, attributes, size
 * ({@code c6gn.2xlarge} is series {@code c}, generation 6, attributes {@code gn}, size {@code 2xlarge}).
 */
public record InstanceType(String name, String series, int generation, String attributes, String size) {

    private static final Pattern NAME = Pattern.compile(
            "(?<series>[a-z]+)(?<generation>[0-9]+)(?<attributes>[a-z]*)(?<flex>-flex)?"
                    + "\\.(?<size>nano|micro|small|medium|large|(?:[1-9][0-9]*)?xlarge|metal(?:-[1-9][0-9]*xl)?)");

    /** The type named {@code name}, or empty when the text is not shaped like an instance type name. */
    public static Optional<InstanceType> parse(String name) {
        var m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new InstanceType(name, m.group("series"), Integer.parseInt(m.group("generation")),
                m.group("attributes"), m.group("size")));
    }

    /** The family, everything before the dot: {@code m7i-flex} for {@code m7i-flex.large}. */
    public String family() {
        return name.substring(0, name.indexOf('.'));
    }

    /**
     * Graviton families carry the attribute letter {@code g} after the generation digit (t4g, m7g, c6gn,
     * x2gd, im4gn, is4gen, g5g); a1 is the first-generation Graviton and predates that naming.
     */
    public Architecture architecture() {
        var graviton = attributes.contains("g") || family().equals("a1");
        return graviton ? Architecture.ARM64 : Architecture.X86_64;
    }

    /** Burstable performance (T series: t2, t3, t3a, t4g), which earns and spends CPU credits. */
    public boolean burstable() {
        return series.equals("t");
    }

    @Override
    public String toString() {
        return name;
    }
}
