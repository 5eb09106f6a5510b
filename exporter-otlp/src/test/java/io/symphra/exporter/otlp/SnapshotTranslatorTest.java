package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotTranslatorTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Resource RESOURCE = Resource.empty();

    @Test
    void everyInstrumentIsProducedWithItsNameUnitAndType() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(5))
                .task("a", 1, 1)
                .signals(
                        "a",
                        new ScheduleSignals(START.plusSeconds(9), 2, 0),
                        new ClusterClaims(1, 0, 0, 0, 0, 1, 1_000_000L, 1_000_000L))
                .scheduler(new SchedulerState("3.1", 0, 0, true))
                .build();

        List<MetricData> metrics = new SnapshotTranslator(Temporality.CUMULATIVE).translate(snapshot, RESOURCE, null);

        assertThat(metrics)
                .allSatisfy(m ->
                        assertThat(m.getInstrumentationScopeInfo().getVersion()).isEqualTo("3.1"));
        assertThat(metrics)
                .extracting(MetricData::getName)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Instrument.values())
                        .map(Instrument::metricName)
                        .toList());
        for (MetricData m : metrics) {
            Instrument instrument = Arrays.stream(Instrument.values())
                    .filter(i -> i.metricName().equals(m.getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.getType()).isEqualTo(instrument.type());
            assertThat(m.getUnit()).isEqualTo(instrument.unit());
            assertThat(m.getResource()).isSameAs(RESOURCE);
            assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo("io.symphra.scheduler");
            if (m.getType() == MetricDataType.LONG_SUM) {
                assertThat(m.getLongSumData().isMonotonic()).isTrue();
                assertThat(m.getLongSumData().getAggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
            }
        }
    }

    @Test
    void aggregatedTasksAreTheOneTaskAttributeAggregated() {
        List<MetricData> metrics =
                new SnapshotTranslator(Temporality.CUMULATIVE).translate(AggregatedSnapshot.take(), RESOURCE, null);
        MetricData executions = metrics.stream()
                .filter(m -> m.getName().equals("symphra.scheduler.task.executions"))
                .findFirst()
                .orElseThrow();
        java.util.Map<String, Long> byTask = new java.util.TreeMap<>();
        executions
                .getLongSumData()
                .getPoints()
                .forEach(point -> byTask.put(
                        point.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("task")),
                        point.getValue()));
        assertThat(byTask).containsExactly(entry(MetricsCollector.AGGREGATED_TASK, 3L), entry("cleanup", 1L));
        assertThat(metrics)
                .allSatisfy(m -> assertThat(m.getData().getPoints())
                        .allSatisfy(point -> assertThat(String.valueOf(point.getAttributes()))
                                .doesNotContain("tenant-")));
    }

    @Test
    void aSnapshotWithoutTasksSendsOnlyTheSchedulerWideGauges() {
        MetricsSnapshot snapshot = MetricsSnapshot.empty(START);

        List<MetricData> metrics = new SnapshotTranslator(Temporality.CUMULATIVE).translate(snapshot, RESOURCE, null);

        assertThat(metrics)
                .extracting(MetricData::getName)
                .containsExactly(
                        "symphra.scheduler.workers.busy",
                        "symphra.scheduler.fires.waiting",
                        "symphra.scheduler.uptime");
    }

    @Test
    void aSchedulerWithoutCoordinatorSendsNoClusterInstruments() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(5))
                .task("a", 1, 1)
                .scheduler(new SchedulerState("3.1", 0, 0, false))
                .build();

        List<MetricData> metrics = new SnapshotTranslator(Temporality.CUMULATIVE).translate(snapshot, RESOURCE, null);

        assertThat(metrics)
                .extracting(MetricData::getName)
                .contains("symphra.scheduler.task.missed_fires")
                .noneMatch(
                        name -> name.contains("claim") || name.endsWith("ran_elsewhere") || name.endsWith("abandoned"));
    }

    @Test
    void lastSuccessAndFailureTimesAreLeftOutForTasksThatNeverHadOne() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(5))
                .task("only-ok", 2, 0)
                .task("never", 0, 0)
                .build();

        List<MetricData> metrics = new SnapshotTranslator(Temporality.CUMULATIVE).translate(snapshot, RESOURCE, null);

        Map<String, MetricData> byName = metrics.stream().collect(Collectors.toMap(MetricData::getName, m -> m));
        assertThat(byName).doesNotContainKey("symphra.scheduler.task.last_failure_time");
        assertThat(byName.get("symphra.scheduler.task.last_success_time")
                        .getDoubleGaugeData()
                        .getPoints())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getAttributes().get(SnapshotTranslator.TASK)).isEqualTo("only-ok");
                    assertThat(p.getValue()).isEqualTo(START.plusSeconds(4).getEpochSecond());
                });
    }

    @Test
    void deltaAfterAResetCountsFromTheNewStartTime() {
        MetricsSnapshot before = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(60))
                .task("a", 10, 0)
                .build();
        Instant reset = START.plusSeconds(100);
        MetricsSnapshot after = SnapshotBuilder.snapshot()
                .startTime(reset)
                .timestamp(reset.plusSeconds(10))
                .task("a", 2, 0)
                .build();

        List<MetricData> metrics = new SnapshotTranslator(Temporality.DELTA).translate(after, RESOURCE, before);

        LongPointData executions = longSum(metrics, "symphra.scheduler.task.executions");
        assertThat(executions.getValue()).isEqualTo(2);
        assertThat(executions.getStartEpochNanos()).isEqualTo(SnapshotTranslator.epochNanos(reset));
        assertThat(executions.getEpochNanos()).isEqualTo(SnapshotTranslator.epochNanos(reset.plusSeconds(10)));
    }

    @Test
    void deltaTreatsACounterThatWentDownWithoutNewStartTimeAsAResetOfThatTask() {
        MetricsSnapshot before = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(60))
                .task("a", 10, 0)
                .build();
        MetricsSnapshot after = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(120))
                .task("a", 3, 0)
                .build();

        List<MetricData> metrics = new SnapshotTranslator(Temporality.DELTA).translate(after, RESOURCE, before);

        LongPointData executions = longSum(metrics, "symphra.scheduler.task.executions");
        assertThat(executions.getValue()).isEqualTo(3);
        assertThat(executions.getStartEpochNanos()).isEqualTo(SnapshotTranslator.epochNanos(START));
    }

    @Test
    void deltaHistogramSubtractsBucketsAndLeavesOutMinAndMax() {
        double[] bounds = {0.1, 1};
        MetricsSnapshot before = snapshotWith(task(bounds, new long[] {1, 2, 0}, 1.5), START.plusSeconds(60));
        MetricsSnapshot after = snapshotWith(task(bounds, new long[] {4, 2, 1}, 9.0), START.plusSeconds(120));

        List<MetricData> metrics = new SnapshotTranslator(Temporality.DELTA).translate(after, RESOURCE, before);

        HistogramPointData point = metrics.stream()
                .filter(m -> m.getType() == MetricDataType.HISTOGRAM)
                .findFirst()
                .orElseThrow()
                .getHistogramData()
                .getPoints()
                .iterator()
                .next();
        assertThat(point.getBoundaries()).containsExactly(0.1, 1.0);
        assertThat(point.getCounts()).containsExactly(3L, 0L, 1L);
        assertThat(point.getCount()).isEqualTo(4);
        assertThat(point.getSum()).isEqualTo(7.5);
        assertThat(point.hasMin()).isFalse();
        assertThat(point.hasMax()).isFalse();
        assertThat(point.getStartEpochNanos()).isEqualTo(SnapshotTranslator.epochNanos(START.plusSeconds(60)));
    }

    private static LongPointData longSum(List<MetricData> metrics, String name) {
        PointData point = metrics.stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getLongSumData()
                .getPoints()
                .iterator()
                .next();
        return (LongPointData) point;
    }

    private static MetricsSnapshot snapshotWith(TaskStats task, Instant timestamp) {
        return MetricsSnapshot.of(timestamp, START, Map.of(task.name(), task), Map.of(), List.of());
    }

    private static TaskStats task(double[] bounds, long[] counts, double sum) {
        long n = Arrays.stream(counts).sum();
        return new TaskStats(
                "h",
                n,
                0,
                0,
                0,
                0,
                0,
                (long) (sum * 1e9),
                1_000_000,
                2_000_000_000L,
                null,
                null,
                ExecutionOutcome.SUCCESS,
                DurationHistogram.of(bounds, counts, sum),
                Lateness.NONE);
    }
}
