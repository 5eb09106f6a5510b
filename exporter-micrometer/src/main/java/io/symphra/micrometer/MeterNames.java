package io.symphra.micrometer;

/**
 * The names and tag keys of the meters {@link SchedulerMeterBinder} registers, in Micrometer's dotted convention;
 * each registry renders them its own way (Prometheus: {@code symphra_scheduler_task_executions_total}). Durations
 * are timers and time gauges, so each registry shows them in its base unit (seconds for Prometheus).
 */
public final class MeterNames {

    /** The prefix of every meter. */
    public static final String PREFIX = "symphra.scheduler";

    /** Runs that ended, tagged {@code outcome=success} or {@code outcome=failure} (timeouts included). */
    public static final String TASK_EXECUTIONS = PREFIX + ".task.executions";
    /** Runs cancelled for exceeding their timeout; a subset of the failures. */
    public static final String TASK_TIMEOUTS = PREFIX + ".task.timeouts";
    /** Fires not run because the task already had its maximum of runs in progress. */
    public static final String TASK_SKIPPED = PREFIX + ".task.skipped";
    /** Attempts that failed and were retried. */
    public static final String TASK_RETRIES = PREFIX + ".task.retries";
    /** Runs in progress. */
    public static final String TASK_RUNNING = PREFIX + ".task.running";
    /**
     * Execution durations: a timer fed one record per run by the {@link MicrometerExporter} (histogram with SLO
     * buckets at the scheduler's histogram bounds by default, percentiles as the registry configures them); count
     * and total only (a function timer) from a {@link SchedulerMeterBinder} over snapshots alone.
     */
    public static final String TASK_DURATION = PREFIX + ".task.duration";
    /** The shortest execution. */
    public static final String TASK_DURATION_MIN = PREFIX + ".task.duration.min";
    /** The longest execution. */
    public static final String TASK_DURATION_MAX = PREFIX + ".task.duration.max";
    /** When the last successful run ended, since the epoch; 0 before the first. */
    public static final String TASK_LAST_SUCCESS = PREFIX + ".task.last.success";
    /** When the last failed run ended, since the epoch; 0 before the first. */
    public static final String TASK_LAST_FAILURE = PREFIX + ".task.last.failure";
    /** How late runs started against their planned fire times: count and total (a function timer). */
    public static final String TASK_LATENESS = PREFIX + ".task.lateness";
    /** The latest start of a run against its planned fire time. */
    public static final String TASK_LATENESS_MAX = PREFIX + ".task.lateness.max";
    /** When the task fires next, since the epoch; NaN when nothing is planned (a finished one-shot, a paused task). */
    public static final String TASK_NEXT_FIRE = PREFIX + ".task.next.fire";
    /** Planned fires never run because the scheduler does not catch up after a stall. */
    public static final String TASK_MISSED_FIRES = PREFIX + ".task.missed.fires";
    /** How long the oldest run in progress has been running; 0 when none. */
    public static final String TASK_OLDEST_RUN_AGE = PREFIX + ".task.oldest.run.age";
    /** Cluster mode: fires this instance claimed and ran. */
    public static final String TASK_CLAIMED = PREFIX + ".task.claimed";
    /** Cluster mode: fires another instance had claimed. */
    public static final String TASK_RAN_ELSEWHERE = PREFIX + ".task.ran.elsewhere";
    /** Cluster mode: fires of a dead instance that this one reported. */
    public static final String TASK_ABANDONED = PREFIX + ".task.abandoned";
    /** Cluster mode: fires the coordinator could not decide, tagged {@code fire=skipped|ran_here}. */
    public static final String TASK_CLAIM_ERRORS = PREFIX + ".task.claim.errors";
    /** Cluster mode: how long claims took (a function timer: count and total). */
    public static final String TASK_CLAIM_DURATION = PREFIX + ".task.claim.duration";
    /** Cluster mode: the longest claim. */
    public static final String TASK_CLAIM_DURATION_MAX = PREFIX + ".task.claim.duration.max";
    /** Worker threads running a task now. */
    public static final String WORKERS_BUSY = PREFIX + ".workers.busy";
    /** Fires due and waiting for a worker. */
    public static final String FIRES_WAITING = PREFIX + ".fires.waiting";
    /** When the counters started (scheduler start or last reset), since the epoch. */
    public static final String METRICS_START = PREFIX + ".metrics.start";
    /** Pushes of each push exporter, tagged {@code exporter} and {@code outcome=success|failure|skipped}. */
    public static final String EXPORTER_PUSHES = PREFIX + ".exporter.pushes";

    /** The tag naming the task, exactly as registered. */
    public static final String TAG_TASK = "task";
    /** The tag naming how a run or push ended. */
    public static final String TAG_OUTCOME = "outcome";
    /** The tag naming a push exporter. */
    public static final String TAG_EXPORTER = "exporter";
    /** The tag saying what happened to a fire the coordinator could not decide. */
    public static final String TAG_FIRE = "fire";

    private MeterNames() {}
}
