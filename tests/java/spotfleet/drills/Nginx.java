package spotfleet.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx (Debian's nginx-light) as the drill's load balancer, with its own prefix and config in a temporary directory,
 * on a free loopback port. Configured like the ALB in front of the service: HTTP/1.1 with keep-alive to the targets,
 * and no retry of a failed request on another target (the ALB does not retry either), so a target that drops
 * requests shows up as failed requests. Its upstream list is rewritten and reloaded to take a target out, which is
 * what deregistration does.
 */
final class Nginx implements AutoCloseable {

    /** Names the target that answered, so the client can tell which instance served each request. */
    static final String UPSTREAM_HEADER = "X-Upstream";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Path nginx;
    private final Path prefix;
    private final int port;
    private final Process process;

    private Nginx(Path nginx, Path prefix, int port, Process process) {
        this.nginx = nginx;
        this.prefix = prefix;
        this.port = port;
        this.process = process;
    }

    static Nginx start(List<Integer> targetPorts) {
        var nginx = SystemTool.find("nginx", "nginx-light");
        try {
            var prefix = Files.createTempDirectory("spotfleet-drill-nginx");
            // workers drop root to nobody when the build runs as root: they must reach their temp directories
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            var port = freePort();
            Files.writeString(prefix.resolve("nginx.conf"), config(prefix, port));
            writeUpstreams(prefix, targetPorts);
            var process = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", prefix.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("stdout.log").toFile())
                    .start();
            return new Nginx(nginx, prefix, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Replaces the targets and reloads: new connections go to {@code targetPorts} only, requests in flight finish. */
    void route(List<Integer> targetPorts) {
        writeUpstreams(prefix, targetPorts);
        control("reload");
    }

    String errorLog() {
        try {
            return Files.readString(prefix.resolve("error.log"));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    /** Stops nginx (its workers with it) and removes its directory. */
    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(prefix)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private void control(String signal) {
        try {
            var command = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", prefix.resolve("error.log").toString(), "-s", signal).redirectErrorStream(true).start();
            var output = new String(command.getInputStream().readAllBytes());
            if (!command.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || command.exitValue() != 0) {
                throw new AssertionError("nginx -s %s failed: %s%n%s".formatted(signal, output, errorLog()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String config(Path prefix, int port) {
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream service {
                        include %1$s/upstreams.conf;
                        keepalive 32;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://service;
                            # the service speaks HTTP/1.1 only; keep-alive to it needs 1.1 and an empty Connection header
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            # like the ALB: a request that failed on one target is not retried on another
                            proxy_next_upstream off;
                            add_header %3$s $upstream_addr always;
                        }
                    }
                }
                """.formatted(prefix, port, UPSTREAM_HEADER);
    }

    private static void writeUpstreams(Path prefix, List<Integer> targetPorts) {
        var servers = targetPorts.stream().map(p -> "server 127.0.0.1:%d max_fails=0;".formatted(p)).collect(Collectors.joining("\n"));
        try {
            Files.writeString(prefix.resolve("upstreams.conf"), servers + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
