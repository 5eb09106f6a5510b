package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks a decoded OTLP request against the snapshot it was made from, as a receiver would read it. */
final class OtlpRequestAssertions {

    private OtlpRequestAssertions() {}

    /** The kind of data and the per-task value each instrument must carry; null means no point for that task. */
    private record Expected(String name, String unit, Metric.DataCase kind, Function<TaskStats, Number> value) {}

    private static final List<Expected> TASK_METRICS = List.of(
            new Expected(
                    "symphra.scheduler.task.executions", "{execution}", Metric.DataCase.SUM, TaskStats::executions),
            new Expected("symphra.scheduler.task.successes", "{execution}", Metric.DataCase.SUM, TaskStats::successes),
            new Expected("symphra.scheduler.task.failures", "{execution}", Metric.DataCase.SUM, TaskStats::failures),
            new Expected("symphra.scheduler.task.timeouts", "{execution}", Metric.DataCase.SUM, TaskStats::timeouts),
            new Expected("symphra.scheduler.task.skipped", "{fire}", Metric.DataCase.SUM, TaskStats::skipped),
            new Expected("symphra.scheduler.task.retries", "{retry}", Metric.DataCase.SUM, TaskStats::retries),
            new Expected(
                    "symphra.scheduler.task.total_duration", "s", Metric.DataCase.SUM, TaskStats::totalDurationSeconds),
            new Expected("symphra.scheduler.task.running", "{execution}", Metric.DataCase.GAUGE, TaskStats::running),
            new Expected("symphra.scheduler.task.success_rate", "1", Metric.DataCase.GAUGE, TaskStats::successRate),
            new Expected(
                    "symphra.scheduler.task.average_duration",
                    "s",
                    Metric.DataCase.GAUGE,
                    TaskStats::averageDurationSeconds),
            new Expected(
                    "symphra.scheduler.task.min_duration", "s", Metric.DataCase.GAUGE, TaskStats::minDurationSeconds),
            new Expected(
                    "symphra.scheduler.task.max_duration", "s", Metric.DataCase.GAUGE, TaskStats::maxDurationSeconds),
            new Expected(
                    "symphra.scheduler.task.last_lateness",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.lateness().lastSeconds()),
            new Expected(
                    "symphra.scheduler.task.average_lateness",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.lateness().averageSeconds()),
            new Expected(
                    "symphra.scheduler.task.max_lateness",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.lateness().maxSeconds()),
            new Expected(
                    "symphra.scheduler.task.last_success_time",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.lastSuccess() == null ? null : epochSeconds(t.lastSuccess())),
            new Expected(
                    "symphra.scheduler.task.last_failure_time",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.lastFailure() == null ? null : epochSeconds(t.lastFailure())),
            new Expected(
                    "symphra.scheduler.task.next_fire_time",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.schedule().nextFire() == null
                            ? null
                            : epochSeconds(t.schedule().nextFire())),
            new Expected(
                    "symphra.scheduler.task.missed_fires",
                    "{fire}",
                    Metric.DataCase.SUM,
                    t -> t.schedule().missedFires()),
            new Expected(
                    "symphra.scheduler.task.oldest_run_age",
                    "s",
                    Metric.DataCase.GAUGE,
                    t -> t.schedule().oldestRunAgeSeconds()),
            new Expected(
                    "symphra.scheduler.task.claimed",
                    "{fire}",
                    Metric.DataCase.SUM,
                    t -> t.cluster().claimed()),
            new Expected(
                    "symphra.scheduler.task.ran_elsewhere",
                    "{fire}",
                    Metric.DataCase.SUM,
                    t -> t.cluster().ranElsewhere()),
            new Expected(
                    "symphra.scheduler.task.abandoned",
                    "{fire}",
                    Metric.DataCase.SUM,
                    t -> t.cluster().abandoned()));

    /** Written only when the snapshot's scheduler has a coordinator. */
    private static final Set<String> CLUSTER_METRICS = Set.of(
            "symphra.scheduler.task.claimed",
            "symphra.scheduler.task.ran_elsewhere",
            "symphra.scheduler.task.abandoned");

    /**
     * Asserts that the request holds exactly the metrics of the snapshot: every instrument's name, unit, type,
     * temporality, and for every task its attribute, start time, time and value; the histogram's buckets; the
     * uptime gauge. Valid for a cumulative push, or a delta push with nothing delivered in the same window.
     */
    static void assertMatches(
            ExportMetricsServiceRequest request,
            MetricsSnapshot snapshot,
            long start,
            AggregationTemporality temporality) {
        long now = nanos(snapshot.timestamp());
        assertThat(request.getResourceMetricsCount()).isEqualTo(1);
        ResourceMetrics resourceMetrics = request.getResourceMetrics(0);
        assertThat(resourceMetrics.getScopeMetricsCount()).isEqualTo(1);
        ScopeMetrics scope = resourceMetrics.getScopeMetrics(0);
        assertThat(scope.getScope().getName()).isEqualTo("io.symphra.scheduler");
        assertThat(scope.getScope().getVersion()).isEqualTo(snapshot.scheduler().version());
        Map<String, String> labels = attributes(resourceMetrics.getResource().getAttributesList());
        assertThat(labels).containsAllEntriesOf(snapshot.commonLabels());

        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Metric m : scope.getMetricsList()) {
            assertThat(metrics.put(m.getName(), m))
                    .as("metric %s sent once", m.getName())
                    .isNull();
        }
        boolean clustered = snapshot.scheduler().clustered();
        Set<String> expectedNames = new HashSet<>();
        for (Expected e : TASK_METRICS) {
            if ((clustered || !CLUSTER_METRICS.contains(e.name()))
                    && snapshot.tasks().values().stream()
                            .anyMatch(t -> e.value().apply(t) != null)) {
                expectedNames.add(e.name());
            }
        }
        if (!snapshot.tasks().isEmpty()) {
            expectedNames.add("symphra.scheduler.task.duration");
        }
        if (!snapshot.tasks().isEmpty() && clustered) {
            expectedNames.add("symphra.scheduler.task.claim_errors");
            expectedNames.add("symphra.scheduler.task.claim.duration");
        }
        expectedNames.add("symphra.scheduler.uptime");
        expectedNames.add("symphra.scheduler.workers.busy");
        expectedNames.add("symphra.scheduler.fires.waiting");
        assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);

        for (Expected e : TASK_METRICS) {
            Metric metric = metrics.get(e.name());
            if (metric == null) {
                continue;
            }
            assertThat(metric.getUnit()).as(e.name()).isEqualTo(e.unit());
            assertThat(metric.getDescription()).as(e.name()).isNotBlank();
            assertThat(metric.getDataCase()).as(e.name()).isEqualTo(e.kind());
            List<NumberDataPoint> points;
            if (e.kind() == Metric.DataCase.SUM) {
                assertThat(metric.getSum().getIsMonotonic()).as(e.name()).isTrue();
                assertThat(metric.getSum().getAggregationTemporality())
                        .as(e.name())
                        .isEqualTo(temporality);
                points = metric.getSum().getDataPointsList();
            } else {
                points = metric.getGauge().getDataPointsList();
            }
            Map<String, NumberDataPoint> byTask = numberPointsByTask(points);
            Map<String, Number> expected = new HashMap<>();
            snapshot.tasks().forEach((name, stats) -> {
                Number value = e.value().apply(stats);
                if (value != null) {
                    expected.put(name, value);
                }
            });
            assertThat(byTask.keySet()).as(e.name()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((task, value) -> {
                NumberDataPoint point = byTask.get(task);
                assertThat(point.getStartTimeUnixNano()).as(e.name() + " start").isEqualTo(start);
                assertThat(point.getTimeUnixNano()).as(e.name() + " time").isEqualTo(now);
                if (value instanceof Long l) {
                    assertThat(point.getValueCase()).as(e.name()).isEqualTo(NumberDataPoint.ValueCase.AS_INT);
                    assertThat(point.getAsInt()).as(e.name() + " of " + task).isEqualTo(l);
                } else {
                    assertThat(point.getValueCase()).as(e.name()).isEqualTo(NumberDataPoint.ValueCase.AS_DOUBLE);
                    assertThat(point.getAsDouble())
                            .as(e.name() + " of " + task)
                            .isCloseTo(value.doubleValue(), within(1e-9));
                }
            });
        }

        if (!snapshot.tasks().isEmpty()) {
            Metric duration = metrics.get("symphra.scheduler.task.duration");
            assertThat(duration.getUnit()).isEqualTo("s");
            assertThat(duration.getDataCase()).isEqualTo(Metric.DataCase.HISTOGRAM);
            assertThat(duration.getHistogram().getAggregationTemporality()).isEqualTo(temporality);
            Map<String, HistogramDataPoint> byTask = duration.getHistogram().getDataPointsList().stream()
                    .collect(Collectors.toMap(p -> taskOf(p.getAttributesList()), p -> p));
            assertThat(byTask.keySet())
                    .containsExactlyInAnyOrderElementsOf(snapshot.tasks().keySet());
            snapshot.tasks().forEach((name, stats) -> {
                HistogramDataPoint point = byTask.get(name);
                DurationHistogram h = stats.durations();
                assertThat(point.getStartTimeUnixNano()).isEqualTo(start);
                assertThat(point.getTimeUnixNano()).isEqualTo(now);
                assertThat(point.getExplicitBoundsList())
                        .containsExactly(java.util.Arrays.stream(h.upperBoundsSeconds())
                                .boxed()
                                .toArray(Double[]::new));
                assertThat(point.getBucketCountsList())
                        .containsExactly(java.util.Arrays.stream(h.bucketCounts())
                                .boxed()
                                .toArray(Long[]::new));
                assertThat(point.getCount()).isEqualTo(stats.executions());
                assertThat(point.getSum()).isCloseTo(h.sumSeconds(), within(1e-9));
                assertThat(point.hasMin()).isEqualTo(stats.executions() > 0);
                assertThat(point.hasMax()).isEqualTo(stats.executions() > 0);
                if (stats.executions() > 0) {
                    assertThat(point.getMin()).isCloseTo(stats.minDurationSeconds(), within(1e-9));
                    assertThat(point.getMax()).isCloseTo(stats.maxDurationSeconds(), within(1e-9));
                }
            });
        }

        if (!snapshot.tasks().isEmpty() && clustered) {
            assertClaims(metrics, snapshot, start, now, temporality);
        }
        assertThat(metrics.get("symphra.scheduler.workers.busy")
                        .getGauge()
                        .getDataPoints(0)
                        .getAsInt())
                .isEqualTo(snapshot.scheduler().busyWorkers());
        assertThat(metrics.get("symphra.scheduler.fires.waiting")
                        .getGauge()
                        .getDataPoints(0)
                        .getAsInt())
                .isEqualTo(snapshot.scheduler().waitingFires());

        Metric uptime = metrics.get("symphra.scheduler.uptime");
        assertThat(uptime.getUnit()).isEqualTo("s");
        NumberDataPoint up = uptime.getGauge().getDataPoints(0);
        assertThat(uptime.getGauge().getDataPointsCount()).isEqualTo(1);
        assertThat(up.getAttributesList()).isEmpty();
        assertThat(up.getAsDouble()).isCloseTo(snapshot.uptimeSeconds(), within(1e-9));
        assertThat(up.getStartTimeUnixNano()).isEqualTo(nanos(snapshot.startTime()));
        assertThat(up.getTimeUnixNano()).isEqualTo(now);
    }

    /** Claim errors by task and {@code fire}; the claim latency as a histogram of one bucket with sum and max. */
    private static void assertClaims(
            Map<String, Metric> metrics,
            MetricsSnapshot snapshot,
            long start,
            long now,
            AggregationTemporality temporality) {
        Metric errors = metrics.get("symphra.scheduler.task.claim_errors");
        assertThat(errors.getSum().getAggregationTemporality()).isEqualTo(temporality);
        Map<String, Long> byTaskAndFire = new HashMap<>();
        for (NumberDataPoint p : errors.getSum().getDataPointsList()) {
            Map<String, String> a = attributes(p.getAttributesList());
            assertThat(p.getStartTimeUnixNano()).isEqualTo(start);
            byTaskAndFire.put(a.get("task") + "/" + a.get("fire"), p.getAsInt());
        }
        Map<String, Long> expectedErrors = new HashMap<>();
        snapshot.tasks().forEach((name, stats) -> {
            expectedErrors.put(name + "/skipped", stats.cluster().claimErrorsSkipped());
            expectedErrors.put(name + "/ran_here", stats.cluster().claimErrorsRanHere());
        });
        assertThat(byTaskAndFire).isEqualTo(expectedErrors);
        Metric latency = metrics.get("symphra.scheduler.task.claim.duration");
        assertThat(latency.getUnit()).isEqualTo("s");
        Map<String, HistogramDataPoint> byTask = latency.getHistogram().getDataPointsList().stream()
                .collect(Collectors.toMap(p -> taskOf(p.getAttributesList()), p -> p));
        snapshot.tasks().forEach((name, stats) -> {
            HistogramDataPoint point = byTask.get(name);
            assertThat(point.getTimeUnixNano()).isEqualTo(now);
            assertThat(point.getCount()).isEqualTo(stats.cluster().claimLatencyCount());
            assertThat(point.getBucketCountsList())
                    .containsExactly(stats.cluster().claimLatencyCount());
            assertThat(point.getExplicitBoundsList()).isEmpty();
            assertThat(point.getSum()).isCloseTo(stats.cluster().claimLatencyTotalSeconds(), within(1e-9));
            assertThat(point.hasMax()).isEqualTo(stats.cluster().claimLatencyCount() > 0);
            if (point.hasMax()) {
                assertThat(point.getMax()).isCloseTo(stats.cluster().claimLatencyMaxSeconds(), within(1e-9));
            }
        });
    }

    static Metric metric(ExportMetricsServiceRequest request, String name) {
        return request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    static List<Long> startTimesOf(ExportMetricsServiceRequest request) {
        List<Long> starts = new ArrayList<>();
        for (Metric m : request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList()) {
            switch (m.getDataCase()) {
                case SUM -> m.getSum().getDataPointsList().forEach(p -> starts.add(p.getStartTimeUnixNano()));
                case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> starts.add(p.getStartTimeUnixNano()));
                case HISTOGRAM ->
                    m.getHistogram().getDataPointsList().forEach(p -> starts.add(p.getStartTimeUnixNano()));
                default -> throw new AssertionError("unexpected " + m.getDataCase());
            }
        }
        return starts;
    }

    static Map<String, NumberDataPoint> numberPointsByTask(List<NumberDataPoint> points) {
        Map<String, NumberDataPoint> byTask = new HashMap<>();
        for (NumberDataPoint p : points) {
            assertThat(byTask.put(taskOf(p.getAttributesList()), p)).isNull();
        }
        return byTask;
    }

    static String taskOf(List<KeyValue> attributes) {
        assertThat(attributes).hasSize(1);
        assertThat(attributes.get(0).getKey()).isEqualTo("task");
        assertThat(attributes.get(0).getValue().getValueCase()).isEqualTo(AnyValue.ValueCase.STRING_VALUE);
        return attributes.get(0).getValue().getStringValue();
    }

    static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new HashMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), kv.getValue().getStringValue()));
        return map;
    }

    static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>(array.length);
        for (byte b : array) {
            list.add(b);
        }
        return list;
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
