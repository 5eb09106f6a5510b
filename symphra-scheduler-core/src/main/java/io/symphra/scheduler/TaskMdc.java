package io.symphra.scheduler;

/**
 * The SLF4J MDC keys the scheduler sets around every attempt (on by default, see
 * {@link Scheduler.Builder#mdc(boolean)}), so that every line a task logs says which run wrote it. The worker's
 * earlier values of these keys are restored when the attempt's action returns.
 */
public final class TaskMdc {

    /** The task's name. */
    public static final String TASK = "symphra.task";

    /**
     * The fire time the trigger planned, ISO-8601 in UTC to the millisecond, such as {@code 2026-03-01T00:00:00Z} or
     * {@code 2026-03-01T00:00:00.250Z}.
     */
    public static final String PLANNED = "symphra.planned";

    /** The attempt number, from 1. */
    public static final String ATTEMPT = "symphra.attempt";

    /** The fire's run id (see {@link Attempt#runId()}), the same for all its attempts. */
    public static final String RUN = "symphra.run";

    private TaskMdc() {}
}
