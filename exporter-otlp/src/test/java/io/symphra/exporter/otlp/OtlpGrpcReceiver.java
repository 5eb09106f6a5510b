package io.symphra.exporter.otlp;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/gRPC metrics receiver for tests: grpc-java's Netty server on 127.0.0.1 on a free port, serving the
 * collector's {@code MetricsService} from the OpenTelemetry protobuf definitions. It records every request with its
 * metadata and answers with the next scripted status (OK once the script is used up).
 */
final class OtlpGrpcReceiver implements AutoCloseable {

    /** One call as the receiver saw it. */
    record Received(Metadata headers, Status.Code status, ExportMetricsServiceRequest request) {

        String header(String name) {
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    }

    private static final io.grpc.Context.Key<Metadata> HEADERS = io.grpc.Context.key("headers");

    private final Server server;
    private final Deque<Status.Code> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private OtlpGrpcReceiver() throws IOException {
        ServerInterceptor captureHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return io.grpc.Contexts.interceptCall(
                        io.grpc.Context.current().withValue(HEADERS, headers), call, headers, next);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
                .addService(ServerInterceptors.intercept(new Service(), captureHeaders))
                .build()
                .start();
    }

    static OtlpGrpcReceiver start() throws IOException {
        return new OtlpGrpcReceiver();
    }

    /** The statuses to answer with, in order, before answering OK again. */
    synchronized OtlpGrpcReceiver answer(Status.Code... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private synchronized Status.Code nextStatus() {
        Status.Code next = script.poll();
        return next == null ? Status.Code.OK : next;
    }

    private final class Service extends MetricsServiceGrpc.MetricsServiceImplBase {
        @Override
        public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> response) {
            Status.Code status = nextStatus();
            received.add(new Received(HEADERS.get(), status, request));
            if (status == Status.Code.OK) {
                response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                response.onCompleted();
            } else {
                response.onError(status.toStatus().withDescription("scripted").asRuntimeException());
            }
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
