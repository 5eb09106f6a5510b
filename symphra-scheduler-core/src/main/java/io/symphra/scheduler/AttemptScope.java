package io.symphra.scheduler;

import io.symphra.metrics.snapshot.ExecutionOutcome;

/**
 * What a {@link RunInterceptor} undoes and hears about once the attempt it entered leaves its thread and ends. See
 * {@link RunInterceptor} for which thread calls what, and when.
 */
public interface AttemptScope {

    /** A scope with nothing to undo and nothing to hear. */
    AttemptScope NONE = new AttemptScope() {};

    /** The action returned or threw: undo what {@code enter} bound to the current thread. Does nothing by default. */
    default void exit() {}

    /**
     * The attempt ended. Does nothing by default.
     *
     * @param outcome {@link ExecutionOutcome#SUCCESS}, {@link ExecutionOutcome#FAILURE} or
     *     {@link ExecutionOutcome#TIMEOUT}
     * @param error what the attempt failed with (a {@link java.util.concurrent.TimeoutException} for a timeout), or
     *     {@code null} on success
     * @param retrying whether another attempt of the same fire follows; when false this was the fire's last attempt
     *     and {@code outcome} is the fire's
     */
    default void ended(ExecutionOutcome outcome, Throwable error, boolean retrying) {}

    /**
     * The trace this attempt ran in, for the task's duration histogram to show as an exemplar: the id's text (for
     * OpenTelemetry, 32 hex digits), or {@code null} when there is none, which is the default. Asked once per fire,
     * of its last attempt's scope, after {@link #ended}; the scheduler keeps nothing for a fire without one.
     */
    default String traceId() {
        return null;
    }
}
