package spotfleet.drills;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A program from the OS the drills drive (nginx, wrk); missing, the drill fails saying how to install it. */
final class SystemTool {

    private SystemTool() {
    }

    static Path find(String program, String debianPackage) {
        var path = System.getenv().getOrDefault("PATH", "");
        // nginx lives in /usr/sbin, which a non-root PATH often leaves out
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("%s is needed by this drill and is not installed: sudo apt-get install -y %s"
                        .formatted(program, debianPackage)));
    }
}
