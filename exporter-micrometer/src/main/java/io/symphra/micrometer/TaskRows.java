package io.symphra.micrometer;

import static io.symphra.micrometer.MeterNames.*;

import io.micrometer.core.instrument.Tags;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The function-based meters of one task: one row per value of {@link TaskStats}. A new value of the snapshot model
 * is one more row here (and one more line in docs/micrometer.md). The duration is either the {@link DurationTimer}
 * fed per run or, for a binder that hears of no runs, a function timer of count and total.
 */
final class TaskRows {

    private static final List<MeterRow<TaskStats>> ROWS = List.of(
            MeterRow.counter(
                    TASK_EXECUTIONS,
                    "Runs that ended, by outcome (timeouts are failures)",
                    Tags.of(TAG_OUTCOME, "success"),
                    TaskStats::successes),
            MeterRow.counter(
                    TASK_EXECUTIONS,
                    "Runs that ended, by outcome (timeouts are failures)",
                    Tags.of(TAG_OUTCOME, "failure"),
                    TaskStats::failures),
            MeterRow.counter(
                    TASK_TIMEOUTS, "Runs cancelled for exceeding their timeout", Tags.empty(), TaskStats::timeouts),
            MeterRow.counter(
                    TASK_SKIPPED,
                    "Fires not run because the task was at its maximum of runs",
                    Tags.empty(),
                    TaskStats::skipped),
            MeterRow.counter(TASK_RETRIES, "Attempts that failed and were retried", Tags.empty(), TaskStats::retries),
            MeterRow.gauge(TASK_RUNNING, "Runs in progress", TaskStats::running),
            MeterRow.timeGauge(
                    TASK_DURATION_MIN, "The shortest execution", TimeUnit.NANOSECONDS, TaskStats::minDurationNanos),
            MeterRow.timeGauge(
                    TASK_DURATION_MAX, "The longest execution", TimeUnit.NANOSECONDS, TaskStats::maxDurationNanos),
            MeterRow.timeGauge(
                    TASK_LAST_SUCCESS,
                    "When the last successful run ended, since the epoch",
                    TimeUnit.MILLISECONDS,
                    s -> epochMillis(s.lastSuccess())),
            MeterRow.timeGauge(
                    TASK_LAST_FAILURE,
                    "When the last failed run ended, since the epoch",
                    TimeUnit.MILLISECONDS,
                    s -> epochMillis(s.lastFailure())),
            MeterRow.timer(
                    TASK_LATENESS,
                    "How late runs started against their planned fire times",
                    TimeUnit.NANOSECONDS,
                    s -> s.lateness().count(),
                    s -> s.lateness().totalNanos()),
            MeterRow.timeGauge(
                    TASK_LATENESS_MAX,
                    "The latest start against a planned fire time",
                    TimeUnit.NANOSECONDS,
                    s -> s.lateness().maxNanos()),
            MeterRow.timeGauge(
                    TASK_NEXT_FIRE,
                    "When the task fires next, since the epoch; NaN when nothing is planned",
                    TimeUnit.MILLISECONDS,
                    s -> s.schedule().nextFire() == null
                            ? Double.NaN
                            : s.schedule().nextFire().toEpochMilli()),
            MeterRow.counter(
                    TASK_MISSED_FIRES,
                    "Planned fires never run because the scheduler does not catch up after a stall",
                    Tags.empty(),
                    s -> s.schedule().missedFires()),
            MeterRow.timeGauge(
                    TASK_OLDEST_RUN_AGE,
                    "How long the oldest run in progress has been running",
                    TimeUnit.NANOSECONDS,
                    s -> s.schedule().oldestRunAgeNanos()),
            MeterRow.counter(
                    TASK_CLAIMED,
                    "Cluster mode: fires claimed and run here",
                    Tags.empty(),
                    s -> s.cluster().claimed()),
            MeterRow.counter(
                    TASK_RAN_ELSEWHERE,
                    "Cluster mode: fires another instance had claimed",
                    Tags.empty(),
                    s -> s.cluster().ranElsewhere()),
            MeterRow.counter(
                    TASK_ABANDONED,
                    "Cluster mode: fires of a dead instance reported here",
                    Tags.empty(),
                    s -> s.cluster().abandoned()),
            MeterRow.counter(
                    TASK_CLAIM_ERRORS,
                    "Cluster mode: fires the coordinator could not decide, by what the task did",
                    Tags.of(TAG_FIRE, "skipped"),
                    s -> s.cluster().claimErrorsSkipped()),
            MeterRow.counter(
                    TASK_CLAIM_ERRORS,
                    "Cluster mode: fires the coordinator could not decide, by what the task did",
                    Tags.of(TAG_FIRE, "ran_here"),
                    s -> s.cluster().claimErrorsRanHere()),
            MeterRow.timer(
                    TASK_CLAIM_DURATION,
                    "Cluster mode: how long claims took",
                    TimeUnit.NANOSECONDS,
                    s -> s.cluster().claimLatencyCount(),
                    s -> s.cluster().claimLatencyTotalNanos()),
            MeterRow.timeGauge(
                    TASK_CLAIM_DURATION_MAX,
                    "Cluster mode: the longest claim",
                    TimeUnit.NANOSECONDS,
                    s -> s.cluster().claimLatencyMaxNanos()));

    private TaskRows() {}

    /** Count and total of the durations, for a binder without the per-run {@link DurationTimer}. */
    private static final MeterRow<TaskStats> DURATION = MeterRow.timer(
            TASK_DURATION,
            "Execution durations",
            TimeUnit.NANOSECONDS,
            TaskStats::executions,
            TaskStats::totalDurationNanos);

    private static final List<MeterRow<TaskStats>> WITH_DURATION = withDuration();

    /** Every row of a task: with the duration's function timer unless runs feed a {@link DurationTimer}. */
    static List<MeterRow<TaskStats>> of(boolean durationTimer) {
        return durationTimer ? ROWS : WITH_DURATION;
    }

    private static List<MeterRow<TaskStats>> withDuration() {
        List<MeterRow<TaskStats>> rows = new ArrayList<>(ROWS);
        rows.add(DURATION);
        return List.copyOf(rows);
    }

    private static double epochMillis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
