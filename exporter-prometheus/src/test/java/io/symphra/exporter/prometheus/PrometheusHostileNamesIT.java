package io.symphra.exporter.prometheus;

import static io.symphra.exporter.prometheus.PrometheusHostileNamesPropertyTest.asRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated task names over the whole {@code char} range, biased toward the characters label values must escape,
 * in both expositions, checked by their real consumers: {@code promtool check metrics} (one run per format for a
 * snapshot of 1,000 names) and a real Prometheus that scrapes the exporter's endpoint in both formats; its query
 * API must give back every name by the documented rule (unchanged, a lone surrogate as U+FFFD).
 */
class PrometheusHostileNamesIT {

    private static final AtomicInteger BATCH = new AtomicInteger();
    private static final AtomicReference<MetricsSnapshot> SERVED =
            new AtomicReference<>(SnapshotBuilder.snapshot().build());
    private static Path dir;
    private static TestExporterContext context;
    private static PrometheusExporter exporter;
    private static PrometheusServer prometheus;

    @BeforeContainer
    static void startEndpointAndPrometheus() throws Exception {
        dir = Files.createTempDirectory("prometheus-hostile-names");
        context = new TestExporterContext(
                ExporterConfig.of("prometheus", Map.of("port", "0")), SERVED::get, Clock.systemUTC());
        exporter = new PrometheusExporter();
        exporter.configure(context.config());
        exporter.start(context);
        String target = "['127.0.0.1:" + exporter.port() + "']";
        prometheus = PrometheusServer.start(
                dir,
                ""
                        + "  - job_name: om\n    metrics_path: /metrics\n"
                        + "    static_configs: [{targets: " + target + "}]\n"
                        + "  - job_name: text\n    metrics_path: /metrics.prometheus\n"
                        + "    static_configs: [{targets: " + target + "}]\n");
    }

    @AfterContainer
    static void stopEverything() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (exporter != null) {
                exporter.close();
            }
            if (context != null) {
                context.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<String>> thousand() {
        return PrometheusHostileNamesPropertyTest.hostileName().list().ofSize(1_000);
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return PrometheusHostileNamesPropertyTest.hostileName().list().ofSize(200);
    }

    /** Names whose read-back forms differ: two that differ only in broken halves would be one series. */
    private static Map<String, String> distinct(List<String> names) {
        Map<String, String> byRead = new LinkedHashMap<>();
        names.forEach(n -> byRead.putIfAbsent(asRead(n), n));
        return byRead;
    }

    /**
     * Two snapshots of 1,000 generated names each (the first also names a push exporter), each checked once per
     * format by promtool: no parse error, and only the lint lines that do not depend on names.
     */
    @Property(tries = 2, seed = "20261125")
    void promtoolFindsNoParseErrorInEitherFormat(@ForAll("thousand") List<String> generated) throws Exception {
        List<String> names = List.copyOf(distinct(generated).values());
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .label("service", "billing \"eu\"\n")
                .exporter(new ExporterStats(names.get(0), 3, 1, 0, null, null))
                // Clustered, so that every family is there for promtool.
                .scheduler(new SchedulerState("1.0", 0, 0, true));
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, i % 2);
        }
        MetricsSnapshot snapshot = builder.build();

        Promtool.Result text = Promtool.checkMetrics(
                PrometheusRendererTest.render(ExpositionFormat.PROMETHEUS_TEXT, snapshot)
                        .getBytes(StandardCharsets.UTF_8),
                dir);
        assertThat(text.parseErrors()).isEmpty();
        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.lines())
                .containsExactlyInAnyOrder(
                        "symphra_scheduler_executions_success counter metrics should have \"_total\" suffix",
                        "symphra_scheduler_executions_failed counter metrics should have \"_total\" suffix",
                        "symphra_scheduler_task_executions counter metrics should have \"_total\" suffix");

        Promtool.Result om = Promtool.checkMetrics(
                PrometheusRendererTest.render(ExpositionFormat.OPENMETRICS, snapshot)
                        .getBytes(StandardCharsets.UTF_8),
                dir);
        assertThat(om.parseErrors()).isEmpty();
        assertThat(om.exitCode()).isEqualTo(3);
        assertThat(om.lines())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Family.values())
                        .filter(f -> f.openMetricsType() == Family.Type.COUNTER)
                        .map(f -> f.sampleName() + " no help text")
                        .toList());
    }

    /** Five batches of 200 generated names served to Prometheus, which scrapes them in both formats. */
    @Property(tries = 5, seed = "20261125")
    void everyNameComesBackFromPrometheusInBothFormats(@ForAll("batch") List<String> generated) throws Exception {
        String batch = "b" + BATCH.incrementAndGet();
        Map<String, String> byRead = distinct(generated);
        List<String> names = List.copyOf(byRead.values());
        SnapshotBuilder builder = SnapshotBuilder.snapshot().label("batch", batch);
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, i % 2);
            expected.put(asRead(names.get(i)), (double) (i + 1 + i % 2));
        }
        SERVED.set(builder.build());

        for (String job : List.of("om", "text")) {
            String query = "symphra_scheduler_task_executions{job=\"" + job + "\",batch=\"" + batch + "\"}";
            Map<String, Double> scraped = new HashMap<>();
            await(job + " scraped batch " + batch)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!prometheus.isAlive()) {
                            throw new AssertionError("prometheus exited: " + prometheus.log());
                        }
                        scraped.clear();
                        for (JsonNode result : prometheus.query(query)) {
                            scraped.put(
                                    result.path("metric").path("task").asText(),
                                    result.path("value").get(1).asDouble());
                        }
                        return scraped.size() >= expected.size();
                    });
            assertThat(scraped).as(job).isEqualTo(expected);
        }
    }

    @Example
    void theWholeCorpusAndLoneSurrogatesComeBackFromPrometheus() throws Exception {
        List<String> names = new ArrayList<>(HostileNames.CORPUS);
        names.addAll(List.of("lone \uD800 high", "\uDC00 low", "\"} 1\n# EOF\n"));
        everyNameComesBackFromPrometheusInBothFormats(names);
    }

    @Example
    void theWholeCorpusPassesPromtool() throws Exception {
        promtoolFindsNoParseErrorInEitherFormat(HostileNames.CORPUS);
    }
}
