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
 *   <li>{@link AttemptScope#ended} once the attempt has its outcome: for an action that returns a plain value or
 *       throws, on the same thread right after it, before {@code exit()}, so that what the scheduler does with the
 *       outcome (its failure log line, the listeners) still runs in the attempt's context; for an action that
 *       returns a {@link java.util.concurrent.CompletionStage}, when the stage completes, on the thread that
 *       completes it; at a timeout, on the scheduler's timer thread, possibly while the action still runs;
 *   <li>{@link AttemptScope#exit()} on the thread that called the action, once the action returned or threw (and,
 *       for a plain value or a throw, the attempt ended): this is where thread-bound context is undone.
 * </ol>
 *
 * <p>A fire whose attempts stop without a last {@code ended} is told of instead: through
 * {@link #abandoned(String, long, Throwable)} when the worker executor rejects its next attempt, and through
 * {@link #stopped(int)} for whatever is still in progress when the scheduler has stopped.
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

    /**
     * The fire {@code runId} of {@code taskName} ({@link Attempt#runId()}) is given up between two attempts: the
     * worker executor rejected its next attempt with {@code reason}. Its last attempt's scope heard
     * {@code ended(..., retrying = true)} and nothing more follows for it. Called on the scheduler's timer thread.
     * Does nothing unless overridden.
     */
    default void abandoned(String taskName, long runId, Throwable reason) {}

    /**
     * The scheduler has stopped; {@code abandonedRuns} runs ignored their interruption and were left running (a
     * fire waiting for its next attempt is dropped too). Whatever the interceptor still holds for a fire will hear
     * nothing more it can count on: an abandoned action that returns later still ends its attempt, late. Called
     * once, on the thread that shut the scheduler down. Does nothing unless overridden.
     */
    default void stopped(int abandonedRuns) {}
}
