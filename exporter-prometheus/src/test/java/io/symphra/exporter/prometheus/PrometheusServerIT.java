package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real Prometheus 2.42 scrapes the endpoint every second, once with the OpenMetrics text it negotiates, once with
 * the 0.0.4 text forced through {@code /metrics.prometheus}, and twice against an endpoint with basic auth, with and
 * without the credentials. Its query API must then give back exactly the served snapshot.
 */
class PrometheusServerIT {

    private static final String USER = "scraper";
    private static final String PASSWORD = "s3cret \"pw\"";

    @TempDir
    static Path dir;

    static final MetricsSnapshot SNAPSHOT = PromtoolCheckIT.hostile();
    static TestExporterContext openContext;
    static TestExporterContext securedContext;
    static PrometheusExporter open;
    static PrometheusExporter secured;
    static PrometheusServer prometheus;

    @BeforeAll
    static void scrapeWithARealPrometheus() throws Exception {
        // Histograms, so that Prometheus' reading of a histogram's metadata is seen too.
        openContext = context(Map.of("port", "0", "durations", "histogram"));
        open = start(openContext);
        securedContext = context(Map.of("port", "0", "username", USER, "password", PASSWORD, "durations", "histogram"));
        secured = start(securedContext);
        String openTarget = "['127.0.0.1:" + open.port() + "']";
        String securedTarget = "['127.0.0.1:" + secured.port() + "']";
        prometheus = PrometheusServer.start(
                dir,
                ""
                        + "  - job_name: om\n    metrics_path: /metrics\n"
                        + "    static_configs: [{targets: " + openTarget + "}]\n"
                        + "  - job_name: text\n    metrics_path: /metrics.prometheus\n"
                        + "    static_configs: [{targets: " + openTarget + "}]\n"
                        + "  - job_name: auth_ok\n    basic_auth: {username: " + USER + ", password: '" + PASSWORD
                        + "'}\n"
                        + "    static_configs: [{targets: " + securedTarget + "}]\n"
                        + "  - job_name: auth_missing\n"
                        + "    static_configs: [{targets: " + securedTarget + "}]\n");
        // A target's lastScrape is set before the scrape's samples are committed, so wait for the series too:
        // every target's up, and every sample each scraped job was served (one scrape commits all of them).
        int openMetricsSamples = served(ExpositionFormat.OPENMETRICS).size();
        Map<String, Integer> served = Map.of(
                "om",
                openMetricsSamples,
                "text",
                served(ExpositionFormat.PROMETHEUS_TEXT).size(),
                "auth_ok",
                openMetricsSamples);
        await("every target scraped and its series queryable")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!prometheus.isAlive()) {
                        throw new AssertionError("prometheus exited: " + prometheus.log());
                    }
                    Map<String, JsonNode> targets = targetsByJob();
                    if (targets.size() != 4
                            || !targets.values().stream()
                                    .allMatch(
                                            t -> !t.path("lastScrape").asText().startsWith("0001-"))
                            || seriesCount("up") != 4) {
                        return false;
                    }
                    for (Map.Entry<String, Integer> job : served.entrySet()) {
                        if (seriesCount("{__name__=~\"symphra_scheduler_.+\",job=\"" + job.getKey() + "\"}")
                                != job.getValue()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static long seriesCount(String selector) throws Exception {
        JsonNode result = prometheus.query("count(" + selector + ")");
        return result.isEmpty() ? 0 : (long) value(result.get(0));
    }

    /** The samples the endpoint serves in a format, by their labels with the name as {@code __name__}. */
    private static Map<Map<String, String>, Double> served(ExpositionFormat format) throws IOException {
        Map<Map<String, String>, Double> served = new HashMap<>();
        for (Exposition.Sample sample : Exposition.parse(PrometheusRendererTest.renderHistograms(format, SNAPSHOT))
                .samples()) {
            Map<String, String> key = new TreeMap<>(sample.labels());
            key.put("__name__", sample.name());
            served.put(key, Double.parseDouble(sample.value()));
        }
        return served;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {open, secured, openContext, securedContext}) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static TestExporterContext context(Map<String, String> values) {
        return new TestExporterContext(ExporterConfig.of("prometheus", values), () -> SNAPSHOT, Clock.systemUTC());
    }

    private static PrometheusExporter start(TestExporterContext context) throws Exception {
        PrometheusExporter exporter = new PrometheusExporter();
        exporter.configure(context.config());
        exporter.start(context);
        return exporter;
    }

    private static Map<String, JsonNode> targetsByJob() throws IOException, InterruptedException {
        Map<String, JsonNode> byJob = new TreeMap<>();
        for (JsonNode target : prometheus.activeTargets()) {
            byJob.put(target.path("labels").path("job").asText(), target);
        }
        return byJob;
    }

    @Test
    void theTargetsWithCredentialsOrWithoutAuthAreUpAndTheOneWithoutCredentialsGets401() throws Exception {
        Map<String, JsonNode> targets = targetsByJob();
        assertThat(targets.get("om").path("health").asText()).isEqualTo("up");
        assertThat(targets.get("text").path("health").asText()).isEqualTo("up");
        assertThat(targets.get("auth_ok").path("health").asText()).isEqualTo("up");
        assertThat(targets.get("auth_missing").path("health").asText()).isEqualTo("down");
        assertThat(targets.get("auth_missing").path("lastError").asText()).contains("401");
        assertThat(prometheus
                        .query("up{job=\"auth_ok\"}")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asText())
                .isEqualTo("1");
        assertThat(prometheus
                        .query("up{job=\"auth_missing\"}")
                        .get(0)
                        .path("value")
                        .get(1)
                        .asText())
                .isEqualTo("0");
    }

    @ParameterizedTest
    @CsvSource({"om, OPENMETRICS", "text, PROMETHEUS_TEXT", "auth_ok, OPENMETRICS"})
    void everyScrapedSeriesHasTheServedValue(String job, ExpositionFormat format) throws Exception {
        Map<Map<String, String>, Double> served = served(format);
        Map<Map<String, String>, Double> scraped = scraped("{__name__=~\"symphra_scheduler_.+\",job=\"" + job + "\"}");
        assertThat(scraped.keySet()).containsExactlyInAnyOrderElementsOf(served.keySet());
        assertThat(scraped).isEqualTo(served);
    }

    @Test
    void scrapedValuesEqualTheSnapshot() throws Exception {
        for (String job : new String[] {"om", "text"}) {
            String sel = ",job=\"" + job + "\"}";
            assertThat(single("symphra_scheduler_executions_total{" + sel.substring(1)))
                    .isEqualTo(SNAPSHOT.totals().executions());
            assertThat(single("symphra_scheduler_executions_success{" + sel.substring(1)))
                    .isEqualTo(SNAPSHOT.totals().successes());
            assertThat(single("symphra_scheduler_duration_seconds_total{" + sel.substring(1)))
                    .isEqualTo(SNAPSHOT.totals().totalDurationSeconds());
            assertThat(single("symphra_scheduler_duration_seconds_average{" + sel.substring(1)))
                    .isEqualTo(SNAPSHOT.totals().averageDurationSeconds());
            assertThat(single("symphra_scheduler_uptime_seconds{" + sel.substring(1)))
                    .isEqualTo(SNAPSHOT.uptimeSeconds());
            Map<String, Double> executions = byTask("symphra_scheduler_task_executions{" + sel.substring(1));
            Map<String, Double> max = byTask("symphra_scheduler_task_duration_seconds{stat=\"max\"" + sel);
            Map<String, Double> avg = byTask("symphra_scheduler_task_duration_seconds{stat=\"avg\"" + sel);
            Map<String, Double> count =
                    byTask("symphra_scheduler_task_execution_duration_seconds_count{" + sel.substring(1));
            Map<String, Double> sum =
                    byTask("symphra_scheduler_task_execution_duration_seconds_sum{" + sel.substring(1));
            Map<String, Double> timeouts = byTask("symphra_scheduler_task_timeouts_total{" + sel.substring(1));
            Map<String, Double> lastSuccess =
                    byTask("symphra_scheduler_task_last_success_timestamp_seconds{" + sel.substring(1));
            for (TaskStats task : SNAPSHOT.tasks().values()) {
                assertThat(executions.get(task.name())).isEqualTo(task.executions());
                assertThat(max.get(task.name())).isEqualTo(task.maxDurationSeconds());
                assertThat(avg.get(task.name())).isEqualTo(task.averageDurationSeconds());
                assertThat(count.get(task.name())).isEqualTo(task.durations().count());
                assertThat(sum.get(task.name())).isEqualTo(task.durations().sumSeconds());
                assertThat(timeouts.get(task.name())).isEqualTo(task.timeouts());
                assertThat(lastSuccess.get(task.name())).isEqualTo(epochSeconds(task.lastSuccess()));
            }
        }
    }

    @Test
    void theScheduleSignalsWorkerGaugesInfoAndClusterClaimsComeBackFromPrometheus() throws Exception {
        for (String job : new String[] {"om", "text"}) {
            String sel = "job=\"" + job + "\"";
            JsonNode info = prometheus.query("symphra_scheduler_info{" + sel + "}");
            assertThat(info).hasSize(1);
            assertThat(info.get(0).path("metric").path("version").asText())
                    .isEqualTo(SNAPSHOT.scheduler().version());
            assertThat(value(info.get(0))).isEqualTo(1.0);
            assertThat(single("symphra_scheduler_workers_busy{" + sel + "}"))
                    .isEqualTo(SNAPSHOT.scheduler().busyWorkers());
            assertThat(single("symphra_scheduler_fires_waiting{" + sel + "}"))
                    .isEqualTo(SNAPSHOT.scheduler().waitingFires());
            Map<String, Double> next = byTask("symphra_scheduler_task_next_fire_timestamp_seconds{" + sel + "}");
            Map<String, Double> missed = byTask("symphra_scheduler_task_missed_fires_total{" + sel + "}");
            Map<String, Double> age = byTask("symphra_scheduler_task_oldest_run_age_seconds{" + sel + "}");
            Map<String, Double> claimed = byTask("symphra_scheduler_task_claimed_total{" + sel + "}");
            Map<String, Double> elsewhere = byTask("symphra_scheduler_task_ran_elsewhere_total{" + sel + "}");
            Map<String, Double> abandoned = byTask("symphra_scheduler_task_abandoned_total{" + sel + "}");
            Map<String, Double> skippedErrors =
                    byTask("symphra_scheduler_task_claim_errors_total{fire=\"skipped\"," + sel + "}");
            Map<String, Double> ranHereErrors =
                    byTask("symphra_scheduler_task_claim_errors_total{fire=\"ran_here\"," + sel + "}");
            Map<String, Double> claimCount = byTask("symphra_scheduler_task_claim_duration_seconds_count{" + sel + "}");
            Map<String, Double> claimMax = byTask("symphra_scheduler_task_claim_duration_max_seconds{" + sel + "}");
            for (TaskStats task : SNAPSHOT.tasks().values()) {
                Instant nextFire = task.schedule().nextFire();
                assertThat(next.get(task.name())).isEqualTo(nextFire == null ? null : epochSeconds(nextFire));
                assertThat(missed.get(task.name())).isEqualTo(task.schedule().missedFires());
                assertThat(age.get(task.name())).isEqualTo(task.schedule().oldestRunAgeSeconds());
                assertThat(claimed.get(task.name())).isEqualTo(task.cluster().claimed());
                assertThat(elsewhere.get(task.name())).isEqualTo(task.cluster().ranElsewhere());
                assertThat(abandoned.get(task.name())).isEqualTo(task.cluster().abandoned());
                assertThat(skippedErrors.get(task.name()))
                        .isEqualTo(task.cluster().claimErrorsSkipped());
                assertThat(ranHereErrors.get(task.name()))
                        .isEqualTo(task.cluster().claimErrorsRanHere());
                assertThat(claimCount.get(task.name())).isEqualTo(task.cluster().claimLatencyCount());
                assertThat(claimMax.get(task.name())).isEqualTo(task.cluster().claimLatencyMaxSeconds());
            }
        }
    }

    @Test
    void everyHostileTaskNameRoundTripsByteForByteInBothFormats() throws Exception {
        for (String job : new String[] {"om", "text"}) {
            Set<String> names = byTask("symphra_scheduler_task_executions{job=\"" + job + "\"}")
                    .keySet();
            assertThat(names).containsExactlyInAnyOrderElementsOf(HostileNames.CORPUS);
            JsonNode exporters = prometheus.query("symphra_scheduler_exporter_exports_total{job=\"" + job + "\"}");
            Set<String> exporterNames = new HashSet<>();
            exporters.forEach(
                    r -> exporterNames.add(r.path("metric").path("exporter").asText()));
            assertThat(exporterNames).containsExactlyInAnyOrder("statsd", "odd \"name\"\n");
            JsonNode uptime = prometheus
                    .query("symphra_scheduler_uptime_seconds{job=\"" + job + "\"}")
                    .get(0);
            assertThat(uptime.path("metric").path("service").asText()).isEqualTo("billing \"eu\"\n");
            assertThat(uptime.path("metric").path("instance_id").asText()).isEqualTo("\u00E9\u00E8 \\");
        }
    }

    @Test
    void prometheusRecordsTheLegacyCountersAsGaugesFromOpenMetricsAndCountersFromText() throws Exception {
        // the same sample name either way; only the metadata type differs
        assertThat(prometheus.metadataType("om", "symphra_scheduler_executions_failed"))
                .isEqualTo("gauge");
        assertThat(prometheus.metadataType("text", "symphra_scheduler_executions_failed"))
                .isEqualTo("counter");
        assertThat(prometheus.metadataType("om", "symphra_scheduler_executions"))
                .isEqualTo("counter");
        assertThat(prometheus.metadataType("text", "symphra_scheduler_executions_total"))
                .isEqualTo("counter");
        assertThat(prometheus.metadataType("om", "symphra_scheduler_task_execution_duration_seconds"))
                .isEqualTo("histogram");
        assertThat(single("symphra_scheduler_executions_failed{job=\"om\"}"))
                .isEqualTo(single("symphra_scheduler_executions_failed{job=\"text\"}"))
                .isEqualTo(SNAPSHOT.totals().failures());
    }

    private static double epochSeconds(Instant instant) {
        return new BigDecimal(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .doubleValue();
    }

    private static double single(String promql) throws Exception {
        JsonNode result = prometheus.query(promql);
        assertThat(result.size()).as(promql).isEqualTo(1);
        return value(result.get(0));
    }

    private static Map<String, Double> byTask(String promql) throws Exception {
        Map<String, Double> byTask = new HashMap<>();
        for (JsonNode series : prometheus.query(promql)) {
            byTask.put(series.path("metric").path("task").asText(), value(series));
        }
        return byTask;
    }

    private static Map<Map<String, String>, Double> scraped(String promql) throws Exception {
        Map<Map<String, String>, Double> scraped = new HashMap<>();
        for (JsonNode series : prometheus.query(promql)) {
            Map<String, String> labels = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = series.path("metric").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("job") && !field.getKey().equals("instance")) {
                    labels.put(field.getKey(), field.getValue().asText());
                }
            }
            scraped.put(labels, value(series));
        }
        return scraped;
    }

    private static double value(JsonNode series) {
        String text = series.path("value").get(1).asText();
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
