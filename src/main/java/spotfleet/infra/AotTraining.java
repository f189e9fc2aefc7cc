package spotfleet.infra;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * {@code args}: the tool's class path (jars, and {@code dir/*} for every jar in a directory, as {@code java -cp}
     * reads it), its main class, then the tool's arguments (pom.xml names them).
     */
    public static void main(String[] args) throws Exception {
        var classPath = new ArrayList<URL>();
        for (var entry : args[0].split(File.pathSeparator)) {
            if (entry.endsWith("/*")) {
                try (var jars = Files.newDirectoryStream(Path.of(entry.substring(0, entry.length() - 2)), "*.jar")) {
                    for (var jar : jars) {
                        classPath.add(jar.toUri().toURL());
                    }
                }
            } else {
                classPath.add(Path.of(entry).toUri().toURL());
            }
        }
        try (var tool = new URLClassLoader(classPath.toArray(URL[]::new), AotTraining.class.getClassLoader())) {
            tool.loadClass(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
