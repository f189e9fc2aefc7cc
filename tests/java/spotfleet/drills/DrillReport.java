package spotfleet.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A drill's figures: printed to the build log and written to {@code target/drills/<drill>.txt}. */
final class DrillReport {

    static final Path DIRECTORY = Path.of("target", "drills");

    private final String drill;
    private final List<String> lines = new ArrayList<>();

    DrillReport(String drill) {
        this.drill = drill;
    }

    DrillReport add(String figure, Object value) {
        lines.add("%-44s %s".formatted(figure + ":", value));
        return this;
    }

    /** Prints and writes what was measured so far; called before the assertions, so a failed drill leaves its figures too. */
    void publish() {
        var text = new StringBuilder("== drill: %s (%s)%n".formatted(drill, Instant.now()));
        lines.forEach(line -> text.append(line).append(System.lineSeparator()));
        System.out.print(text);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(drill + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
