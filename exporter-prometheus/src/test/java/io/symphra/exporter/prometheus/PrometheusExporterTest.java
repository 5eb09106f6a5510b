package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusExporterTest {

    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final MetricsSnapshot snapshot = PrometheusRendererTest.hostileSnapshot();
    private HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private PrometheusExporter start(Map<String, String> settings, Supplier<MetricsSnapshot> snapshots)
            throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent("port", "0");
        ExporterConfig config = ExporterConfig.of("prometheus", values);
        PrometheusExporter exporter = new PrometheusExporter();
        exporter.configure(config);
        TestExporterContext context = new TestExporterContext(config, snapshots, Clock.systemUTC());
        toClose.add(context);
        exporter.start(context);
        toClose.add(exporter);
        return exporter;
    }

    private PrometheusExporter start(Map<String, String> settings) throws Exception {
        return start(settings, () -> snapshot);
    }

    private HttpResponse<byte[]> send(PrometheusExporter exporter, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String rendered(ExpositionFormat format) throws IOException {
        return PrometheusRendererTest.render(format, snapshot);
    }

    @Test
    void isEnabledByDefaultAndOnlyPulled() {
        PrometheusExporter exporter = new PrometheusExporter();
        assertThat(exporter.name()).isEqualTo("prometheus");
        assertThat(exporter.enabledByDefault()).isTrue();
        assertThat(exporter.defaultInterval()).isEmpty();
        assertThatThrownBy(exporter::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindsAFreePortOnLoopback() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        assertThat(exporter.port()).isPositive();
        assertThat(exporter.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(exporter.metricsUri()).hasToString("http://127.0.0.1:" + exporter.port() + "/metrics");
    }

    @Test
    void servesTheTextFormatByDefaultAndOpenMetricsToPrometheus() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        HttpResponse<byte[]> plain = send(exporter, "GET", "/metrics");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(body(plain)).isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));

        HttpResponse<byte[]> om = send(exporter, "GET", "/metrics", "Accept", PROMETHEUS_ACCEPT);
        assertThat(om.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(body(om)).isEqualTo(rendered(ExpositionFormat.OPENMETRICS));
    }

    @Test
    void servesOtherFormatsOnTheClassPathByPathAndByAccept() throws Exception {
        PrometheusExporter exporter = start(Map.of("path", "/internal/metrics"));
        HttpResponse<byte[]> byPath = send(exporter, "GET", "/internal/metrics.json");
        assertThat(byPath.statusCode()).isEqualTo(200);
        assertThat(byPath.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(body(byPath)).isEqualTo("{\"tasks\":" + snapshot.tasks().size() + "}");

        HttpResponse<byte[]> byAccept = send(exporter, "GET", "/internal/metrics", "Accept", "application/json");
        assertThat(body(byAccept)).isEqualTo(body(byPath));

        assertThat(body(send(exporter, "GET", "/internal/metrics.openmetrics"))).endsWith("# EOF\n");
        assertThat(body(send(exporter, "GET", "/internal/metrics.prometheus")))
                .isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));
        assertThat(send(exporter, "GET", "/internal/metrics.xml").statusCode()).isEqualTo(404);
        assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(404);
        assertThat(send(exporter, "GET", "/internal/metricsfoo").statusCode()).isEqualTo(404);
    }

    @Test
    void answersHeadWithHeadersOnly() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        HttpResponse<byte[]> head = send(exporter, "HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void rejectsOtherMethodsWithAllow() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<byte[]> response = send(exporter, method, "/metrics");
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        assertThat(send(exporter, "POST", "/-/healthy").statusCode()).isEqualTo(405);
    }

    @Test
    void compressesWhenTheClientAcceptsGzip() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        HttpResponse<byte[]> response = send(exporter, "GET", "/metrics", "Accept-Encoding", "deflate, gzip;q=0.8");
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));
        }
        HttpResponse<byte[]> refused = send(exporter, "GET", "/metrics", "Accept-Encoding", "gzip;q=0");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(body(refused)).isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void malformedAcceptAndAcceptEncodingMeanNoPreference() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        for (String value : List.of(";", ",,", ";q=", "text/plain;q=abc", "", " ; , ;;q=0.5,")) {
            for (String header : List.of("Accept", "Accept-Encoding")) {
                String response = rawGet(exporter, header + ": " + value);
                assertThat(response)
                        .as("%s: '%s'", header, value)
                        .startsWith("HTTP/1.1 200 ")
                        .contains("Content-type: text/plain; version=0.0.4; charset=utf-8")
                        .doesNotContainIgnoringCase("Content-Encoding")
                        .contains("\n# TYPE symphra_scheduler_uptime_seconds gauge\n");
            }
        }
    }

    /** A GET of /metrics with one extra header line, sent byte for byte; the whole answer as it came, chunked. */
    private static String rawGet(PrometheusExporter exporter, String headerLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", exporter.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headerLine
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersHealthAndUnknownPaths() throws Exception {
        PrometheusExporter exporter = start(Map.of("username", "scraper", "password", "pa:ss word"));
        HttpResponse<byte[]> health = send(exporter, "GET", "/-/healthy");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body(health)).isEqualTo("Healthy\n");
        assertThat(send(exporter, "GET", "/-/healthy/x").statusCode()).isEqualTo(404);
        assertThat(send(exporter, "GET", "/nothing", "Authorization", basic("scraper", "pa:ss word"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void requiresBasicAuthenticationWhenConfigured() throws Exception {
        PrometheusExporter exporter = start(Map.of("username", "scraper", "password", "pa:ss wörd"));
        HttpResponse<byte[]> anonymous = send(exporter, "GET", "/metrics");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .get()
                .asString()
                .startsWith("Basic realm=");
        assertThat(send(exporter, "GET", "/metrics", "Authorization", basic("scraper", "wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(exporter, "GET", "/metrics", "Authorization", basic("other", "pa:ss wörd"))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<byte[]> allowed =
                send(exporter, "GET", "/metrics", "Authorization", basic("scraper", "pa:ss wörd"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(body(allowed)).isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void aFailingSnapshotIsA500WithoutDetails() throws Exception {
        PrometheusExporter exporter = start(Map.of(), () -> {
            throw new IllegalStateException("collector exploded at secret place");
        });
        HttpResponse<byte[]> response = send(exporter, "GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(body(response))
                .isEqualTo("Internal error while collecting metrics\n")
                .doesNotContain("exploded", "Exception", "at io.");
        assertThat(send(exporter, "GET", "/-/healthy").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormatFailingMidwayCutsTheResponseShortInsteadOfEndingItCleanly() throws Exception {
        PrometheusExporter exporter = start(Map.of());
        assertThatThrownBy(() -> send(exporter, "GET", "/metrics.broken")).isInstanceOf(IOException.class);
        assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void servesHttpsWithTheConfiguredKeystore(@TempDir Path dir) throws Exception {
        Path keystore = TestKeystores.create(dir);
        PrometheusExporter exporter =
                start(Map.of("tls.keystore", keystore.toString(), "tls.keystore-password", TestKeystores.PASSWORD));
        client = HttpClient.newBuilder()
                .sslContext(TestKeystores.trusting(keystore))
                .build();
        assertThat(exporter.metricsUri()).hasToString("https://127.0.0.1:" + exporter.port() + "/metrics");
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(exporter.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(rendered(ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void dropsAClientThatSendsItsHeadersAByteAtATimeWhileServingOthers() throws Exception {
        PrometheusExporter exporter = start(Map.of("threads", "2", "request-timeout", "1s"));
        ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
        toClose.add(trickle::shutdownNow);
        List<Socket> slow = new ArrayList<>();
        List<AtomicBoolean> broken = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            Socket socket = new Socket("127.0.0.1", exporter.port());
            toClose.add(socket);
            slow.add(socket);
            AtomicBoolean writeFailed = new AtomicBoolean();
            broken.add(writeFailed);
            byte[] request = ("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(10_000))
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicInteger next = new AtomicInteger();
            OutputStream out = socket.getOutputStream();
            trickle.scheduleAtFixedRate(
                    () -> {
                        try {
                            out.write(request[next.getAndIncrement() % request.length]);
                            out.flush();
                        } catch (IOException e) {
                            writeFailed.set(true);
                            throw new IllegalStateException("closed by the server", e);
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
        }
        // the slow clients hold connection threads, not the two renderers, until their header deadline
        HttpResponse<byte[]> served = send(exporter, "GET", "/metrics");
        assertThat(served.statusCode()).isEqualTo(200);
        for (Socket socket : slow) {
            socket.setSoTimeout(50);
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(socket));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        // and now the pool is free at once
        long before = System.nanoTime();
        assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theHeaderTimeoutCutsASlowHeadButNotASlowRender() throws Exception {
        HeldFirstRender render = new HeldFirstRender();
        PrometheusExporter exporter = start(Map.of("header-timeout", "1s", "request-timeout", "60s"), render);
        CompletableFuture<HttpResponse<String>> held = render.scrapeAndHold(exporter);

        Socket slow = new Socket("127.0.0.1", exporter.port());
        toClose.add(slow);
        slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        slow.getOutputStream().flush();
        long started = System.nanoTime();
        slow.setSoTimeout(100);
        await().atMost(Duration.ofSeconds(20)).until(() -> closedByPeer(slow));
        // cut at its header timeout, long before the request timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

        // the render began before that head and has outlasted a header timeout, yet is not cut: its head was read
        render.release();
        assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void rendersAtMostThreadsScrapesAtOnceAndHealthStaysAnswered() throws Exception {
        HeldFirstRender render = new HeldFirstRender();
        PrometheusExporter exporter = start(Map.of("threads", "1", "request-timeout", "2s"), render);
        CompletableFuture<HttpResponse<String>> held = render.scrapeAndHold(exporter);
        assertThat(send(exporter, "GET", "/-/healthy").statusCode()).isEqualTo(200);
        // the only renderer is busy past this request's deadline: 503, and no second render started
        HttpResponse<byte[]> waited = send(exporter, "GET", "/metrics");
        assertThat(waited.statusCode()).isEqualTo(503);
        assertThat(render.calls.get()).isEqualTo(1);
        render.release();
        // the held one ends one way or the other (its deadline has passed), and frees the renderer
        await().atMost(Duration.ofSeconds(30)).until(held::isDone);
        assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(200);
    }

    /**
     * Snapshots whose first one is held until {@link #release()}, ignoring interrupts as a long CPU-bound render
     * would (for at most a minute); the others come at once.
     */
    private final class HeldFirstRender implements Supplier<MetricsSnapshot> {
        private final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        /** Starts a scrape and returns once its render is held. */
        CompletableFuture<HttpResponse<String>> scrapeAndHold(PrometheusExporter exporter) {
            CompletableFuture<HttpResponse<String>> scrape = client.sendAsync(
                    HttpRequest.newBuilder(exporter.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
            return scrape;
        }

        void release() {
            released.countDown();
        }

        @Override
        public MetricsSnapshot get() {
            if (calls.incrementAndGet() == 1) {
                boolean interrupted = false;
                long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (released.getCount() > 0 && System.nanoTime() < giveUp) {
                    try {
                        released.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return snapshot;
        }
    }

    @Test
    void aSingleSlowClientDoesNotDelayOthers() throws Exception {
        PrometheusExporter exporter = start(Map.of("threads", "2", "request-timeout", "30s"));
        Socket socket = new Socket("127.0.0.1", exporter.port());
        toClose.add(socket);
        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        for (int i = 0; i < 3; i++) {
            long before = System.nanoTime();
            assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closeStopsTheServerPromptly() throws Exception {
        PrometheusExporter exporter = start(Map.of("request-timeout", "30s"));
        int port = exporter.port();
        Socket socket = new Socket("127.0.0.1", port);
        toClose.add(socket);
        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        assertThat(send(exporter, "GET", "/metrics").statusCode()).isEqualTo(200);
        long before = System.nanoTime();
        exporter.close();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        socket.setSoTimeout(2000);
        assertThat(closedByPeer(socket)).isTrue();
        assertThatThrownBy(exporter::port).isInstanceOf(IllegalStateException.class);
    }

    private static boolean closedByPeer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
