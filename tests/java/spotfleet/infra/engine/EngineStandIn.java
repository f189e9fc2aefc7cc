package spotfleet.infra.engine;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass;
import pulumirpc.Provider;
import pulumirpc.Resource;
import pulumirpc.ResourceMonitorGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for the Pulumi engine's two gRPC services, the resource monitor and the engine, listening on
 * 127.0.0.1: enough for a Pulumi program started as the Java host starts it (the {@code PULUMI_*} environment of
 * pulumi-java's {@code pkg/cmd/pulumi-language-java/main.go}, {@code constructEnv}) to connect and register
 * resources. Each registration is recorded with the moment it arrived. It deploys nothing: registrations get a URN
 * and an empty state back, invokes and calls an error. It exists to see that a program really runs, and how long
 * it takes to get there, without the Pulumi CLI.
 */
public final class EngineStandIn implements AutoCloseable {

    /** One RegisterResource call as it arrived; {@code nanoTime} is {@link System#nanoTime()} at arrival. */
    public record Registration(String type, String name, boolean custom, long nanoTime) {
    }

    private final Server server;
    private final List<Registration> registrations = new ArrayList<>();

    private EngineStandIn(Server server) {
        this.server = server;
    }

    public static EngineStandIn start() throws IOException {
        var standIn = new EngineStandIn[1];
        var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Monitor(registration -> standIn[0].record(registration)))
                .addService(new Engine())
                .build()
                .start();
        standIn[0] = new EngineStandIn(server);
        return standIn[0];
    }

    /**
     * The environment the Java host gives the program for {@code pulumi preview} of {@code project}/{@code stack},
     * with {@code config} (qualified key to raw text) as {@code PULUMI_CONFIG}.
     */
    public Map<String, String> environment(String project, String stack, String configJson) {
        var address = "127.0.0.1:" + server.getPort();
        var env = new LinkedHashMap<String, String>();
        env.put("PULUMI_MONITOR", address);
        env.put("PULUMI_ENGINE", address);
        env.put("PULUMI_PROJECT", project);
        env.put("PULUMI_STACK", stack);
        env.put("PULUMI_DRY_RUN", "true");
        env.put("PULUMI_PARALLEL", "8");
        env.put("PULUMI_CONFIG", configJson);
        env.put("PULUMI_CONFIG_SECRET_KEYS", "[]");
        return env;
    }

    public synchronized List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    /** The first registration that {@code matches}, waiting up to {@code timeout} for it. */
    public synchronized Optional<Registration> await(Predicate<Registration> matches, Duration timeout)
            throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var found = registrations.stream().filter(matches).findFirst();
            var left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void record(Registration registration) {
        registrations.add(registration);
        notifyAll();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private static final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {
        private final java.util.function.Consumer<Registration> recorder;

        Monitor(java.util.function.Consumer<Registration> recorder) {
            this.recorder = recorder;
        }

        @Override
        public void supportsFeature(Resource.SupportsFeatureRequest request,
                                    StreamObserver<Resource.SupportsFeatureResponse> response) {
            reply(response, Resource.SupportsFeatureResponse.newBuilder().setHasSupport(false).build());
        }

        @Override
        public void registerResource(Resource.RegisterResourceRequest request,
                                     StreamObserver<Resource.RegisterResourceResponse> response) {
            var arrived = System.nanoTime();
            recorder.accept(new Registration(request.getType(), request.getName(), request.getCustom(), arrived));
            var urn = "urn:pulumi:stand-in::stand-in::%s::%s".formatted(request.getType(), request.getName());
            reply(response, Resource.RegisterResourceResponse.newBuilder()
                    .setUrn(urn)
                    .setId(request.getCustom() ? request.getName() + "-id" : "")
                    .setObject(Struct.getDefaultInstance())
                    .build());
        }

        @Override
        public void registerResourceOutputs(Resource.RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
            reply(response, Empty.getDefaultInstance());
        }

        @Override
        public void invoke(Resource.ResourceInvokeRequest request, StreamObserver<Resource.ResourceInvokeResponse> response) {
            response.onError(Status.UNIMPLEMENTED.withDescription("the engine stand-in answers no invokes: " + request.getTok())
                    .asRuntimeException());
        }

        @Override
        public void call(Resource.ResourceCallRequest request, StreamObserver<Provider.CallResponse> response) {
            response.onError(Status.UNIMPLEMENTED.withDescription("the engine stand-in answers no calls").asRuntimeException());
        }
    }

    private static final class Engine extends EngineGrpc.EngineImplBase {
        private volatile String root = "";

        @Override
        public void log(EngineOuterClass.LogRequest request, StreamObserver<Empty> response) {
            reply(response, Empty.getDefaultInstance());
        }

        @Override
        public void getRootResource(EngineOuterClass.GetRootResourceRequest request,
                                    StreamObserver<EngineOuterClass.GetRootResourceResponse> response) {
            reply(response, EngineOuterClass.GetRootResourceResponse.newBuilder().setUrn(root).build());
        }

        @Override
        public void setRootResource(EngineOuterClass.SetRootResourceRequest request,
                                    StreamObserver<EngineOuterClass.SetRootResourceResponse> response) {
            root = request.getUrn();
            reply(response, EngineOuterClass.SetRootResourceResponse.getDefaultInstance());
        }
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
