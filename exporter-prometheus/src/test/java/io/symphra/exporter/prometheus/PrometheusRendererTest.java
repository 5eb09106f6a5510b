package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrometheusRendererTest {

    static final Instant LAST_PUSH = Instant.parse("2026-01-01T00:00:59.25Z");

    static MetricsSnapshot sample() {
        return SnapshotBuilder.snapshot()
                .label("service", "billing")
                .exporter(new ExporterStats("statsd", 7, 2, 1, LAST_PUSH, null))
                .task("report", new long[] {10, 300}, new long[] {20}, 1, 2, 3, 1)
                .signals(
                        "report",
                        new ScheduleSignals(Instant.parse("2026-01-01T00:01:30.5Z"), 4, 1_500_000_000L),
                        new ClusterClaims(5, 3, 1, 2, 1, 11, 44_000_000L, 9_000_000L))
                .task("idle", new long[0], new long[0], 0, 0, 0, 0)
                .scheduler(new SchedulerState("1.2.3-test", 2, 1, true))
                .build();
    }

    @Test
    void writesTheScheduleSignalsTheWorkersLoadTheVersionAndTheClusterClaims() throws IOException {
        String text = render(ExpositionFormat.PROMETHEUS_TEXT, sample());
        assertThat(text)
                .contains(
                        "# TYPE symphra_scheduler_info gauge\nsymphra_scheduler_info{service=\"billing\",version=\"1.2.3-test\"} 1\n",
                        "# TYPE symphra_scheduler_workers_busy gauge\nsymphra_scheduler_workers_busy{service=\"billing\"} 2\n",
                        "# TYPE symphra_scheduler_fires_waiting gauge\nsymphra_scheduler_fires_waiting{service=\"billing\"} 1\n",
                        "symphra_scheduler_task_next_fire_timestamp_seconds{service=\"billing\",task=\"report\"} 1767225690.5\n",
                        "symphra_scheduler_task_missed_fires_total{service=\"billing\",task=\"report\"} 4\n",
                        "symphra_scheduler_task_missed_fires_total{service=\"billing\",task=\"idle\"} 0\n",
                        "symphra_scheduler_task_oldest_run_age_seconds{service=\"billing\",task=\"report\"} 1.5\n",
                        "symphra_scheduler_task_claimed_total{service=\"billing\",task=\"report\"} 5\n",
                        "symphra_scheduler_task_ran_elsewhere_total{service=\"billing\",task=\"report\"} 3\n",
                        "symphra_scheduler_task_abandoned_total{service=\"billing\",task=\"report\"} 1\n",
                        "symphra_scheduler_task_claim_errors_total{service=\"billing\",task=\"report\",fire=\"skipped\"} 2\n",
                        "symphra_scheduler_task_claim_errors_total{service=\"billing\",task=\"report\",fire=\"ran_here\"} 1\n",
                        "symphra_scheduler_task_claim_duration_seconds_sum{service=\"billing\",task=\"report\"} 0.044\n",
                        "symphra_scheduler_task_claim_duration_seconds_count{service=\"billing\",task=\"report\"} 11\n",
                        "symphra_scheduler_task_claim_duration_max_seconds{service=\"billing\",task=\"report\"} 0.009\n");
        // No fire planned: no sample, rather than a made-up time.
        assertThat(text)
                .doesNotContain(
                        "symphra_scheduler_task_next_fire_timestamp_seconds{service=\"billing\",task=\"idle\"}");
        String om = render(ExpositionFormat.OPENMETRICS, sample());
        assertThat(om)
                .contains(
                        "# TYPE symphra_scheduler_info gauge\n",
                        "# TYPE symphra_scheduler_task_missed_fires counter\n",
                        "# TYPE symphra_scheduler_task_next_fire_timestamp_seconds gauge\n# UNIT symphra_scheduler_task_next_fire_timestamp_seconds seconds\n");
    }

    @Test
    void leavesTheClusterFamiliesOutWithoutACoordinator() throws IOException {
        MetricsSnapshot single = SnapshotBuilder.snapshot()
                .task("report", new long[] {10}, new long[] {20}, 1, 0, 0, 0)
                .scheduler(new SchedulerState("1.2.3-test", 0, 0, false))
                .build();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            String text = render(format, single);
            assertThat(text)
                    .contains("symphra_scheduler_task_missed_fires")
                    .doesNotContain("claim", "ran_elsewhere", "abandoned");
        }
    }

    static String render(ExpositionFormat format, MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusRenderer.of(format).write(snapshot, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The rendering with every family and each task's durations as a histogram with buckets. */
    static String renderHistograms(ExpositionFormat format, MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusRenderer.of(format, FamilySelection.BOTH, DurationSeries.HISTOGRAM)
                .write(snapshot, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheLegacyFamiliesWithTheirNamesTypesAndLabels() throws IOException {
        String text = render(ExpositionFormat.PROMETHEUS_TEXT, sample());
        assertThat(text)
                .contains(
                        "# TYPE symphra_scheduler_uptime_seconds gauge\nsymphra_scheduler_uptime_seconds{service=\"billing\"} 60\n",
                        "# TYPE symphra_scheduler_executions_total counter\nsymphra_scheduler_executions_total{service=\"billing\"} 3\n",
                        "# TYPE symphra_scheduler_executions_success counter\nsymphra_scheduler_executions_success{service=\"billing\"} 2\n",
                        "# TYPE symphra_scheduler_executions_failed counter\nsymphra_scheduler_executions_failed{service=\"billing\"} 1\n",
                        "# TYPE symphra_scheduler_duration_seconds_total counter\nsymphra_scheduler_duration_seconds_total{service=\"billing\"} 0.33\n",
                        "# TYPE symphra_scheduler_duration_seconds_average gauge\nsymphra_scheduler_duration_seconds_average{service=\"billing\"} 0.11\n",
                        "# TYPE symphra_scheduler_task_executions counter\n"
                                + "symphra_scheduler_task_executions{service=\"billing\",task=\"idle\"} 0\n"
                                + "symphra_scheduler_task_executions{service=\"billing\",task=\"report\"} 3\n",
                        "symphra_scheduler_task_duration_seconds{service=\"billing\",task=\"report\",stat=\"avg\"} 0.11\n"
                                + "symphra_scheduler_task_duration_seconds{service=\"billing\",task=\"report\",stat=\"min\"} 0.01\n"
                                + "symphra_scheduler_task_duration_seconds{service=\"billing\",task=\"report\",stat=\"max\"} 0.3\n");
    }

    @Test
    void writesTheIdiomaticFamilies() throws IOException {
        Exposition e = Exposition.parse(render(ExpositionFormat.PROMETHEUS_TEXT, sample()));
        Map<String, String> report = Map.of("task", "report", "service", "billing");
        assertThat(e.value("symphra_scheduler_task_successes_total", report)).isEqualTo("2");
        assertThat(e.value("symphra_scheduler_task_failures_total", report)).isEqualTo("1");
        assertThat(e.value("symphra_scheduler_task_timeouts_total", report)).isEqualTo("1");
        assertThat(e.value("symphra_scheduler_task_skipped_total", report)).isEqualTo("2");
        assertThat(e.value("symphra_scheduler_task_retries_total", report)).isEqualTo("3");
        assertThat(e.value("symphra_scheduler_task_running", report)).isEqualTo("1");
        assertThat(e.value("symphra_scheduler_task_lateness_seconds_sum", report))
                .isEqualTo("0.003");
        assertThat(e.value("symphra_scheduler_task_lateness_seconds_count", report))
                .isEqualTo("3");
        assertThat(e.value("symphra_scheduler_task_lateness_max_seconds", report))
                .isEqualTo("0.003");
        assertThat(e.value("symphra_scheduler_task_lateness_last_seconds", report))
                .isEqualTo("0.001");
        assertThat(e.value("symphra_scheduler_task_last_success_timestamp_seconds", report))
                .isEqualTo("1767225659");
        assertThat(e.value("symphra_scheduler_task_last_failure_timestamp_seconds", report))
                .isEqualTo("1767225658");
        assertThat(e.value("symphra_scheduler_start_time_seconds", Map.of())).isEqualTo("1767225600");
        Map<String, String> statsd = Map.of("exporter", "statsd", "service", "billing");
        assertThat(e.value("symphra_scheduler_exporter_exports_total", statsd)).isEqualTo("7");
        assertThat(e.value("symphra_scheduler_exporter_failures_total", statsd)).isEqualTo("2");
        assertThat(e.value("symphra_scheduler_exporter_skipped_total", statsd)).isEqualTo("1");
        assertThat(e.value("symphra_scheduler_exporter_last_success_timestamp_seconds", statsd))
                .isEqualTo("1767225659.25");
        assertThat(e.named("symphra_scheduler_exporter_last_failure_timestamp_seconds"))
                .isEmpty();
    }

    @Test
    void timestampsAppearOnlyForTasksThatHaveThem() throws IOException {
        Exposition e = Exposition.parse(render(ExpositionFormat.PROMETHEUS_TEXT, sample()));
        assertThat(e.named("symphra_scheduler_task_last_success_timestamp_seconds"))
                .extracting(s -> s.labels().get("task"))
                .containsExactly("report");
        assertThat(e.named("symphra_scheduler_task_last_failure_timestamp_seconds"))
                .extracting(s -> s.labels().get("task"))
                .containsExactly("report");
    }

    @Test
    void writesTheHistogramCumulativelyWithSumAndCount() throws IOException {
        Exposition e = Exposition.parse(renderHistograms(ExpositionFormat.PROMETHEUS_TEXT, sample()));
        List<Exposition.Sample> buckets = e.named("symphra_scheduler_task_execution_duration_seconds_bucket").stream()
                .filter(s -> s.labels().get("task").equals("report"))
                .toList();
        assertThat(buckets)
                .extracting(s -> s.labels().get("le"))
                .containsExactly(
                        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60",
                        "+Inf");
        assertThat(buckets)
                .extracting(Exposition.Sample::value)
                .containsExactly("0", "1", "2", "2", "2", "2", "3", "3", "3", "3", "3", "3", "3", "3");
        Map<String, String> report = Map.of("task", "report");
        assertThat(e.value("symphra_scheduler_task_execution_duration_seconds_sum", report))
                .isEqualTo("0.33");
        assertThat(e.value("symphra_scheduler_task_execution_duration_seconds_count", report))
                .isEqualTo("3");
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void writesDurationsAsASummaryWithTheHistogramsSumAndCountByDefault(ExpositionFormat format) throws IOException {
        String text = render(format, sample());
        assertThat(text)
                .contains("# TYPE symphra_scheduler_task_execution_duration_seconds summary\n")
                .doesNotContain("_bucket", "# TYPE symphra_scheduler_task_execution_duration_seconds histogram");
        Exposition summary = Exposition.parse(text);
        Exposition histogram = Exposition.parse(renderHistograms(format, sample()));
        for (String task : List.of("report", "idle")) {
            Map<String, String> labels = Map.of("task", task);
            for (String sample : List.of(
                    "symphra_scheduler_task_execution_duration_seconds_sum",
                    "symphra_scheduler_task_execution_duration_seconds_count")) {
                assertThat(summary.value(sample, labels)).isEqualTo(histogram.value(sample, labels));
            }
        }
        assertThat(summary.value("symphra_scheduler_task_execution_duration_seconds_sum", Map.of("task", "report")))
                .isEqualTo("0.33");
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void writesEachFamilysMetadataOnceAndKeepsFamiliesTogether(ExpositionFormat format) throws IOException {
        String text = render(format, sample());
        Exposition e = Exposition.parse(text);
        List<String> types =
                e.comments().stream().filter(c -> c.startsWith("# TYPE ")).toList();
        List<String> helps =
                e.comments().stream().filter(c -> c.startsWith("# HELP ")).toList();
        assertThat(types).hasSize(Family.values().length).doesNotHaveDuplicates();
        assertThat(helps).hasSize(Family.values().length).doesNotHaveDuplicates();
        // a family's samples all follow its TYPE line before the next TYPE line
        String current = null;
        Set<String> seen = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                current = line.split(" ")[2];
                assertThat(seen.add(current)).isTrue();
            } else if (!line.startsWith("#")) {
                assertThat(line).startsWith(current);
            }
        }
    }

    @Test
    void openMetricsNamesCountersWithoutTotalAndDeclaresLegacyCountersAsGauges() throws IOException {
        String om = renderHistograms(ExpositionFormat.OPENMETRICS, sample());
        assertThat(om)
                .endsWith("# EOF\n")
                .contains(
                        "# TYPE symphra_scheduler_executions counter\n"
                                + "# HELP symphra_scheduler_executions Task executions that ended, successful or failed.\n"
                                + "symphra_scheduler_executions_total{service=\"billing\"} 3\n",
                        "# TYPE symphra_scheduler_executions_success gauge\n",
                        "# TYPE symphra_scheduler_executions_failed gauge\n",
                        "# TYPE symphra_scheduler_task_executions gauge\n",
                        "# TYPE symphra_scheduler_duration_seconds counter\n# UNIT symphra_scheduler_duration_seconds seconds\n",
                        "# TYPE symphra_scheduler_task_execution_duration_seconds histogram\n"
                                + "# UNIT symphra_scheduler_task_execution_duration_seconds seconds\n",
                        "# TYPE symphra_scheduler_task_lateness_seconds summary\n");
        assertThat(om).doesNotContain("# TYPE symphra_scheduler_executions_total", "untyped", "unknown");
        for (String line : om.split("\n")) {
            if (line.startsWith("# TYPE ") && line.endsWith(" counter")) {
                assertThat(line.split(" ")[2]).doesNotEndWith("_total");
            }
        }
    }

    @Test
    void bothFormatsCarryTheSameSamples() throws IOException {
        MetricsSnapshot snapshot = hostileSnapshot();
        assertThat(Exposition.parse(render(ExpositionFormat.OPENMETRICS, snapshot))
                        .samples())
                .isEqualTo(Exposition.parse(render(ExpositionFormat.PROMETHEUS_TEXT, snapshot))
                        .samples());
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void everyHostileTaskNameReadsBackExactly(ExpositionFormat format) throws IOException {
        String text = render(format, hostileSnapshot());
        assertThat(text.lines().filter(l -> !l.startsWith("#")).count()).isPositive();
        Exposition e = Exposition.parse(text);
        Set<String> names = e.named("symphra_scheduler_task_executions").stream()
                .map(s -> s.labels().get("task"))
                .collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrderElementsOf(HostileNames.CORPUS);
        assertThat(e.named("symphra_scheduler_task_executions"))
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("weird_label", "a\"b\\c\nd"));
    }

    @Test
    void aNameLongerThanTheWriteBufferIsWrittenWhole() throws IOException {
        String huge = "\u00E9\"".repeat(20_000); // 60 KB of UTF-8 once escaped, more than the 16 KB buffer
        MetricsSnapshot snapshot =
                SnapshotBuilder.snapshot().task(huge, 2, 1).task("small", 1, 0).build();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            Exposition e = Exposition.parse(render(format, snapshot));
            assertThat(e.value("symphra_scheduler_task_executions", Map.of("task", huge)))
                    .isEqualTo("3");
            assertThat(e.value("symphra_scheduler_task_executions", Map.of("task", "small")))
                    .isEqualTo("1");
        }
    }

    @Test
    void theWriterVariantWritesTheSameText() throws IOException {
        MetricsSnapshot snapshot = hostileSnapshot();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            StringWriter writer = new StringWriter();
            PrometheusRenderer.of(format).write(snapshot, writer);
            assertThat(writer.toString()).isEqualTo(render(format, snapshot));
        }
    }

    @Test
    void theMetricsFormatsAreFoundByName() {
        assertThat(io.symphra.metrics.spi.MetricsFormat.find(
                        "prometheus", getClass().getClassLoader()))
                .get()
                .satisfies(f -> assertThat(f.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8"));
        assertThat(io.symphra.metrics.spi.MetricsFormat.find(
                        "openmetrics", getClass().getClassLoader()))
                .get()
                .satisfies(f -> assertThat(f.contentType())
                        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        assertThat(new PrometheusTextFormat().render(sample()))
                .isEqualTo(new String(renderBytes(ExpositionFormat.PROMETHEUS_TEXT), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptySnapshotStillHasEveryFamily() throws IOException {
        String om = render(ExpositionFormat.OPENMETRICS, MetricsSnapshot.empty(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(om)
                .startsWith("# TYPE symphra_scheduler_uptime_seconds gauge\n")
                .endsWith("# EOF\n")
                .contains("symphra_scheduler_uptime_seconds 0\n", "symphra_scheduler_duration_seconds_average 0\n");
    }

    static MetricsSnapshot hostileSnapshot() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().label("weird.label", "a\"b\\c\nd");
        int i = 0;
        for (String name : HostileNames.CORPUS) {
            builder.task(name, ++i, i % 3);
        }
        return builder.build();
    }

    private static byte[] renderBytes(ExpositionFormat format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusRenderer.of(format).write(sample(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
