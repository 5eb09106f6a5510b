package io.symphra.scheduler;

import java.time.Duration;

/**
 * Hears about every fire of every task: users add their own with {@code Scheduler.Builder.listener(...)}. The
 * scheduler's built-in metrics do not go through listeners; a {@link io.symphra.scheduler.metrics.MetricsCollector}
 * is one all the same, for a program that wants to collect from listener events of its own.
 *
 * <p>For each fire exactly one of these is called: {@link #onSkipped} (the fire was not run), or
 * {@link #onStart} followed by exactly one final outcome: {@link #onSuccess}, {@link #onFailure} or
 * {@link #onTimeout}; in cluster mode also {@link #onRanElsewhere}, or {@link #onCoordinatorUnavailable} (after
 * which the fire ran here, with {@code onStart} and an outcome, only when the task chose to). Between them, {@link #onRetry} is called once for each failed attempt that will be retried.
 * Durations passed to the final outcome are the sum of the attempts' run times, measured with
 * {@link System#nanoTime()}: neither queue wait nor retry backoff is included.
 *
 * <p>Methods are called on the worker thread that runs the task (or completes its {@code CompletionStage}) and
 * must be fast and must not throw; an exception thrown by a listener is ignored and logged: the first with its
 * stack trace, later ones at most once a minute per listener as one line. A scheduler with no listener builds no
 * {@link ExecutionEvent}.
 */
public interface TaskListener {

    /** A task was registered with the scheduler. */
    default void onRegistered(String taskName) {}

    /** A task was removed from the scheduler. Its metrics stay until the next reset. */
    default void onUnregistered(String taskName) {}

    /** A run is about to start its first attempt. */
    default void onStart(ExecutionEvent event) {}

    /** The run completed normally. */
    default void onSuccess(ExecutionEvent event, long durationNanos) {}

    /** The run failed, on its last attempt, with {@code error}. */
    default void onFailure(ExecutionEvent event, long durationNanos, Throwable error) {}

    /** The run's last attempt exceeded the task's timeout and was cancelled. This is a failure. */
    default void onTimeout(ExecutionEvent event, long durationNanos) {}

    /** The fire was not run because the task already had {@code maxInstances} runs in progress. */
    default void onSkipped(ExecutionEvent event) {}

    /** Cluster mode: another instance claimed this fire, and runs it. */
    default void onRanElsewhere(ExecutionEvent event) {}

    /**
     * Cluster mode: the coordinator could not decide who runs this fire ({@code error}); it runs here when
     * {@code ranHere} (the task's {@code whenCoordinatorUnavailable} choice), else it is not run.
     */
    default void onCoordinatorUnavailable(ExecutionEvent event, Throwable error, boolean ranHere) {}

    /**
     * Cluster mode: {@code formerOwner} claimed this fire and stopped renewing its claim before the run ended (it
     * died); this instance took it over. When the task asks for it, the fire runs again here, with {@code onStart}
     * and an outcome of its own.
     */
    default void onAbandoned(ExecutionEvent event, String formerOwner) {}

    /** Attempt {@code event.attempt()} failed with {@code error} and will be retried after {@code backoff}. */
    default void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {}
}
