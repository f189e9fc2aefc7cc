package spotfleet.infra;

import org.junit.jupiter.api.Test;
import spotfleet.infra.components.Network;
import spotfleet.infra.config.StackSettings;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Component arguments and settings are records read by name: past seven components a call site is a row of values
 * whose order only the declaration knows (swapping two Output<String> compiles). Group them into smaller records.
 */
class RecordSizeTest {

    static final int MAX_COMPONENTS = 7;

    @Test
    void noRecordOfTheComponentsOrTheConfigHasMoreThanSevenComponents() throws Exception {
        // given every class compiled from components/ and config/
        var records = Stream.concat(classesBeside(Network.class), classesBeside(StackSettings.class))
                .filter(Class::isRecord)
                .toList();
        assertThat(records).as("records found").hasSizeGreaterThan(10);
        // when
        var tooLong = records.stream()
                .filter(type -> type.getRecordComponents().length > MAX_COMPONENTS)
                .map(type -> "%s (%d components)".formatted(type.getName(), type.getRecordComponents().length))
                .toList();
        // then
        assertThat(tooLong).as("records with more than %d components", MAX_COMPONENTS).isEmpty();
    }

    /** The classes, nested ones included, compiled into the package directory of {@code anchor}. */
    private static Stream<Class<?>> classesBeside(Class<?> anchor) throws IOException, URISyntaxException {
        var directory = Path.of(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParent();
        List<Class<?>> classes;
        try (var files = Files.list(directory)) {
            classes = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .<Class<?>>map(name -> load(anchor.getPackageName() + "." + name.substring(0, name.length() - ".class".length())))
                    .toList();
        }
        return classes.stream();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RecordSizeTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
