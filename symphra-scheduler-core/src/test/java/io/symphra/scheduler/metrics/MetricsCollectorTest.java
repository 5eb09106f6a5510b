package io.symphra.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.snapshot.Totals;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final ManualClock clock = new ManualClock(T0);
    private final MetricsCollector collector = new MetricsCollector(clock, Map.of("service", "billing"));

    private static ExecutionEvent event(String task, Instant start, long latenessNanos) {
        return new ExecutionEvent(
                task, EpochNanos.of(start.minusNanos(latenessNanos)), EpochNanos.of(start), latenessNanos, 1);
    }

    private static ExecutionEvent skippedEvent(String task, Instant planned) {
        return new ExecutionEvent(task, EpochNanos.of(planned), ExecutionEvent.NOT_STARTED, 0, 1);
    }

    private TaskStats stats(String task) {
        return collector.snapshot().tasks().get(task);
    }

    @Test
    void startTimeIsTheClockAtConstruction() {
        assertThat(collector.startTime()).isEqualTo(T0);
        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.startTime()).isEqualTo(T0);
        assertThat(snapshot.timestamp()).isEqualTo(T0);
        assertThat(snapshot.commonLabels()).containsExactly(entry("service", "billing"));
        assertThat(snapshot.tasks()).isEmpty();
        assertThat(snapshot.totals()).isEqualTo(Totals.ZERO);
    }

    @Test
    void registeredTaskAppearsWithZeros() {
        collector.onRegistered("report");

        TaskStats stats = stats("report");
        assertThat(stats)
                .isEqualTo(new TaskStats(
                        "report",
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        ExecutionOutcome.NONE,
                        DurationHistogram.empty(DurationHistogram.DEFAULT_BOUNDS_SECONDS),
                        Lateness.NONE));
    }

    @Test
    void successIsCountedWithItsDurationAndEndTime() {
        collector.onRegistered("report");
        Instant start = T0.plusSeconds(10);
        ExecutionEvent run = event("report", start, 0);

        collector.onStart(run);
        assertThat(stats("report").running()).isEqualTo(1);
        collector.onSuccess(run, 7 * MS);

        TaskStats stats = stats("report");
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.failures()).isZero();
        assertThat(stats.executions()).isEqualTo(1);
        assertThat(stats.running()).isZero();
        assertThat(stats.totalDurationNanos()).isEqualTo(7 * MS);
        assertThat(stats.minDurationNanos()).isEqualTo(7 * MS);
        assertThat(stats.maxDurationNanos()).isEqualTo(7 * MS);
        assertThat(stats.lastSuccess()).isEqualTo(start.plusMillis(7));
        assertThat(stats.lastFailure()).isNull();
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        assertThat(stats.durations().count()).isEqualTo(1);
        assertThat(stats.durations().bucketCount(1)).isEqualTo(1); // 5 ms < 7 ms <= 10 ms
        assertThat(stats.durations().sumSeconds()).isEqualTo(0.007);
    }

    @Test
    void failureIsCountedWithItsEndTime() {
        Instant start = T0.plusSeconds(3);
        ExecutionEvent run = event("sync", start, 0);
        collector.onStart(run);
        collector.onFailure(run, 2 * S, new IllegalStateException("boom"));

        TaskStats stats = stats("sync");
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.timeouts()).isZero();
        assertThat(stats.successes()).isZero();
        assertThat(stats.executions()).isEqualTo(1);
        assertThat(stats.successRate()).isZero();
        assertThat(stats.lastFailure()).isEqualTo(start.plusSeconds(2));
        assertThat(stats.lastSuccess()).isNull();
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.FAILURE);
        assertThat(stats.totalDurationNanos()).isEqualTo(2 * S);
        assertThat(stats.running()).isZero();
    }

    @Test
    void timeoutIsAlsoAFailure() {
        Instant start = T0.plusSeconds(1);
        ExecutionEvent run = event("slow", start, 0);
        collector.onStart(run);
        collector.onTimeout(run, 30 * S);

        TaskStats stats = stats("slow");
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.successes()).isZero();
        assertThat(stats.executions()).isEqualTo(1);
        assertThat(stats.lastFailure()).isEqualTo(start.plusSeconds(30));
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.TIMEOUT);
        assertThat(collector.snapshot().totals().timeouts()).isEqualTo(1);
        assertThat(collector.snapshot().totals().failures()).isEqualTo(1);
    }

    @Test
    void skippedFireIsNotAnExecution() {
        collector.onRegistered("busy");
        collector.onSkipped(skippedEvent("busy", T0));
        collector.onSkipped(skippedEvent("busy", T0.plusSeconds(1)));

        TaskStats stats = stats("busy");
        assertThat(stats.skipped()).isEqualTo(2);
        assertThat(stats.executions()).isZero();
        assertThat(stats.durations().count()).isZero();
        assertThat(stats.running()).isZero();
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.SKIPPED);
        assertThat(collector.snapshot().totals().skipped()).isEqualTo(2);
    }

    @Test
    void retriesAreCountedAndTheRunEndsOnce() {
        ExecutionEvent run = event("flaky", T0, 0);
        collector.onStart(run);
        collector.onRetry(run, new RuntimeException("1"), Duration.ofMillis(100));
        collector.onRetry(run.withAttempt(2), new RuntimeException("2"), Duration.ofMillis(200));
        collector.onSuccess(run.withAttempt(3), 3 * MS);

        TaskStats stats = stats("flaky");
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.executions()).isEqualTo(1);
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(collector.snapshot().totals().retries()).isEqualTo(2);
    }

    @Test
    void runningGoesUpAndDown() {
        ExecutionEvent a = event("parallel", T0, 0);
        ExecutionEvent b = event("parallel", T0.plusMillis(1), 0);
        collector.onStart(a);
        collector.onStart(b);
        assertThat(stats("parallel").running()).isEqualTo(2);
        assertThat(collector.snapshot().totals().running()).isEqualTo(2);
        collector.onSuccess(a, MS);
        assertThat(stats("parallel").running()).isEqualTo(1);
        collector.onFailure(b, MS, new RuntimeException());
        assertThat(stats("parallel").running()).isZero();
    }

    @Test
    void latenessIsMeasuredOnEachStart() {
        collector.onStart(event("late", T0, 3 * MS));
        collector.onStart(event("late", T0.plusSeconds(1), 9 * MS));
        collector.onStart(event("late", T0.plusSeconds(2), 1 * MS));

        Lateness lateness = stats("late").lateness();
        assertThat(lateness).isEqualTo(new Lateness(3, 13 * MS, 9 * MS, 1 * MS));
    }

    @Test
    void minMaxAndAverageFollowTheDurations() {
        for (long d : new long[] {40 * MS, 10 * MS, 70 * MS}) {
            ExecutionEvent run = event("mixed", T0, 0);
            collector.onStart(run);
            collector.onSuccess(run, d);
        }

        TaskStats stats = stats("mixed");
        assertThat(stats.minDurationNanos()).isEqualTo(10 * MS);
        assertThat(stats.maxDurationNanos()).isEqualTo(70 * MS);
        assertThat(stats.totalDurationNanos()).isEqualTo(120 * MS);
        assertThat(stats.averageDurationSeconds()).isEqualTo(0.04);
        assertThat(stats.minDurationSeconds()).isEqualTo(0.01);
        assertThat(stats.maxDurationSeconds()).isEqualTo(0.07);
    }

    @Test
    void histogramBoundsAreInclusiveAndOverflowGoesToInfinity() {
        long[] durations = {
            0, // bucket 0 (<= 5 ms)
            5 * MS, // exactly on the first bound: bucket 0
            5 * MS + 1, // just above: bucket 1 (<= 10 ms)
            250 * MS, // exactly 0.25 s: bucket 5
            60 * S, // exactly on the last bound: bucket 12
            60 * S + 1, // above the last bound: +Inf, bucket 13
            3_600 * S
        }; // far above: +Inf
        for (long d : durations) {
            ExecutionEvent run = event("edges", T0, 0);
            collector.onStart(run);
            collector.onSuccess(run, d);
        }

        DurationHistogram histogram = stats("edges").durations();
        assertThat(histogram.bucketCount()).isEqualTo(14);
        assertThat(histogram.upperBound(13)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(histogram.bucketCounts()).containsExactly(2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(histogram.count()).isEqualTo(7);
        assertThat(histogram.cumulativeCount(0)).isEqualTo(2);
        assertThat(histogram.cumulativeCount(12)).isEqualTo(5);
        assertThat(histogram.cumulativeCount(13)).isEqualTo(7);
        assertThat(histogram.sumSeconds()).isEqualTo(stats("edges").totalDurationSeconds());
    }

    @Test
    void decimalBoundsAreTakenAsWritten() {
        // 0.3 as a double is just below 0.3; a run of exactly 300 ms still belongs to the 0.3 bucket.
        MetricsCollector custom = new MetricsCollector(clock, Map.of(), new double[] {0.1, 0.3, 1.7});
        for (long d : new long[] {100 * MS, 300 * MS, 300 * MS + 1, 1_700 * MS, 1_700 * MS + 1}) {
            custom.onSuccess(event("t", T0, 0), d);
        }

        DurationHistogram histogram = custom.snapshot().tasks().get("t").durations();
        assertThat(histogram.upperBoundsSeconds()).containsExactly(0.1, 0.3, 1.7);
        assertThat(histogram.bucketCounts()).containsExactly(1, 1, 2, 1);
    }

    @Test
    void manyBoundsAreSearchedCorrectly() {
        double[] bounds = new double[40];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (i + 1) * 0.001; // 1 ms .. 40 ms
        }
        MetricsCollector custom = new MetricsCollector(clock, Map.of(), bounds);
        long[] expected = new long[41];
        for (long d = 0; d <= 42 * MS; d += MS / 2) {
            custom.onSuccess(event("t", T0, 0), d);
            int bucket = d == 0 ? 0 : (int) Math.min(40, (d + MS - 1) / MS - 1);
            expected[bucket]++;
        }

        assertThat(custom.snapshot().tasks().get("t").durations().bucketCounts())
                .containsExactly(expected);
    }

    @Test
    void badBoundsAreRejectedNamingTheValue() {
        Map<String, String> none = Map.of();
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {0.1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {0.5, 0.25}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.25")
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new MetricsCollector(clock, none, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending");
    }

    @Test
    void boundsArrayIsCopied() {
        double[] bounds = {0.1, 1};
        MetricsCollector custom = new MetricsCollector(clock, Map.of(), bounds);
        bounds[0] = 5;

        assertThat(custom.histogramBoundsSeconds()).containsExactly(0.1, 1);
        custom.onSuccess(event("t", T0, 0), 50 * MS);
        assertThat(custom.snapshot().tasks().get("t").durations().bucketCounts())
                .containsExactly(1, 0, 0);
    }

    @Test
    void toMapGivesTheDocumentedKeysAndValues() {
        collector.onRegistered("a");
        collector.onRegistered("b");
        ExecutionEvent a1 = event("a", T0, 0);
        collector.onStart(a1);
        collector.onSuccess(a1, 100 * MS);
        ExecutionEvent a2 = event("a", T0, 0);
        collector.onStart(a2);
        collector.onFailure(a2, 300 * MS, new RuntimeException());
        ExecutionEvent b1 = event("b", T0, 0);
        collector.onStart(b1);
        collector.onSuccess(b1, 200 * MS);
        clock.advance(Duration.ofSeconds(10));

        Map<String, Object> map = collector.snapshot().toMap();

        assertThat(map)
                .containsExactly(
                        entry("uptime_seconds", 10.0),
                        entry("total_executions", 3L),
                        entry("successful_executions", 2L),
                        entry("failed_executions", 1L),
                        entry("success_rate", 2.0 / 3),
                        entry("total_duration", 0.6),
                        entry("average_duration", 0.2), // 600 ms / 3 runs, divided in nanoseconds first
                        entry("executions_per_second", 0.3),
                        entry(
                                "task_stats",
                                Map.of(
                                        "a",
                                                Map.of(
                                                        "executions",
                                                        2L,
                                                        "successes",
                                                        1L,
                                                        "failures",
                                                        1L,
                                                        "success_rate",
                                                        0.5,
                                                        "total_duration",
                                                        0.4,
                                                        "average_duration",
                                                        0.2,
                                                        "min_duration",
                                                        0.1,
                                                        "max_duration",
                                                        0.3),
                                        "b",
                                                Map.of(
                                                        "executions",
                                                        1L,
                                                        "successes",
                                                        1L,
                                                        "failures",
                                                        0L,
                                                        "success_rate",
                                                        1.0,
                                                        "total_duration",
                                                        0.2,
                                                        "average_duration",
                                                        0.2,
                                                        "min_duration",
                                                        0.2,
                                                        "max_duration",
                                                        0.2))));
    }

    @Test
    void totalsAreTheSumOverTasks() {
        collector.onSuccess(event("a", T0, 0), 10 * MS);
        collector.onTimeout(event("b", T0, 0), 20 * MS);
        collector.onFailure(event("c", T0, 0), 30 * MS, new RuntimeException());
        collector.onSkipped(skippedEvent("c", T0));
        collector.onRetry(event("a", T0, 0), new RuntimeException(), Duration.ZERO);

        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.totals()).isEqualTo(Totals.sumOf(snapshot.tasks().values()));
        assertThat(snapshot.totals()).isEqualTo(new Totals(1, 2, 1, 1, 1, 0, 60 * MS));
    }

    @Test
    void exporterStatsArePassedThrough() {
        ExporterStats statsd = new ExporterStats("statsd", 3, 1, 0, T0, T0);

        assertThat(collector.snapshot(List.of(statsd)).exporters()).containsExactly(statsd);
        assertThat(collector.snapshot().exporters()).isEmpty();
    }

    @Test
    void eventsForAnUnknownTaskCreateIt() {
        collector.onSkipped(skippedEvent("ghost", T0));

        assertThat(collector.snapshot().tasks()).containsOnlyKeys("ghost");
        assertThat(stats("ghost").skipped()).isEqualTo(1);
    }

    @Test
    void resetZeroesEverythingAndKeepsRegisteredTasks() {
        collector.onRegistered("kept");
        ExecutionEvent run = event("kept", T0, 5 * MS);
        collector.onStart(run);
        collector.onTimeout(run, 90 * S);
        collector.onSkipped(skippedEvent("kept", T0));
        collector.onRetry(run, new RuntimeException(), Duration.ZERO);
        clock.advance(Duration.ofMinutes(1));

        collector.reset();

        assertThat(collector.startTime()).isEqualTo(T0.plusSeconds(60));
        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.startTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(snapshot.totals()).isEqualTo(Totals.ZERO);
        assertThat(snapshot.tasks().get("kept"))
                .isEqualTo(new TaskStats(
                        "kept",
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        ExecutionOutcome.NONE,
                        DurationHistogram.empty(DurationHistogram.DEFAULT_BOUNDS_SECONDS),
                        Lateness.NONE));
    }

    @Test
    void missedFiresAndClaimsAreCountedThroughTheHandleAndAResetHandsThemToTheEndedPeriod() {
        collector.onRegistered("job");
        TaskMetricsHandle handle = collector.handle("job");
        handle.recordMissed(3);
        handle.recordMissed(0);
        handle.recordClaimed(4 * MS);
        handle.recordClaimed(2 * MS);
        handle.recordRanElsewhere(7 * MS);
        handle.recordClaimError(false, 1 * MS);
        handle.recordClaimError(true, 5 * MS);
        handle.recordAbandoned();
        collector.onRanElsewhere(skippedEvent("job", T0)); // a listener's report: counted, not timed

        TaskStats before = stats("job");
        assertThat(before.schedule().missedFires()).isEqualTo(3);
        assertThat(before.cluster()).isEqualTo(new ClusterClaims(2, 2, 1, 1, 1, 5, 19 * MS, 7 * MS));
        assertThat(before.cluster().claimErrors()).isEqualTo(2);
        assertThat(before.skipped()).isZero();
        assertThat(before.executions()).isZero();

        MetricsSnapshot ended = collector.reset();

        assertThat(ended.tasks().get("job").schedule().missedFires()).isEqualTo(3);
        assertThat(ended.tasks().get("job").cluster()).isEqualTo(before.cluster());
        TaskStats after = stats("job");
        assertThat(after.schedule()).isEqualTo(ScheduleSignals.NONE);
        assertThat(after.cluster()).isEqualTo(ClusterClaims.NONE);
        handle.recordMissed(1);
        handle.recordClaimed(3 * MS);
        assertThat(stats("job").schedule().missedFires()).isEqualTo(1);
        assertThat(stats("job").cluster()).isEqualTo(new ClusterClaims(1, 0, 0, 0, 0, 1, 3 * MS, 3 * MS));
    }

    @Test
    void aTaskWithOnlyMissedFiresOrClaimsIsNotBlankWhenUnregistered() {
        collector.onRegistered("missed");
        collector.handle("missed").recordMissed(2);
        collector.onRegistered("claimed");
        collector.handle("claimed").recordAbandoned();
        collector.onUnregistered("missed");
        collector.onUnregistered("claimed");

        // Kept until the next reset, like any task with something to report for the period.
        assertThat(stats("missed").schedule().missedFires()).isEqualTo(2);
        assertThat(stats("claimed").cluster().abandoned()).isEqualTo(1);
        collector.reset();
        assertThat(collector.snapshot().tasks()).doesNotContainKeys("missed", "claimed");
    }

    @Test
    void withoutTheSchedulersLiveSignalsThereIsNoNextFireNoRunAgeAndAnUnknownVersion() {
        collector.onRegistered("job");
        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.tasks().get("job").schedule().nextFire()).isNull();
        assertThat(snapshot.tasks().get("job").schedule().oldestRunAgeNanos()).isZero();
        assertThat(snapshot.scheduler()).isEqualTo(SchedulerState.NONE);
    }

    @Test
    void afterAResetMinAndMaxStartAfresh() {
        collector.onSuccess(event("t", T0, 0), 1 * MS);
        collector.onSuccess(event("t", T0, 0), 9 * S);
        collector.onStart(event("t", T0, 50 * MS));
        collector.onSuccess(event("t", T0, 0), MS);
        collector.reset();

        collector.onStart(event("t", T0, 2 * MS));
        collector.onSuccess(event("t", T0.plusSeconds(100), 0), 20 * MS);
        collector.onStart(event("t", T0, 1 * MS));
        collector.onFailure(event("t", T0.plusSeconds(200), 0), 30 * MS, new RuntimeException());

        TaskStats stats = stats("t");
        assertThat(stats.minDurationNanos()).isEqualTo(20 * MS);
        assertThat(stats.maxDurationNanos()).isEqualTo(30 * MS);
        assertThat(stats.totalDurationNanos()).isEqualTo(50 * MS);
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.lastSuccess()).isEqualTo(T0.plusSeconds(100).plusMillis(20));
        assertThat(stats.lastFailure()).isEqualTo(T0.plusSeconds(200).plusMillis(30));
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.FAILURE);
        assertThat(stats.lateness()).isEqualTo(new Lateness(2, 3 * MS, 2 * MS, 1 * MS));
        assertThat(stats.durations().bucketCounts()).containsExactly(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void resetRenewsTheStartTimeEvenWhenTheClockStandsStill() {
        Instant first = collector.startTime();
        collector.reset();
        Instant second = collector.startTime();
        collector.reset();
        Instant third = collector.startTime();

        assertThat(second).isEqualTo(first.plusNanos(1));
        assertThat(third).isEqualTo(first.plusNanos(2));
        // The snapshot never claims to be older than its own start.
        MetricsSnapshot snapshot = collector.snapshot();
        assertThat(snapshot.startTime()).isEqualTo(third);
        assertThat(snapshot.timestamp()).isEqualTo(third);
        assertThat(snapshot.uptimeSeconds()).isZero();
    }

    @Test
    void unregisteredTaskKeepsItsStatsUntilTheNextReset() {
        collector.onRegistered("gone");
        collector.onRegistered("stays");
        collector.onSuccess(event("gone", T0, 0), MS);
        collector.onUnregistered("gone");

        assertThat(stats("gone").successes()).isEqualTo(1);

        collector.reset();

        assertThat(collector.snapshot().tasks()).containsOnlyKeys("stays");
    }

    @Test
    void lazilyCreatedTaskVanishesAtResetUnlessRegistered() {
        collector.onSuccess(event("adhoc", T0, 0), MS);
        collector.onSuccess(event("later-registered", T0, 0), MS);
        collector.onRegistered("later-registered");

        collector.reset();

        assertThat(collector.snapshot().tasks()).containsOnlyKeys("later-registered");
    }

    @Test
    void unregisteringAnUnknownTaskChangesNothing() {
        collector.onUnregistered("never-seen");

        assertThat(collector.snapshot().tasks()).isEmpty();
    }

    @Test
    void aRunThatSpansAResetDoesNotDriveRunningNegative() {
        ExecutionEvent before = event("long", T0, 0);
        collector.onRegistered("long");
        collector.onStart(before);
        collector.reset();

        assertThat(stats("long").running()).isEqualTo(1);
        collector.onSuccess(before, 5 * S);

        TaskStats stats = stats("long");
        assertThat(stats.running()).isZero();
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.lateness()).isEqualTo(Lateness.NONE);
    }

    @Test
    void runsInProgressAreCarriedAcrossSeveralResets() {
        ExecutionEvent first = event("long", T0, 0);
        ExecutionEvent second = event("long", T0.plusSeconds(1), 0);
        collector.onRegistered("long");
        collector.onStart(first);
        collector.reset();
        collector.onStart(second);
        collector.reset();

        assertThat(stats("long").running()).isEqualTo(2);
        collector.onSuccess(first, S);
        assertThat(stats("long").running()).isEqualTo(1);
        collector.onTimeout(second, S);

        TaskStats stats = stats("long");
        assertThat(stats.running()).isZero();
        assertThat(stats.executions()).isEqualTo(2);
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.durations().count()).isEqualTo(2);
        assertThat(stats.lateness()).isEqualTo(Lateness.NONE);
    }

    @Test
    void everyResetStartsFromZeroAgain() {
        collector.onRegistered("t");
        for (int period = 1; period <= 3; period++) {
            for (int i = 0; i < period; i++) {
                ExecutionEvent run = event("t", T0, MS);
                collector.onStart(run);
                collector.onSuccess(run, period * MS);
            }
            TaskStats stats = stats("t");
            assertThat(stats.successes()).isEqualTo(period);
            assertThat(stats.totalDurationNanos()).isEqualTo(period * period * MS);
            assertThat(stats.minDurationNanos()).isEqualTo(period * MS);
            assertThat(stats.maxDurationNanos()).isEqualTo(period * MS);
            assertThat(stats.lateness()).isEqualTo(new Lateness(period, period * MS, MS, MS));
            assertThat(stats.durations().count()).isEqualTo(period);
            collector.reset();
            assertThat(collector.snapshot().totals()).isEqualTo(Totals.ZERO);
        }
    }

    @Test
    void anEndWithoutAStartNeverMakesRunningNegative() {
        collector.onSuccess(event("no-start", T0, 0), MS);

        assertThat(stats("no-start").running()).isZero();
    }

    @Test
    void countersNeverGoDownWithinAPeriod() {
        collector.onSuccess(event("t", T0, 0), MS);
        MetricsSnapshot first = collector.snapshot();
        collector.onFailure(event("t", T0, 0), MS, new RuntimeException());
        clock.advance(Duration.ofSeconds(1));
        MetricsSnapshot second = collector.snapshot();

        assertThat(second.startTime()).isEqualTo(first.startTime());
        assertThat(second.totals().executions()).isGreaterThan(first.totals().executions());
        assertThat(second.timestamp()).isAfter(first.timestamp());
    }

    @Test
    void commonLabelsAreCopiedAndValidated() {
        java.util.HashMap<String, String> labels = new java.util.HashMap<>(Map.of("service", "a"));
        MetricsCollector withLabels = new MetricsCollector(clock, labels);
        labels.put("instance", "x");

        assertThat(withLabels.snapshot().commonLabels()).containsExactly(entry("service", "a"));
        java.util.HashMap<String, String> bad = new java.util.HashMap<>();
        bad.put("service", null);
        assertThatThrownBy(() -> new MetricsCollector(clock, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
    }

    @Test
    void endTimeFallsBackToTheClockWithoutAStartTime() {
        clock.advance(Duration.ofSeconds(42));
        collector.onSuccess(new ExecutionEvent("t", EpochNanos.of(T0), ExecutionEvent.NOT_STARTED, 0, 1), 5 * MS);

        assertThat(stats("t").lastSuccess()).isEqualTo(T0.plusSeconds(42));
    }

    @Test
    void handleRecordsLikeTheListener() {
        TaskMetricsHandle handle = collector.handle("fast");
        assertThat(handle.taskName()).isEqualTo("fast");

        handle.recordStart(2 * MS);
        handle.recordSuccess(EpochNanos.of(T0), 4 * MS);
        handle.recordStart(0);
        handle.recordRetry();
        handle.recordFailure(EpochNanos.of(T0.plusSeconds(1)), 6 * MS);
        handle.recordStart(0);
        handle.recordTimeout(EpochNanos.of(T0.plusSeconds(2)), 8 * MS);
        handle.recordSkipped();

        TaskStats stats = stats("fast");
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(2);
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.skipped()).isEqualTo(1);
        assertThat(stats.running()).isZero();
        assertThat(stats.totalDurationNanos()).isEqualTo(18 * MS);
        assertThat(stats.lastSuccess()).isEqualTo(T0.plusMillis(4));
        assertThat(stats.lastFailure()).isEqualTo(T0.plusSeconds(2).plusMillis(8));
        assertThat(stats.lastOutcome()).isEqualTo(ExecutionOutcome.SKIPPED);
        assertThat(stats.lateness()).isEqualTo(new Lateness(3, 2 * MS, 2 * MS, 0));
    }

    @Test
    void handleKeepsWorkingAfterItsTaskWasDroppedAndRegisteredAgain() {
        collector.onRegistered("cycled");
        TaskMetricsHandle handle = collector.handle("cycled");
        handle.recordSuccess(EpochNanos.of(T0), MS);
        collector.onUnregistered("cycled");
        collector.reset();
        assertThat(collector.snapshot().tasks()).doesNotContainKey("cycled");

        collector.onRegistered("cycled");
        handle.recordSuccess(EpochNanos.of(T0), 2 * MS);

        assertThat(stats("cycled").successes()).isEqualTo(1);
        assertThat(stats("cycled").totalDurationNanos()).isEqualTo(2 * MS);
        collector.reset();
        assertThat(collector.snapshot().tasks()).containsOnlyKeys("cycled");
    }
}
