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
    /** Execution durations: count and total (a function timer). */
    public static final String TASK_DURATION = PREFIX + ".task.duration";
    /** The shortest execution. */
    public static final String TASK_DURATION_MIN = PREFIX + ".task.duration.min";
    /** The longest execution. */
    public static final String TASK_DURATION_MAX = PREFIX + ".task.duration.max";
    /**
     * Executions that took at most a bucket's upper bound, one cumulative counter per bucket, tagged
     * {@code bound} (the bound in seconds, or +Inf).
     */
    public static final String TASK_DURATION_WITHIN = PREFIX + ".task.duration.within";
    /** When the last successful run ended, since the epoch; 0 before the first. */
    public static final String TASK_LAST_SUCCESS = PREFIX + ".task.last.success";
    /** When the last failed run ended, since the epoch; 0 before the first. */
    public static final String TASK_LAST_FAILURE = PREFIX + ".task.last.failure";
    /** How late runs started against their planned fire times: count and total (a function timer). */
    public static final String TASK_LATENESS = PREFIX + ".task.lateness";
    /** The latest start of a run against its planned fire time. */
    public static final String TASK_LATENESS_MAX = PREFIX + ".task.lateness.max";
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
    /** The tag holding a duration bucket's upper bound. */
    public static final String TAG_BOUND = "bound";

    private MeterNames() {}
}
