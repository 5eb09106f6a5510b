package io.symphra.scheduler;

/**
 * Wraps each attempt of every task on the thread that runs it, so that context (a tracing span, the logging MDC, a
 * security principal) can be set around the user's code. Registered with
 * {@link Scheduler.Builder#interceptor(RunInterceptor)}; several are applied in the order they were registered,
 * nested: the first registered enters first and exits last. The scheduler's own MDC interceptor (see
 * {@link TaskMdc}) is the outermost, unless turned off with {@link Scheduler.Builder#mdc(boolean)}.
 *
 * <p>For every attempt, exactly once each:
 *
 * <ol>
 *   <li>{@link #enter(Attempt)} on the thread about to call the task's action, just before it;
 *   <li>{@link AttemptScope#exit()} on that same thread, as soon as the action returned or threw: this is where
 *       thread-bound context is undone;
 *   <li>{@link AttemptScope#ended} once the attempt has its outcome: for an action that returns a plain value or
 *       throws, on the same thread right after {@code exit()}; for an action that returns a
 *       {@link java.util.concurrent.CompletionStage}, when the stage completes, on the thread that completes it; at
 *       a timeout, on the scheduler's timer thread, possibly before {@code exit()} while the action still runs.
 * </ol>
 *
 * <p>So for an asynchronous task, what {@code enter} made current is current while the action builds its stage, and
 * no longer when the stage's callbacks run on other threads (unless the task carries it there, as
 * OpenTelemetry's {@code Context.wrap} does); "after" means {@code ended}, when the stage completes.
 *
 * <p>An interceptor must be thread-safe and quick. One that throws (or returns {@code null}) breaks neither the
 * attempt nor the scheduler: the attempt still runs and ends, the other interceptors are still called, and the
 * exception is logged, at most once a minute per interceptor.
 *
 * <p>Interceptors are not discovered with {@code ServiceLoader}: one changes what every task's code runs inside,
 * and in an order that matters, so a jar on the classpath must not do that unasked.
 */
public interface RunInterceptor {

    /**
     * An attempt is about to run on the current thread. {@code attempt} is a view that is valid during this call
     * only (the scheduler reuses it for later attempts): copy what the returned scope needs.
     *
     * @return what to call when the attempt leaves this thread and when it ends; {@link AttemptScope#NONE} when
     *     there is nothing to undo
     */
    AttemptScope enter(Attempt attempt);

    /**
     * A fire of {@code taskName} planned at {@code plannedEpochNanos} (nanoseconds since the epoch by the
     * scheduler's clock) was not run because the task already had its {@code maxInstances} runs in progress. Called
     * on the thread that took the fire; no attempt is entered for it. Does nothing unless overridden.
     */
    default void skipped(String taskName, long plannedEpochNanos) {}
}
