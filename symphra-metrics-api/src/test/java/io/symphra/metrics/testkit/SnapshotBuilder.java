package io.symphra.metrics.testkit;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds consistent snapshots for exporter tests without running a scheduler: each task is given its
 * durations, and counters, min, max, sum and histogram are derived from them exactly as the collector would.
 */
public final class SnapshotBuilder {

    private Instant startTime = Instant.parse("2026-01-01T00:00:00Z");
    private Instant timestamp = startTime.plusSeconds(60);
    private final Map<String, TaskStats> tasks = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<ExporterStats> exporters = new ArrayList<>();
    private SchedulerState scheduler = SchedulerState.NONE;

    public static SnapshotBuilder snapshot() {
        return new SnapshotBuilder();
    }

    public SnapshotBuilder startTime(Instant startTime) {
        this.startTime = startTime;
        return this;
    }

    public SnapshotBuilder timestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    public SnapshotBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** The scheduler's version and worker gauges (default {@link SchedulerState#NONE}). */
    public SnapshotBuilder scheduler(SchedulerState state) {
        this.scheduler = state;
        return this;
    }

    /** Gives task {@code name} the schedule signals and cluster claims in place of none. */
    public SnapshotBuilder signals(String name, ScheduleSignals schedule, ClusterClaims cluster) {
        TaskStats t = tasks.get(name);
        tasks.put(
                name,
                new TaskStats(
                        t.name(),
                        t.successes(),
                        t.failures(),
                        t.timeouts(),
                        t.skipped(),
                        t.retries(),
                        t.running(),
                        t.totalDurationNanos(),
                        t.minDurationNanos(),
                        t.maxDurationNanos(),
                        t.lastSuccess(),
                        t.lastFailure(),
                        t.lastOutcome(),
                        t.durations(),
                        t.lateness(),
                        schedule,
                        cluster));
        return this;
    }

    public SnapshotBuilder exporter(ExporterStats stats) {
        exporters.add(stats);
        return this;
    }

    /**
     * Adds a task whose successful runs took {@code successMillis} and failed runs {@code failureMillis};
     * the first {@code timeouts} failures count as timeouts.
     */
    public SnapshotBuilder task(
            String name,
            long[] successMillis,
            long[] failureMillis,
            long timeouts,
            long skipped,
            long retries,
            long running) {
        double[] bounds = DurationHistogram.DEFAULT_BOUNDS_SECONDS;
        long[] buckets = new long[bounds.length + 1];
        long total = 0, min = Long.MAX_VALUE, max = 0;
        int n = 0;
        for (long[] group : new long[][] {successMillis, failureMillis}) {
            for (long ms : group) {
                long nanos = ms * 1_000_000L;
                total += nanos;
                min = Math.min(min, nanos);
                max = Math.max(max, nanos);
                buckets[bucketOf(bounds, nanos / 1e9)]++;
                n++;
            }
        }
        if (n == 0) {
            min = 0;
        }
        Instant lastSuccess = successMillis.length > 0 ? timestamp.minusSeconds(1) : null;
        Instant lastFailure = failureMillis.length > 0 ? timestamp.minusSeconds(2) : null;
        ExecutionOutcome last = successMillis.length > 0
                ? ExecutionOutcome.SUCCESS
                : failureMillis.length > 0 ? ExecutionOutcome.FAILURE : ExecutionOutcome.NONE;
        tasks.put(
                name,
                new TaskStats(
                        name,
                        successMillis.length,
                        failureMillis.length,
                        timeouts,
                        skipped,
                        retries,
                        running,
                        total,
                        min,
                        max,
                        lastSuccess,
                        lastFailure,
                        last,
                        DurationHistogram.of(bounds, buckets, total / 1e9),
                        n == 0 ? Lateness.NONE : new Lateness(n, n * 1_000_000L, 3_000_000L, 1_000_000L)));
        return this;
    }

    /** A task with {@code successes} runs of 10 ms and {@code failures} runs of 20 ms. */
    public SnapshotBuilder task(String name, int successes, int failures) {
        long[] ok = new long[successes];
        long[] bad = new long[failures];
        java.util.Arrays.fill(ok, 10);
        java.util.Arrays.fill(bad, 20);
        return task(name, ok, bad, 0, 0, 0, 0);
    }

    public MetricsSnapshot build() {
        return MetricsSnapshot.of(timestamp, startTime, tasks, labels, exporters, scheduler);
    }

    private static int bucketOf(double[] bounds, double seconds) {
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                return i;
            }
        }
        return bounds.length;
    }
}
