package io.symphra.metrics.snapshot;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the counters of a scheduler did between two of its snapshots: the one conversion from cumulative to delta
 * that every exporter with delta temporality uses (StatsD, OTLP with {@code temporality=delta}, a custom one).
 *
 * <p>The rule is the start time. When {@code later} has a different {@link MetricsSnapshot#startTime()} than
 * {@code earlier} (or there is no earlier snapshot), the counters restarted from zero at the new start time, so each
 * task's delta is its values in {@code later} themselves. Otherwise each counter's delta is its value in
 * {@code later} minus its value in {@code earlier}, which is never negative:
 * <ul>
 *   <li>a task that is in {@code later} but not in {@code earlier} was added in between: its delta is its values;
 *   <li>a task that is in {@code earlier} but not in {@code later} was removed in between: it has no delta;
 *   <li>a task one of whose counters (or histogram buckets) went down although the start time did not change, or
 *       whose histogram bounds changed, breaks the snapshot invariant; the only explanation is that its counting
 *       started again, so it is taken as restarted on its own: its delta is its values, as after a reset,
 *       counted {@linkplain TaskDelta#since() since} the start time. That is what a task dropped and counted afresh
 *       between the two snapshots looks like: its values are then all new, and runs it had between {@code earlier}
 *       and the drop are in neither snapshot, so no delta can deliver them.
 * </ul>
 * Gauges (runs in progress, min, max, lateness, last times) are not deltas: an exporter reads them from
 * {@code later} directly.
 *
 * <p>An exporter keeps the last snapshot the backend accepted and computes the next delta from it; a push that
 * failed is not kept, so its runs are in the next delta. Immutable.
 */
public final class SnapshotDelta {

    private final Instant since;
    private final Instant until;
    private final boolean restarted;
    private final Map<String, TaskDelta> tasks;

    private SnapshotDelta(Instant since, Instant until, boolean restarted, Map<String, TaskDelta> tasks) {
        this.since = since;
        this.until = until;
        this.restarted = restarted;
        this.tasks = Collections.unmodifiableMap(tasks);
    }

    /**
     * The delta from {@code earlier} to {@code later}.
     *
     * @param earlier the last snapshot the delta is counted from, such as the last one a backend accepted;
     *                {@code null} for none, when every counter is counted from the start time
     * @param later   the current snapshot
     */
    public static SnapshotDelta between(MetricsSnapshot earlier, MetricsSnapshot later) {
        Objects.requireNonNull(later, "later");
        boolean restarted = earlier == null || !earlier.startTime().equals(later.startTime());
        Instant since = restarted ? later.startTime() : earlier.timestamp();
        Map<String, TaskDelta> tasks = new LinkedHashMap<>(later.tasks().size() * 2);
        for (TaskStats now : later.tasks().values()) {
            TaskStats then = restarted ? null : earlier.tasks().get(now.name());
            TaskDelta delta = then == null ? null : TaskDelta.difference(then, now, since);
            if (delta == null) {
                // A task that was there and went down counts from the start time; one added since, from the window.
                delta = TaskDelta.whole(now, then != null ? later.startTime() : since);
            }
            tasks.put(now.name(), delta);
        }
        return new SnapshotDelta(since, later.timestamp(), restarted, tasks);
    }

    /**
     * Where the window of the delta begins: {@code earlier}'s timestamp, or {@code later}'s start time when the
     * counters restarted. A task's own window may begin at the start time; see {@link TaskDelta#since()}.
     */
    public Instant since() {
        return since;
    }

    /** Where the window ends: {@code later}'s timestamp. */
    public Instant until() {
        return until;
    }

    /** Whether the start time changed (or there was no earlier snapshot): every delta is a task's whole values. */
    public boolean restarted() {
        return restarted;
    }

    /** Each task of {@code later} with its delta, by name, in {@code later}'s (sorted) order; unmodifiable. */
    public Map<String, TaskDelta> tasks() {
        return tasks;
    }

    /**
     * The change of one task's counters over a window. All counts are zero or more.
     *
     * @param name               the task's name
     * @param successes          successful executions in the window
     * @param failures           failed executions in the window, timeouts included
     * @param timeouts           timed-out executions in the window
     * @param skipped            skipped fires in the window
     * @param retries            retried attempts in the window
     * @param totalDurationNanos the summed execution time of the window's executions
     * @param durations          the histogram of the window's executions (same bounds as the task's)
     * @param missedFires        planned fires never run, in the window
     * @param cluster            cluster mode's counters in the window; its {@code claimLatencyMaxNanos} is the later
     *                           snapshot's (a gauge, not a delta)
     * @param since              where the task's window begins: the earlier snapshot's timestamp, or the start time
     *                           when the task's counters restarted
     * @param whole              whether the delta is the task's values in the later snapshot, not a difference:
     *                           after a restart, after this task's counters went down, or for a task that was not
     *                           in the earlier snapshot; its min and max, known for the whole period since the
     *                           start time only, then describe the delta too
     */
    public record TaskDelta(
            String name,
            long successes,
            long failures,
            long timeouts,
            long skipped,
            long retries,
            long totalDurationNanos,
            DurationHistogram durations,
            long missedFires,
            ClusterClaims cluster,
            Instant since,
            boolean whole) {

        public TaskDelta {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(durations, "durations");
            Objects.requireNonNull(cluster, "cluster");
            if (missedFires < 0) {
                throw new IllegalArgumentException("task '" + name + "': a delta must not be negative");
            }
            Objects.requireNonNull(since, "since");
            if (successes < 0 || failures < 0 || timeouts < 0 || skipped < 0 || retries < 0 || totalDurationNanos < 0) {
                throw new IllegalArgumentException("task '" + name + "': a delta must not be negative");
            }
        }

        /** Executions in the window: {@code successes + failures}. */
        public long executions() {
            return successes + failures;
        }

        private static TaskDelta whole(TaskStats now, Instant since) {
            return new TaskDelta(
                    now.name(),
                    now.successes(),
                    now.failures(),
                    now.timeouts(),
                    now.skipped(),
                    now.retries(),
                    now.totalDurationNanos(),
                    now.durations(),
                    now.schedule().missedFires(),
                    now.cluster(),
                    since,
                    true);
        }

        /** {@code now - then}, or null when a counter went down or the bounds changed. */
        private static TaskDelta difference(TaskStats then, TaskStats now, Instant since) {
            DurationHistogram a = then.durations();
            DurationHistogram b = now.durations();
            if (!Arrays.equals(a.upperBoundsSeconds(), b.upperBoundsSeconds())) {
                return null;
            }
            long[] before = a.bucketCounts();
            long[] after = b.bucketCounts();
            long[] diff = new long[after.length];
            for (int i = 0; i < after.length; i++) {
                diff[i] = after[i] - before[i];
                if (diff[i] < 0) {
                    return null;
                }
            }
            long successes = now.successes() - then.successes();
            long failures = now.failures() - then.failures();
            long timeouts = now.timeouts() - then.timeouts();
            long skipped = now.skipped() - then.skipped();
            long retries = now.retries() - then.retries();
            long total = now.totalDurationNanos() - then.totalDurationNanos();
            long missed = now.schedule().missedFires() - then.schedule().missedFires();
            ClusterClaims cluster = claimsBetween(then.cluster(), now.cluster());
            if (successes < 0
                    || failures < 0
                    || timeouts < 0
                    || skipped < 0
                    || retries < 0
                    || total < 0
                    || missed < 0
                    || cluster == null) {
                return null;
            }
            DurationHistogram durations = DurationHistogram.wrap(
                    b.upperBoundsSeconds(), diff, Math.max(0.0, b.sumSeconds() - a.sumSeconds()));
            return new TaskDelta(
                    now.name(),
                    successes,
                    failures,
                    timeouts,
                    skipped,
                    retries,
                    total,
                    durations,
                    missed,
                    cluster,
                    since,
                    false);
        }

        /** {@code now - then} counter by counter with {@code now}'s maximum, or null when one went down. */
        private static ClusterClaims claimsBetween(ClusterClaims then, ClusterClaims now) {
            long[] d = {
                now.claimed() - then.claimed(),
                now.ranElsewhere() - then.ranElsewhere(),
                now.abandoned() - then.abandoned(),
                now.claimErrorsSkipped() - then.claimErrorsSkipped(),
                now.claimErrorsRanHere() - then.claimErrorsRanHere(),
                now.claimLatencyCount() - then.claimLatencyCount(),
                now.claimLatencyTotalNanos() - then.claimLatencyTotalNanos()
            };
            for (long v : d) {
                if (v < 0) {
                    return null;
                }
            }
            return new ClusterClaims(d[0], d[1], d[2], d[3], d[4], d[5], d[6], now.claimLatencyMaxNanos());
        }
    }
}
