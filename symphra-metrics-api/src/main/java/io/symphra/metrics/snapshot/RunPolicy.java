package io.symphra.metrics.snapshot;

/**
 * What a task's configuration lets happen to its runs, so that an exporter can leave out series that could only
 * ever read 0 (as the Prometheus exposition does for a task without a timeout or without retries).
 *
 * @param mayTimeOut whether a run can be cancelled by a timeout: the task has one
 * @param mayRetry   whether a failed attempt can be retried: the task's retry policy allows more than one attempt
 */
public record RunPolicy(boolean mayTimeOut, boolean mayRetry) {

    /**
     * Either may happen. Also what a snapshot holds when it does not know the task's configuration: a task that is
     * no longer registered, the aggregate of several tasks, a snapshot taken without the scheduler, and the last
     * snapshot of a period that a reset returns.
     */
    public static final RunPolicy ANY = new RunPolicy(true, true);
}
