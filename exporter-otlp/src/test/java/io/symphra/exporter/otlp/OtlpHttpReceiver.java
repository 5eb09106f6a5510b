package io.symphra.exporter.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real OTLP/HTTP metrics receiver for tests: listens on 127.0.0.1 on a free port (over HTTPS with client
 * authentication when started with {@link #startTls}), decodes every POST to
 * {@code /v1/metrics} as an {@link ExportMetricsServiceRequest} (gunzipping when asked), records it with its
 * headers, and answers with the next scripted status (200 once the script is used up). Public, in the test-jar, for
 * symphra-tracing-otel's tests: a POST to {@code /v1/traces} is decoded as an {@link ExportTraceServiceRequest},
 * answered 200 and kept apart, in {@link #traces()}.
 *
 * <p>A request is recorded with its status only once the whole response has been written, and as
 * {@link #NOT_ANSWERED} when that failed; {@link #close()} lets the request being handled finish before it closes
 * the connections, and answers none after. So a request recorded as accepted is one whose 200 reached the sender's
 * connection, and a push the exporter saw fail (and will send again) is never counted as accepted. {@link
 * #received()} waits for the request being handled, so that a push the exporter saw succeed is always in it.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

    /** One request as the receiver saw it. */
    record Received(
            String method,
            String path,
            Map<String, List<String>> headers,
            int status,
            ExportMetricsServiceRequest request) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "otlp-test-receiver");
        t.setDaemon(true);
        return t;
    });
    /** The status recorded for a request whose response could not be written whole. */
    static final int NOT_ANSWERED = -1;

    private static final Duration HANDLING_BOUND = Duration.ofSeconds(10);

    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final Object handling = new Object();
    private int inFlight;
    private boolean closing;
    private boolean closed;

    private OtlpHttpReceiver(int port) throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0), "http");
    }

    private OtlpHttpReceiver(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static OtlpHttpReceiver start() throws IOException {
        return new OtlpHttpReceiver(0);
    }

    /** A receiver on a given port, so that a test can stop it and start another where the exporter points. */
    static OtlpHttpReceiver start(int port) throws IOException {
        return new OtlpHttpReceiver(port);
    }

    /**
     * A receiver over HTTPS with the given server context that requires a client certificate: a client whose
     * certificate the context does not trust, or that has none, fails the TLS handshake and is never recorded.
     */
    static OtlpHttpReceiver startTls(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        return new OtlpHttpReceiver(server, "https");
    }

    /** The statuses to answer with, in order, before answering 200 again. */
    synchronized OtlpHttpReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    String metricsUrl() {
        return baseUrl() + "/v1/metrics";
    }

    public String baseUrl() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request recorded, once the one being handled (if any) is recorded too. */
    List<Received> received() {
        awaitNoneInFlight();
        return List.copyOf(received);
    }

    private void awaitNoneInFlight() {
        long deadline = System.nanoTime() + HANDLING_BOUND.toNanos();
        synchronized (handling) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the receiver still handles a request after " + HANDLING_BOUND);
                }
                try {
                    handling.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for the receiver", e);
                }
            }
        }
    }

    /** Every {@code /v1/traces} request answered, once the one being handled (if any) is answered too. */
    public List<ExportTraceServiceRequest> traces() {
        awaitNoneInFlight();
        return List.copyOf(traces);
    }

    /** The last request that was answered 200. */
    ExportMetricsServiceRequest lastAccepted() {
        List<Received> all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).status() == 200) {
                return all.get(i).request();
            }
        }
        throw new AssertionError("no request was accepted; received " + all.size());
    }

    private void handle(HttpExchange exchange) throws IOException {
        synchronized (handling) {
            if (closing) {
                // No answer: the connection is closed with the server, and the exporter sees the push fail.
                exchange.close();
                return;
            }
            inFlight++;
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            InputStream in = new ByteArrayInputStream(body);
            if ("gzip".equalsIgnoreCase(encoding)) {
                in = new GZIPInputStream(in);
            }
            if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                traces.add(ExportTraceServiceRequest.parseFrom(in));
                byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
                return;
            }
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(in);
            int status;
            synchronized (this) {
                Integer next = script.poll();
                status = next == null ? 200 : next;
            }
            byte[] response = status == 200
                    ? ExportMetricsServiceResponse.getDefaultInstance().toByteArray()
                    : new byte[0];
            int answered = NOT_ANSWERED;
            try {
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
                answered = status;
            } finally {
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        answered,
                        request));
            }
        } finally {
            synchronized (handling) {
                inFlight--;
                handling.notifyAll();
            }
        }
    }

    /**
     * Stops answering, lets the request being handled get its whole answer, then closes the server and its
     * connections.
     */
    @Override
    public void close() {
        synchronized (handling) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
        }
        try {
            awaitNoneInFlight();
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
