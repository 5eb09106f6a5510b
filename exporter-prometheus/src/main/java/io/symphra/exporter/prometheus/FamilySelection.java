package io.symphra.exporter.prometheus;

/**
 * Which metric families an exposition holds: those kept from the Python original, the idiomatic ones added beside
 * them, or both. The choice bounds the series per task; the families of each group are listed in
 * {@code docs/prometheus.md}, with the series each writes per task.
 *
 * <p>Whatever the choice, every family that is written is written whole and as it is with {@link #BOTH}: same
 * name, type, labels and values. Only which families appear changes.
 */
public enum FamilySelection {

    /**
     * The Python original's families only: the scheduler-wide uptime, execution and duration totals, and per task
     * {@code symphra_scheduler_task_executions} and {@code symphra_scheduler_task_duration_seconds{stat}}.
     */
    SEED,

    /**
     * Every family except the Python original's: per-task counters ending in {@code _total}, the execution
     * durations (a summary or a histogram, see {@link DurationSeries}), lateness, schedule and cluster signals, the
     * scheduler's info, workers and exporter health.
     */
    IDIOMATIC,

    /** Both groups, the default, so the original's names keep working beside the idiomatic ones. */
    BOTH;

    /** Whether an exposition of this choice writes {@code family}. */
    boolean includes(Family family) {
        return switch (this) {
            case SEED -> family.seed();
            case IDIOMATIC -> !family.seed();
            case BOTH -> true;
        };
    }
}
