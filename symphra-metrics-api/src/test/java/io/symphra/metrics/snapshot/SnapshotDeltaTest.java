package io.symphra.metrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.SnapshotDelta.TaskDelta;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotDeltaTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FIRST = START.plusSeconds(60);
    private static final Instant SECOND = START.plusSeconds(120);

    private static SnapshotBuilder at(Instant start, Instant timestamp) {
        return SnapshotBuilder.snapshot().startTime(start).timestamp(timestamp);
    }

    @Test
    void withoutAnEarlierSnapshotTheDeltaIsEveryValueSinceTheStartTime() {
        MetricsSnapshot later = at(START, FIRST).task("job", 3, 1).build();

        SnapshotDelta delta = SnapshotDelta.between(null, later);

        assertThat(delta.restarted()).isTrue();
        assertThat(delta.since()).isEqualTo(START);
        assertThat(delta.until()).isEqualTo(FIRST);
        TaskDelta job = delta.tasks().get("job");
        assertThat(job.executions()).isEqualTo(4);
        assertThat(job.totalDurationNanos()).isEqualTo(50_000_000L);
        assertThat(job.durations()).isSameAs(later.tasks().get("job").durations());
        assertThat(job.since()).isEqualTo(START);
        assertThat(job.whole()).isTrue();
    }

    @Test
    void withTheSameStartTimeTheDeltaIsTheDifferenceOfEveryCounterAndBucket() {
        MetricsSnapshot earlier = at(START, FIRST)
                .task("job", new long[] {10, 300}, new long[] {5, 5}, 1, 2, 3, 1)
                .build();
        MetricsSnapshot later = at(START, SECOND)
                .task("job", new long[] {10, 300, 300}, new long[] {5, 5, 5}, 2, 7, 4, 0)
                .build();

        SnapshotDelta delta = SnapshotDelta.between(earlier, later);

        assertThat(delta.restarted()).isFalse();
        assertThat(delta.since()).isEqualTo(FIRST);
        TaskDelta job = delta.tasks().get("job");
        assertThat(List.of(job.successes(), job.failures(), job.timeouts(), job.skipped(), job.retries()))
                .containsExactly(1L, 1L, 1L, 5L, 1L);
        assertThat(job.totalDurationNanos()).isEqualTo(305_000_000L);
        assertThat(job.durations().count()).isEqualTo(2);
        assertThat(job.durations().bucketCount(0)).isEqualTo(1); // the 5 ms failure
        assertThat(job.durations().bucketCount(6)).isEqualTo(1); // the 300 ms success, in (0.25, 0.5]
        assertThat(job.durations().sumSeconds()).isCloseTo(0.305, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(job.since()).isEqualTo(FIRST);
        assertThat(job.whole()).isFalse();
    }

    @Test
    void nothingNewIsAZeroDelta() {
        MetricsSnapshot earlier = at(START, FIRST).task("job", 3, 1).build();
        MetricsSnapshot later = at(START, SECOND).task("job", 3, 1).build();

        TaskDelta job = SnapshotDelta.between(earlier, later).tasks().get("job");

        assertThat(job.executions()).isZero();
        assertThat(job.totalDurationNanos()).isZero();
        assertThat(job.durations().count()).isZero();
    }

    @Test
    void aNewStartTimeMeansTheCountersRestartedSoTheDeltaIsTheNewValuesThemselves() {
        MetricsSnapshot earlier = at(START, FIRST).task("job", 30, 10).build();
        Instant reset = START.plusSeconds(90);
        MetricsSnapshot later = at(reset, SECOND).task("job", 2, 0).build();

        SnapshotDelta delta = SnapshotDelta.between(earlier, later);

        assertThat(delta.restarted()).isTrue();
        assertThat(delta.since()).isEqualTo(reset);
        TaskDelta job = delta.tasks().get("job");
        assertThat(job.executions()).isEqualTo(2);
        assertThat(job.since()).isEqualTo(reset);
        assertThat(job.whole()).isTrue();
    }

    @Test
    void aNewStartTimeWinsEvenWhenEveryCounterWentUp() {
        MetricsSnapshot earlier = at(START, FIRST).task("job", 1, 0).build();
        MetricsSnapshot later =
                at(START.plusSeconds(90), SECOND).task("job", 5, 0).build();

        assertThat(SnapshotDelta.between(earlier, later).tasks().get("job").executions())
                .isEqualTo(5);
    }

    @Test
    void aTaskAddedInBetweenCountsAllItsValuesWithinTheWindowAndARemovedOneHasNoDelta() {
        MetricsSnapshot earlier =
                at(START, FIRST).task("kept", 3, 0).task("removed", 4, 0).build();
        MetricsSnapshot later =
                at(START, SECOND).task("kept", 5, 0).task("added", 1, 1).build();

        Map<String, TaskDelta> tasks = SnapshotDelta.between(earlier, later).tasks();

        assertThat(tasks).containsOnlyKeys("added", "kept");
        assertThat(tasks.keySet()).containsExactly("added", "kept");
        assertThat(tasks.get("kept").executions()).isEqualTo(2);
        assertThat(tasks.get("added").executions()).isEqualTo(2);
        assertThat(tasks.get("added").whole()).isTrue();
        assertThat(tasks.get("added").since()).isEqualTo(FIRST);
    }

    @Test
    void aCounterThatWentDownWithoutANewStartTimeRestartsThatTaskAloneFromTheStartTime() {
        MetricsSnapshot earlier =
                at(START, FIRST).task("down", 10, 0).task("other", 1, 0).build();
        MetricsSnapshot later =
                at(START, SECOND).task("down", 4, 0).task("other", 3, 0).build();

        SnapshotDelta delta = SnapshotDelta.between(earlier, later);

        assertThat(delta.restarted()).isFalse();
        TaskDelta down = delta.tasks().get("down");
        assertThat(down.executions()).isEqualTo(4);
        assertThat(down.whole()).isTrue();
        assertThat(down.since()).isEqualTo(START);
        assertThat(delta.tasks().get("other").executions()).isEqualTo(2);
    }

    @Test
    void oneFieldGoingDownRestartsTheWholeTaskSoNoDeltaIsNegativeAndTimeoutsStayWithinFailures() {
        MetricsSnapshot earlier = at(START, FIRST)
                .task("job", new long[] {10}, new long[] {5}, 1, 9, 0, 0)
                .build();
        MetricsSnapshot later = at(START, SECOND)
                .task("job", new long[] {10, 10}, new long[] {5, 5}, 2, 1, 0, 0)
                .build();

        TaskDelta job = SnapshotDelta.between(earlier, later).tasks().get("job");

        assertThat(job.skipped()).isEqualTo(1);
        assertThat(job.executions()).isEqualTo(4);
        assertThat(job.timeouts()).isLessThanOrEqualTo(job.failures());
        assertThat(job.whole()).isTrue();
    }

    @Test
    void changedHistogramBoundsRestartTheTask() {
        TaskStats before = withHistogram(DurationHistogram.of(new double[] {1}, new long[] {1, 0}, 0.5));
        TaskStats after = withHistogram(DurationHistogram.of(new double[] {2}, new long[] {2, 0}, 1.0));
        MetricsSnapshot earlier = MetricsSnapshot.of(FIRST, START, Map.of("job", before), Map.of(), List.of());
        MetricsSnapshot later = MetricsSnapshot.of(SECOND, START, Map.of("job", after), Map.of(), List.of());

        TaskDelta job = SnapshotDelta.between(earlier, later).tasks().get("job");

        assertThat(job.whole()).isTrue();
        assertThat(job.durations()).isSameAs(after.durations());
    }

    private static TaskStats withHistogram(DurationHistogram h) {
        long nanos = (long) (h.sumSeconds() * 1e9);
        return new TaskStats(
                "job",
                h.count(),
                0,
                0,
                0,
                0,
                0,
                nanos,
                nanos / h.count(),
                nanos / h.count(),
                null,
                null,
                ExecutionOutcome.SUCCESS,
                h,
                Lateness.NONE);
    }
}
