package spotfleet.infra;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The training run of the program's AOT cache ({@code train-program-aot-cache} in pom.xml): the plan tool evaluating
 * a stack under the mock engine, which runs the program's own code. The tool comes from its own jar through a class
 * loader of its own, so the program jar alone stays the class path the cache was trained on: {@code ./run-program}
 * uses the cache as is and {@code ./plan} appends the tool's jar, as JDK 25 allows (a later class path may extend the
 * training one), and the tool's classes are cached apart, loaded only when that loader asks, never by a program run.
 */
public final class AotTraining {

    private AotTraining() {
    }

    /** {@code args}: the tool's jar, its main class, then the tool's arguments (pom.xml names them). */
    public static void main(String[] args) throws Exception {
        var toolJar = Path.of(args[0]).toUri().toURL();
        try (var tool = new URLClassLoader(new URL[] {toolJar}, AotTraining.class.getClassLoader())) {
            tool.loadClass(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
