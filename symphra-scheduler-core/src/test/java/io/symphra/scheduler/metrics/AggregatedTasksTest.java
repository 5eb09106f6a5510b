package io.symphra.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tasks matching the aggregation patterns are recorded together as {@code _aggregated}; the others keep their own
 * statistics, and the snapshot's invariants hold.
 */
class AggregatedTasksTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock(T0);
    private final MetricsCollector collector = new MetricsCollector(
            clock, Map.of(), DurationHistogram.DEFAULT_BOUNDS_SECONDS, List.of("batch-*", "exact.name"));

    private static ExecutionEvent event(String task) {
        return new ExecutionEvent(task, EpochNanos.of(T0), EpochNanos.of(T0.plusMillis(2)), 2 * MS, 1);
    }

    @Test
    void matchingTasksAreOneEntryAndTheTotalsAreStillTheSumOverTheEntries() {
        for (String name : List.of("batch-1", "batch-2", "exact.name", "report", "exactxname")) {
            collector.onRegistered(name);
        }
        collector.onSuccess(event("batch-1"), 10 * MS);
        collector.onFailure(event("batch-2"), 30 * MS, new RuntimeException("boom"));
        collector.handle("exact.name").recordSuccess(EpochNanos.of(T0), 20 * MS);
        collector.onSuccess(event("report"), 5 * MS);

        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.tasks()).containsOnlyKeys(MetricsCollector.AGGREGATED_TASK, "report", "exactxname");
        TaskStats aggregate = snapshot.tasks().get(MetricsCollector.AGGREGATED_TASK);
        assertThat(aggregate.executions()).isEqualTo(3);
        assertThat(aggregate.successes()).isEqualTo(2);
        assertThat(aggregate.failures()).isEqualTo(1);
        assertThat(aggregate.executions()).isEqualTo(aggregate.successes() + aggregate.failures());
        assertThat(aggregate.minDurationNanos()).isEqualTo(10 * MS);
        assertThat(aggregate.maxDurationNanos()).isEqualTo(30 * MS);
        assertThat(aggregate.durations().count()).isEqualTo(3);
        assertThat(aggregate.schedule().nextFire()).isNull();
        assertThat(snapshot.tasks().get("report").executions()).isEqualTo(1);
        assertThat(snapshot.totals().executions())
                .isEqualTo(snapshot.tasks().values().stream()
                        .mapToLong(TaskStats::executions)
                        .sum())
                .isEqualTo(4);
        assertThat(snapshot.totals().totalDurationNanos()).isEqualTo(65 * MS);
    }

    @Test
    void aHandleOfAnAggregatedTaskRecordsIntoTheAggregate() {
        TaskMetricsHandle handle = collector.handle("batch-7");
        assertThat(handle.taskName()).isEqualTo(MetricsCollector.AGGREGATED_TASK);
        handle.recordStart(0);
        assertThat(collector
                        .snapshot()
                        .tasks()
                        .get(MetricsCollector.AGGREGATED_TASK)
                        .running())
                .isEqualTo(1);
    }

    @Test
    void theAggregateOutlivesItsTasksAtAResetAndItsCountsMoveToTheEndedPeriod() {
        collector.onRegistered("batch-1");
        collector.onSuccess(event("batch-1"), 10 * MS);
        collector.onUnregistered("batch-1");
        clock.advance(Duration.ofSeconds(1));

        MetricsSnapshot ended = collector.reset();
        assertThat(ended.tasks().get(MetricsCollector.AGGREGATED_TASK).executions())
                .isEqualTo(1);
        assertThat(collector.snapshot().tasks())
                .containsOnlyKeys(MetricsCollector.AGGREGATED_TASK)
                .allSatisfy((name, stats) -> assertThat(stats.executions()).isZero());
    }

    @Test
    void patternsMatchWholeNamesWithStarForAnyCharacters() {
        TaskNamePatterns patterns = TaskNamePatterns.of(List.of("batch-*", "a.b", "*-nightly", "x*y*z"));
        assertThat(patterns.matches("batch-")).isTrue();
        assertThat(patterns.matches("batch-\n1")).isTrue();
        assertThat(patterns.matches("my-batch-1")).isFalse();
        assertThat(patterns.matches("a.b")).isTrue();
        assertThat(patterns.matches("axb")).isFalse();
        assertThat(patterns.matches("report-nightly")).isTrue();
        assertThat(patterns.matches("xaybz")).isTrue();
        assertThat(patterns.matches("xz")).isFalse();
        assertThat(TaskNamePatterns.of(List.of()).matches("anything")).isFalse();
        assertThat(TaskNamePatterns.of(List.of("*")).matches("")).isTrue();
    }

    @Test
    void theSchedulerRecordsTheMatchingTasksTogetherAndRejectsAnEmptyPatternAtBuild() {
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .discoverExporters(false)
                .aggregateMetrics("tenant-*")
                .build()) {
            for (String name : List.of("tenant-a", "tenant-b", "cleanup")) {
                scheduler.schedule(Task.builder(name)
                        .trigger(Triggers.fixedRate(Duration.ofHours(1), Duration.ofHours(1)))
                        .run(() -> {})
                        .build());
            }
            assertThat(scheduler.snapshot().tasks()).containsOnlyKeys(MetricsCollector.AGGREGATED_TASK, "cleanup");
        }
        assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .discoverExporters(false)
                        .aggregateMetrics("tenant-*", "")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task-name pattern 2 of [tenant-*, ]");
    }
}
