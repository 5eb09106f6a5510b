package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris against the real endpoint, plain and TLS, with its default settings: 200 connections each sending one
 * byte a second (a request head that never ends, or a TLS ClientHello that never ends) while a well-behaved client
 * scrapes over one keep-alive connection, as Prometheus does. Every scrape must succeed, and its median and 99th
 * percentile latency must stay near a baseline measured in the same test before the slow clients connect. The
 * bounds are generous (a factor plus a constant) because the CI machine has two shared cores; a server whose
 * workers the slow clients hold would miss them by seconds, or refuse the scrape.
 *
 * <p>The loaded run lasts at least {@link #LOADED_TICKS} seconds, longer than the default header timeout, so the
 * server's dropping of slow clients and their reconnecting happen during the measurement. The figures are printed
 * and written to {@code target/reliability-slowloris/}.
 */
class SlowClientsIT {

    private static final int SLOW_CLIENTS = 200;
    private static final int WARMUP_SCRAPES = 100;
    private static final int SCRAPES = 300;
    private static final int MAX_SCRAPES = 50_000;
    private static final int LOADED_TICKS = 8;
    private static final Duration TICK = Duration.ofSeconds(1);

    @Test
    void plainScrapesKeepTheirLatencyWhile200ClientsTrickleTheirRequestHeads() throws Exception {
        byte[] endlessHead = ("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(100_000))
                .getBytes(StandardCharsets.US_ASCII);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        measure("plain", Map.of(), client, endlessHead);
    }

    @Test
    void tlsScrapesKeepTheirLatencyWhile200ClientsTrickleTheirHandshakes(@TempDir Path dir) throws Exception {
        Path keystore = TestKeystores.create(dir);
        SSLContext trusting = TestKeystores.trusting(keystore);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(trusting)
                .build();
        measure(
                "tls",
                Map.of("tls.keystore", keystore.toString(), "tls.keystore-password", TestKeystores.PASSWORD),
                client,
                clientHello(trusting));
    }

    private void measure(String label, Map<String, String> settings, HttpClient client, byte[] slowBytes)
            throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.put("port", "0");
        ExporterConfig config = ExporterConfig.of("prometheus", values);
        MetricsSnapshot snapshot = PrometheusRendererTest.hostileSnapshot();
        PrometheusExporter exporter = new PrometheusExporter();
        exporter.configure(config);
        try (TestExporterContext context = new TestExporterContext(config, () -> snapshot, Clock.systemUTC())) {
            exporter.start(context);
            try {
                HttpRequest scrape = HttpRequest.newBuilder(exporter.metricsUri())
                        .timeout(Duration.ofSeconds(30))
                        .build();
                scrapes(client, scrape, WARMUP_SCRAPES);
                String loadBefore = loadAverage();
                long[] baseline = scrapes(client, scrape, SCRAPES);
                long[] loaded;
                String loadDuring;
                long opened;
                long dropped;
                try (SlowClients slow = SlowClients.start(exporter.address(), SLOW_CLIENTS, slowBytes, TICK)) {
                    await("the slow clients' first passes")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> slow.ticks() >= 3);
                    int endTick = slow.ticks() + LOADED_TICKS;
                    List<Long> times = new ArrayList<>();
                    for (int i = 0; i < MAX_SCRAPES && (i < SCRAPES || slow.ticks() < endTick); i++) {
                        times.add(timedScrape(client, scrape));
                    }
                    loaded = times.stream().mapToLong(Long::longValue).toArray();
                    loadDuring = loadAverage();
                    opened = slow.opened();
                    dropped = slow.dropped();
                }
                Arrays.sort(baseline);
                Arrays.sort(loaded);
                String report = String.format(
                        "%s, %s: %d scrapes alone: p50 %.2f ms, p99 %.2f ms (load %s); %d scrapes with %d slowloris"
                                + " connections (1 byte/s, %d opened, %d writes refused by the server): p50 %.2f ms,"
                                + " p99 %.2f ms, max %.2f ms (load %s)%n",
                        Instant.now(),
                        label,
                        baseline.length,
                        millis(percentile(baseline, 50)),
                        millis(percentile(baseline, 99)),
                        loadBefore,
                        loaded.length,
                        SLOW_CLIENTS,
                        opened,
                        dropped,
                        millis(percentile(loaded, 50)),
                        millis(percentile(loaded, 99)),
                        millis(loaded[loaded.length - 1]),
                        loadDuring);
                System.out.print(report);
                Path out = Path.of("target", "reliability-slowloris");
                Files.createDirectories(out);
                Files.writeString(out.resolve(label + ".txt"), report);

                assertThat(opened).as(report).isGreaterThanOrEqualTo(SLOW_CLIENTS);
                assertThat(percentile(loaded, 50))
                        .as("median under slowloris%n%s", report)
                        .isLessThanOrEqualTo(5 * percentile(baseline, 50)
                                + Duration.ofMillis(50).toNanos());
                assertThat(percentile(loaded, 99))
                        .as("p99 under slowloris%n%s", report)
                        .isLessThanOrEqualTo(5 * percentile(baseline, 99)
                                + Duration.ofMillis(500).toNanos());
            } finally {
                exporter.close();
            }
        }
    }

    private static long[] scrapes(HttpClient client, HttpRequest scrape, int count) throws Exception {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = timedScrape(client, scrape);
        }
        return times;
    }

    /** One scrape, which must succeed with the whole exposition; its time in nanoseconds. */
    private static long timedScrape(HttpClient client, HttpRequest scrape) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(scrape, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\n# TYPE symphra_scheduler_uptime_seconds gauge\n");
        return took;
    }

    /** The first flight of a real TLS client: a ClientHello record, which the slow clients send a byte at a time. */
    private static byte[] clientHello(SSLContext context) throws Exception {
        SSLEngine engine = context.createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(sorted.length * percent / 100.0) - 1;
        return sorted[Math.max(0, index)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
