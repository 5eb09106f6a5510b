package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * One fire of a task, from its first attempt to its final outcome. Attempts run on worker threads; timeouts and
 * retry waits are timer jobs, so no worker sleeps.
 */
final class TaskRun {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

    private final TaskEngine engine;
    private final RegisteredTask task;
    private final Instant planned;
    private ExecutionEvent event;
    /** Sum of the attempts' durations; written by whichever thread ends an attempt, one at a time. */
    private long totalNanos;

    TaskRun(TaskEngine engine, RegisteredTask task, Instant planned) {
        this.engine = engine;
        this.task = task;
        this.planned = planned;
    }

    String taskName() {
        return task.name();
    }

    /** Runs on a worker thread: the first attempt. */
    void begin() {
        Instant start = engine.clock().instant();
        long lateness = Math.max(0, Duration.between(planned, start).toNanos());
        event = new ExecutionEvent(task.name(), planned, start, lateness, 1);
        engine.listeners().onStart(event);
        attempt(1);
    }

    /** Runs one attempt on the current (worker) thread. */
    void attempt(int number) {
        Attempt attempt = new Attempt(number);
        engine.track(attempt);
        Duration timeout = task.task.timeout();
        if (timeout != null) {
            attempt.watchdog = engine.timer().schedule(engine.clock().instant().plus(timeout), attempt::timeOut);
        }
        attempt.enter();
        Object result;
        try {
            result = task.task.action().call();
        } catch (Throwable error) {
            attempt.leave();
            attempt.end(error, false);
            return;
        }
        attempt.leave();
        if (result instanceof CompletionStage<?> stage) {
            attempt.future = stage.toCompletableFuture();
            stage.whenComplete((value, error) -> attempt.end(unwrap(error), false));
        } else {
            attempt.end(null, false);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private void attemptEnded(Attempt attempt, Throwable error, boolean timedOut) {
        totalNanos += attempt.durationNanos;
        engine.untrack(attempt);
        ExecutionEvent ended = event.withAttempt(attempt.number);
        if (error == null) {
            engine.finished(this, task, () -> engine.listeners().onSuccess(ended, totalNanos));
            return;
        }
        if (!engine.isStopping() && task.task.retry().shouldRetry(attempt.number, error)) {
            Duration backoff = task.task.retry().backoff().delayBefore(attempt.number + 1);
            engine.listeners().onRetry(ended, error, backoff);
            LOG.debug("Task '{}' attempt {} failed; retrying in {}", task.name(), attempt.number, backoff, error);
            engine.timer().schedule(engine.clock().instant().plus(backoff),
                    () -> engine.dispatchAttempt(this, attempt.number + 1));
            return;
        }
        if (timedOut) {
            LOG.warn("Task '{}' timed out after {} (attempt {})", task.name(), task.task.timeout(), attempt.number);
            engine.finished(this, task, () -> engine.listeners().onTimeout(ended, totalNanos));
        } else {
            LOG.warn("Task '{}' failed (attempt {}): {}", task.name(), attempt.number, error.toString());
            LOG.debug("Task '{}' failure", task.name(), error);
            engine.finished(this, task, () -> engine.listeners().onFailure(ended, totalNanos, error));
        }
    }

    /**
     * One attempt. Exactly one of "the action ended" and "the timeout fired" wins the race to end it; the
     * lock makes sure the watchdog never interrupts a worker thread that has already moved on.
     */
    final class Attempt {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;

        final int number;
        private final long startNanos = System.nanoTime();
        private int state = RUNNING;
        private Thread thread;
        volatile Future<?> future;
        volatile TimerThread.Job watchdog;
        long durationNanos;

        Attempt(int number) {
            this.number = number;
        }

        private synchronized void enter() {
            thread = Thread.currentThread();
        }

        private void leave() {
            synchronized (this) {
                thread = null;
            }
            // A watchdog that fired while we ran interrupted us; that must not leak into the worker's next job.
            Thread.interrupted();
        }

        /** The action ended (normally or not), or the timeout fired. */
        void end(Throwable error, boolean timedOut) {
            synchronized (this) {
                if (state != RUNNING) {
                    return;
                }
                state = ENDED;
                durationNanos = System.nanoTime() - startNanos;
                if (timedOut) {
                    if (thread != null) {
                        thread.interrupt();
                    }
                    Future<?> f = future;
                    if (f != null) {
                        f.cancel(true);
                    }
                }
            }
            TimerThread.Job w = watchdog;
            if (w != null && !timedOut) {
                w.cancel();
            }
            attemptEnded(this, error, timedOut);
        }

        /** Timer job: the attempt ran out of time. */
        void timeOut() {
            end(new TimeoutException("task '" + task.name() + "' attempt " + number + " exceeded its timeout of "
                    + task.task.timeout()), true);
        }

        /** Shutdown: the attempt outlived the grace period. */
        void interrupt() {
            synchronized (this) {
                if (state != RUNNING) {
                    return;
                }
                if (thread != null) {
                    thread.interrupt();
                }
                Future<?> f = future;
                if (f != null) {
                    f.cancel(true);
                }
            }
        }
    }
}
