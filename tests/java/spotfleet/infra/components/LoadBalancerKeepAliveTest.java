package spotfleet.infra.components;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import spotfleet.infra.DeclaredStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static spotfleet.infra.DeclaredStack.input;
import static spotfleet.infra.Types.LOAD_BALANCER;

/**
 * The app keeps an idle keep-alive connection open longer than the load balancer does, so the load balancer is always the
 * one to close it: "We also recommend that you configure the idle timeout of your application to be larger than the idle
 * timeout configured for the load balancer. Otherwise, if the application closes the TCP connection to the load balancer
 * ungracefully, the load balancer might send a request to the application before it receives the packet indicating that
 * the connection is closed. If this is the case, then the load balancer sends an HTTP 502 Bad Gateway error to the
 * client" (ELB user guide for Application Load Balancers, edit-load-balancer-attributes, connection idle timeout). Both
 * values are read where they are set: the load balancer's from the committed stacks' declared load balancer, the app's
 * from its own application.yaml. Helidon closes a connection idle for {@code idle-connection-timeout}, checked every
 * {@code idle-connection-period}, so never before the timeout.
 */
class LoadBalancerKeepAliveTest {

    static final Path APP_CONFIG = Path.of("app/src/main/resources/application.yaml");

    @Test
    void theAppKeepsIdleConnectionsLongerThanTheLoadBalancer() throws Exception {
        // given the app's idle connection timeout, from its own configuration
        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(APP_CONFIG));
        var server = (Map<?, ?>) config.get("server");
        var app = Duration.parse(String.valueOf(server.get("idle-connection-timeout")));
        // when each committed stack's load balancer is declared
        for (var stack : new String[]{"dev", "prod", "fargate"}) {
            var loadBalancer = DeclaredStack.committed(stack).one(LOAD_BALANCER, "loadbalancer-alb");
            var idle = Duration.ofSeconds(((Number) input(loadBalancer, "idleTimeout")).longValue());
            // then
            assertThat(app).as("%s: the app's idle-connection-timeout against the load balancer's idle timeout", stack)
                    .isGreaterThan(idle);
        }
    }
}
