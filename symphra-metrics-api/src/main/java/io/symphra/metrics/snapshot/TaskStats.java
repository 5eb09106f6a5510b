package io.symphra.metrics.snapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured about one task since the snapshot's start time.
 *
 * <p>An execution is a run that ended in success or failure; {@link #timeouts()} are failures too and are
 * included in {@link #failures()}. Skipped fires are not executions. Durations are kept in nanoseconds and
 * offered in seconds through the derived accessors, which never divide by zero.
 *
 * @param name              the task's name, exactly as registered (exporters escape or sanitize it)
 * @param successes         runs that completed normally
 * @param failures          runs that failed, timeouts included
 * @param timeouts          runs cancelled for exceeding their timeout (a subset of failures)
 * @param skipped           fires not run because {@code maxInstances} runs were already in progress
 * @param retries           attempts that failed and were retried
 * @param running           runs in progress when the snapshot was taken
 * @param totalDurationNanos sum of the durations of all executions
 * @param minDurationNanos  shortest execution; 0 when there was none
 * @param maxDurationNanos  longest execution; 0 when there was none
 * @param lastSuccess       when the last successful run ended, or {@code null} if none
 * @param lastFailure       when the last failed run ended, or {@code null} if none
 * @param lastOutcome       how the most recent fire ended
 * @param durations         the execution-duration histogram
 * @param lateness          how late runs started against their planned fire times
 * @param schedule          next fire, missed fires and the age of the oldest run in progress
 * @param cluster           cluster mode's claims of this task's fires on this instance; all 0 without a coordinator
 * @param policy            whether the task's runs can time out and be retried; {@link RunPolicy#ANY} when not known
 */
public record TaskStats(
        String name,
        long successes,
        long failures,
        long timeouts,
        long skipped,
        long retries,
        long running,
        long totalDurationNanos,
        long minDurationNanos,
        long maxDurationNanos,
        Instant lastSuccess,
        Instant lastFailure,
        ExecutionOutcome lastOutcome,
        DurationHistogram durations,
        Lateness lateness,
        ScheduleSignals schedule,
        ClusterClaims cluster,
        RunPolicy policy) {

    public TaskStats {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(durations, "durations");
        Objects.requireNonNull(lateness, "lateness");
        if (successes < 0
                || failures < 0
                || timeouts < 0
                || skipped < 0
                || retries < 0
                || running < 0
                || totalDurationNanos < 0
                || minDurationNanos < 0
                || maxDurationNanos < 0) {
            throw new IllegalArgumentException("task '" + name + "': counters must not be negative");
        }
        if (timeouts > failures) {
            throw new IllegalArgumentException(
                    "task '" + name + "': timeouts (" + timeouts + ") cannot exceed failures (" + failures + ")");
        }
        if (minDurationNanos > maxDurationNanos) {
            throw new IllegalArgumentException("task '" + name + "': min duration " + minDurationNanos
                    + " ns exceeds max " + maxDurationNanos + " ns");
        }
    }

    /** Statistics of a task whose configuration is not known ({@link RunPolicy#ANY}). */
    public TaskStats(
            String name,
            long successes,
            long failures,
            long timeouts,
            long skipped,
            long retries,
            long running,
            long totalDurationNanos,
            long minDurationNanos,
            long maxDurationNanos,
            Instant lastSuccess,
            Instant lastFailure,
            ExecutionOutcome lastOutcome,
            DurationHistogram durations,
            Lateness lateness,
            ScheduleSignals schedule,
            ClusterClaims cluster) {
        this(
                name,
                successes,
                failures,
                timeouts,
                skipped,
                retries,
                running,
                totalDurationNanos,
                minDurationNanos,
                maxDurationNanos,
                lastSuccess,
                lastFailure,
                lastOutcome,
                durations,
                lateness,
                schedule,
                cluster,
                RunPolicy.ANY);
    }

    /** Statistics without schedule signals or cluster claims ({@link ScheduleSignals#NONE}, {@link ClusterClaims#NONE}). */
    public TaskStats(
            String name,
            long successes,
            long failures,
            long timeouts,
            long skipped,
            long retries,
            long running,
            long totalDurationNanos,
            long minDurationNanos,
            long maxDurationNanos,
            Instant lastSuccess,
            Instant lastFailure,
            ExecutionOutcome lastOutcome,
            DurationHistogram durations,
            Lateness lateness) {
        this(
                name,
                successes,
                failures,
                timeouts,
                skipped,
                retries,
                running,
                totalDurationNanos,
                minDurationNanos,
                maxDurationNanos,
                lastSuccess,
                lastFailure,
                lastOutcome,
                durations,
                lateness,
                ScheduleSignals.NONE,
                ClusterClaims.NONE);
    }

    /** A task that has not run yet. */
    public static TaskStats empty(String name) {
        return new TaskStats(
                name,
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
                DurationHistogram.emptyDefault(),
                Lateness.NONE);
    }

    /** Runs that ended in success or failure: {@code successes + failures}. */
    public long executions() {
        return successes + failures;
    }

    /** {@code successes / executions}, from 0.0 to 1.0; 0.0 when there was no execution. */
    public double successRate() {
        long executions = executions();
        return executions == 0 ? 0.0 : (double) successes / executions;
    }

    /** Sum of execution durations in seconds. */
    public double totalDurationSeconds() {
        return totalDurationNanos / 1e9;
    }

    /** Mean execution duration in seconds; 0.0 when there was no execution. */
    public double averageDurationSeconds() {
        long executions = executions();
        if (executions == 0) {
            return 0.0;
        }
        // The true mean lies in [min, max]; clamping in nanoseconds removes the rounding of a long total to double,
        // so min <= average <= max holds exactly in seconds too.
        double nanos = Math.min(Math.max((double) totalDurationNanos / executions, minDurationNanos), maxDurationNanos);
        return nanos / 1e9;
    }

    /** Shortest execution in seconds; 0.0 when there was none. */
    public double minDurationSeconds() {
        return minDurationNanos / 1e9;
    }

    /** Longest execution in seconds; 0.0 when there was none. */
    public double maxDurationSeconds() {
        return maxDurationNanos / 1e9;
    }

    /**
     * The per-task entry of {@code getMetrics()}: exactly the keys {@code executions}, {@code successes},
     * {@code failures}, {@code success_rate}, {@code total_duration}, {@code average_duration},
     * {@code min_duration} and {@code max_duration}, counts as {@code Long} and seconds as {@code Double}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put("executions", executions());
        map.put("successes", successes);
        map.put("failures", failures);
        map.put("success_rate", successRate());
        map.put("total_duration", totalDurationSeconds());
        map.put("average_duration", averageDurationSeconds());
        map.put("min_duration", minDurationSeconds());
        map.put("max_duration", maxDurationSeconds());
        return map;
    }
}
