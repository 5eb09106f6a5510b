package io.symphra.exporter.otlp;

import static io.symphra.exporter.otlp.OtlpRequestAssertions.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.exporter.statsd.StatsdDaemon;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resets racing runs and pushes lose no run and count none twice: a real scheduler runs four tasks on four worker
 * threads, three push exporters push every 10 to 20 ms to real backends (the OTLP receiver with delta temporality,
 * the reference StatsD daemon, and the JSON exporter's HTTP push to a receiver in the test), and the test resets the
 * metrics over a hundred times while they do. Each task counts its own runs. Delivered means, for OTLP, the sum of
 * every accepted delta; for StatsD, the daemon's counter, which sums the deltas it received; for JSON, which is
 * cumulative, the sum over collection periods (one per start time) of the last total each period pushed.
 */
class ResetDeliveryIT {

    private static final int TASKS = 4;
    private static final int RESETS = 120;
    /** Runs to wait for between two resets, so that every period holds runs and pushes race with them. */
    private static final long RUNS_PER_PERIOD = 12;

    @TempDir
    Path dir;

    @Test
    void everyRecordedRunReachesEachBackendExactlyOnceAcrossResets() throws Exception {
        AtomicLong[] runs = new AtomicLong[TASKS];
        try (OtlpHttpReceiver otlp = OtlpHttpReceiver.start();
                StatsdDaemon statsd = StatsdDaemon.start(dir, true);
                JsonTally json = JsonTally.start()) {
            Map<String, String> properties = new HashMap<>();
            properties.put("symphra.exporter.otlp.enabled", "true");
            properties.put("symphra.exporter.otlp.endpoint", otlp.metricsUrl());
            properties.put("symphra.exporter.otlp.temporality", "delta");
            properties.put("symphra.exporter.otlp.interval", "15ms");
            properties.put("symphra.exporter.statsd.enabled", "true");
            properties.put("symphra.exporter.statsd.port", "" + statsd.port());
            properties.put("symphra.exporter.statsd.interval", "10ms");
            properties.put("symphra.exporter.json.enabled", "true");
            properties.put("symphra.exporter.json.push.url", json.url());
            properties.put("symphra.exporter.json.interval", "20ms");
            Scheduler scheduler = Scheduler.builder()
                    .enableMetrics(true)
                    .workerThreads(TASKS)
                    .shutdownTimeout(Duration.ofSeconds(30))
                    // Test-only: pushes every 10 to 20 ms, below the 100 ms floor of push intervals.
                    .exporterProperty("symphra.exporter.minimum-interval", "1ms")
                    .exporterProperties(properties)
                    .build();
            try (scheduler) {
                assertThat(scheduler.exporterNames()).contains("json", "otlp", "statsd");
                for (int i = 0; i < TASKS; i++) {
                    AtomicLong counter = runs[i] = new AtomicLong();
                    scheduler.schedule("task-" + i, Triggers.every(Duration.ofMillis(1)), counter::incrementAndGet);
                }
                scheduler.start();
                for (int r = 0; r < RESETS; r++) {
                    long before = total(runs);
                    await("runs between two resets")
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(1))
                            .until(() -> total(runs) >= before + RUNS_PER_PERIOD);
                    scheduler.resetMetrics();
                }
            }
            // close() waited for the runs and made each exporter's final push: every run is counted and pushed.
            long recorded = total(runs);
            assertThat(recorded).isGreaterThanOrEqualTo(RESETS * RUNS_PER_PERIOD);

            assertThat(otlpDelivered(otlp))
                    .as("runs the OTLP receiver accepted")
                    .isEqualTo(recorded);
            assertThat(json.delivered()).as("runs the JSON receiver got").isEqualTo(recorded);
            await("the StatsD daemon read every datagram")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> statsdDelivered(statsd) >= recorded);
            assertThat(statsdDelivered(statsd))
                    .as("runs the StatsD daemon counted")
                    .isEqualTo(recorded);
            System.out.printf(
                    "ResetDeliveryIT: %d resets, %d runs recorded; delivered: OTLP %d in %d requests, StatsD %d, JSON %d"
                            + " over %d periods%n",
                    RESETS,
                    recorded,
                    otlpDelivered(otlp),
                    otlp.received().size(),
                    statsdDelivered(statsd),
                    json.delivered(),
                    json.periods());
        }
    }

    private static long total(AtomicLong[] runs) {
        long sum = 0;
        for (AtomicLong r : runs) {
            sum += r == null ? 0 : r.get();
        }
        return sum;
    }

    private static long otlpDelivered(OtlpHttpReceiver receiver) {
        long sum = 0;
        for (OtlpHttpReceiver.Received received : receiver.received()) {
            if (received.status() == 200) {
                for (NumberDataPoint point : metric(received.request(), "symphra.scheduler.task.executions")
                        .getSum()
                        .getDataPointsList()) {
                    sum += point.getAsInt();
                }
            }
        }
        return sum;
    }

    private static long statsdDelivered(StatsdDaemon daemon) throws IOException {
        return daemon.counters()
                .getOrDefault("symphra.scheduler.executions", 0.0)
                .longValue();
    }

    /** Receives the JSON exporter's pushes and keeps, per start time, the last total executions pushed. */
    private static final class JsonTally implements AutoCloseable {
        private final ObjectMapper json = new ObjectMapper();
        private final Map<String, Long> lastTotalByStart = new LinkedHashMap<>();
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private final HttpServer server;

        private JsonTally() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        static JsonTally start() throws IOException {
            return new JsonTally();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                JsonNode document = json.readTree(exchange.getRequestBody());
                synchronized (this) {
                    // Pushes of one exporter come one at a time, so the last of a period is its largest.
                    lastTotalByStart.put(
                            document.get("start_time").asText(),
                            document.get("total_executions").asLong());
                }
                exchange.sendResponseHeaders(204, -1);
            }
        }

        synchronized int periods() {
            return lastTotalByStart.size();
        }

        synchronized long delivered() {
            return lastTotalByStart.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
