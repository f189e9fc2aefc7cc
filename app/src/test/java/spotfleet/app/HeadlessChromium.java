package spotfleet.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's chromium, headless, loading one page and returning the DOM once the page's scripts are done. */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Virtual time stops while network requests are pending, so fetches finish inside this budget. */
    private static final int VIRTUAL_TIME_BUDGET_MS = 10_000;
    private static final long TIMEOUT_SECONDS = 60;

    private HeadlessChromium() {
    }

    /** Fails, rather than skips, where chromium is missing: the CORS check would silently not run. */
    static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " not found: the browser CORS test needs Debian's chromium. "
                                             + "Install it with: sudo apt-get install -y chromium (.ci/run does)");
        }
    }

    static String dumpDom(String url) {
        requireInstalled();
        Path profile = null;
        try {
            profile = Files.createTempDirectory("chromium-profile");
            Process chromium = new ProcessBuilder(List.of(
                    CHROMIUM.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS,
                    "--dump-dom", url))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            chromium.getOutputStream().close();
            byte[] dom = chromium.getInputStream().readAllBytes();
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s loading " + url);
            }
            return new String(dom, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
