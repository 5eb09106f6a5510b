package io.symphra.metrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskStats stats(String name, long ok, long failed, long totalMs, long minMs, long maxMs) {
        return new TaskStats(
                name,
                ok,
                failed,
                0,
                0,
                0,
                0,
                totalMs * 1_000_000,
                minMs * 1_000_000,
                maxMs * 1_000_000,
                null,
                null,
                ExecutionOutcome.SUCCESS,
                DurationHistogram.emptyDefault(),
                Lateness.NONE);
    }

    @Test
    void toMapHasExactlyTheOriginalKeys() {
        MetricsSnapshot snapshot = MetricsSnapshot.of(
                START.plusSeconds(10),
                START,
                Map.of("b", stats("b", 3, 1, 400, 50, 200), "a", stats("a", 1, 0, 100, 100, 100)),
                Map.of("service", "demo"),
                List.of());

        Map<String, Object> map = snapshot.toMap();
        assertThat(map)
                .containsOnlyKeys(
                        "uptime_seconds",
                        "total_executions",
                        "successful_executions",
                        "failed_executions",
                        "success_rate",
                        "total_duration",
                        "average_duration",
                        "executions_per_second",
                        "task_stats");
        assertThat(map.get("uptime_seconds")).isEqualTo(10.0);
        assertThat(map.get("total_executions")).isEqualTo(5L);
        assertThat(map.get("successful_executions")).isEqualTo(4L);
        assertThat(map.get("failed_executions")).isEqualTo(1L);
        assertThat(map.get("success_rate")).isEqualTo(0.8);
        assertThat((double) map.get("total_duration")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat((double) map.get("average_duration")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(map.get("executions_per_second")).isEqualTo(0.5);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) map.get("task_stats");
        assertThat(tasks.keySet()).containsExactly("a", "b");
        assertThat(tasks.get("b"))
                .containsOnlyKeys(
                        "executions",
                        "successes",
                        "failures",
                        "success_rate",
                        "total_duration",
                        "average_duration",
                        "min_duration",
                        "max_duration");
        assertThat(tasks.get("b").get("executions")).isEqualTo(4L);
        assertThat(tasks.get("b").get("success_rate")).isEqualTo(0.75);
        assertThat(tasks.get("b").get("min_duration")).isEqualTo(0.05);
        assertThat(tasks.get("b").get("max_duration")).isEqualTo(0.2);
    }

    @Test
    void divisionByZeroGivesZero() {
        MetricsSnapshot snapshot =
                MetricsSnapshot.of(START, START, Map.of("idle", TaskStats.empty("idle")), Map.of(), List.of());
        Map<String, Object> map = snapshot.toMap();
        assertThat(map.get("success_rate")).isEqualTo(0.0);
        assertThat(map.get("average_duration")).isEqualTo(0.0);
        assertThat(map.get("executions_per_second")).isEqualTo(0.0);
        assertThat(TaskStats.empty("idle").toMap().get("success_rate")).isEqualTo(0.0);
    }

    @Test
    void totalsAreTheSumOverTasksAndMapsAreUnmodifiable() {
        MetricsSnapshot snapshot = MetricsSnapshot.of(
                START,
                START,
                Map.of("x", stats("x", 2, 2, 40, 10, 10), "y", stats("y", 5, 0, 50, 10, 10)),
                Map.of(),
                List.of());
        assertThat(snapshot.totals().successes()).isEqualTo(7);
        assertThat(snapshot.totals().failures()).isEqualTo(2);
        assertThat(snapshot.totals().totalDurationNanos()).isEqualTo(90_000_000L);
        assertThatThrownBy(() -> snapshot.tasks().put("z", TaskStats.empty("z")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsInconsistentStats() {
        assertThatThrownBy(() -> new TaskStats(
                        "t",
                        1,
                        1,
                        2,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        ExecutionOutcome.NONE,
                        DurationHistogram.emptyDefault(),
                        Lateness.NONE))
                .hasMessageContaining("timeouts (2) cannot exceed failures (1)");
        assertThatThrownBy(
                        () -> MetricsSnapshot.of(START, START, Map.of("a", TaskStats.empty("b")), Map.of(), List.of()))
                .hasMessageContaining("'a'")
                .hasMessageContaining("'b'");
    }

    @Test
    void histogramCountsAndBounds() {
        DurationHistogram h = DurationHistogram.of(new double[] {0.1, 1}, new long[] {2, 3, 1}, 4.5);
        assertThat(h.bucketCount()).isEqualTo(3);
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.cumulativeCount(1)).isEqualTo(5);
        assertThat(h.cumulativeCount(2)).isEqualTo(6);
        assertThat(h.upperBound(2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> DurationHistogram.of(new double[] {1, 0.5}, new long[3], 0))
                .hasMessageContaining("ascending");
    }

    @Test
    void averageInSecondsNeverLeavesMinAndMax() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            long duration = 1 + (random.nextLong() & 0xFFFFFFFFFFL);
            long runs = 1 + random.nextInt(10_000);
            TaskStats stats = new TaskStats(
                    "t",
                    runs,
                    0,
                    0,
                    0,
                    0,
                    0,
                    duration * runs,
                    duration,
                    duration,
                    null,
                    null,
                    ExecutionOutcome.SUCCESS,
                    DurationHistogram.emptyDefault(),
                    Lateness.NONE);
            assertThat(stats.averageDurationSeconds())
                    .isBetween(stats.minDurationSeconds(), stats.maxDurationSeconds());
        }
    }

    @Test
    void ofSortedSumsInOnePassAndRejectsUnsortedInput() {
        MetricsSnapshot snapshot = MetricsSnapshot.ofSorted(
                START,
                START,
                List.of(stats("a", 1, 0, 10, 10, 10), stats("b", 2, 1, 30, 10, 10)),
                Map.of("k", "v"),
                List.of());
        assertThat(snapshot.tasks().keySet()).containsExactly("a", "b");
        assertThat(snapshot.totals().executions()).isEqualTo(4);
        assertThatThrownBy(() -> snapshot.tasks().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> MetricsSnapshot.ofSorted(
                        START,
                        START,
                        List.of(stats("b", 1, 0, 1, 1, 1), stats("a", 1, 0, 1, 1, 1)),
                        Map.of(),
                        List.of()))
                .hasMessageContaining("'b' before 'a'");
    }
}
