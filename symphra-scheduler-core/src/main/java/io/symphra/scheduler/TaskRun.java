package io.symphra.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fire of a task, from its first attempt to its final outcome. Attempts run on worker threads; timeouts and
 * retry waits are timer jobs, so no worker sleeps.
 *
 * <p>A run's attempts follow one another (the next is dispatched only after the previous one ended), so the run
 * holds the state of its current attempt itself. Every way an attempt can end (the action returns or throws, its
 * {@code CompletionStage} completes, its watchdog fires) names the attempt it ends, and the first one for the
 * current attempt wins; the monitor makes sure a watchdog never interrupts a worker thread that has moved on.
 */
final class TaskRun implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

    private final TaskEngine engine;
    private final RegisteredTask task;
    private final Instant planned;
    private ExecutionEvent event;
    /** Sum of the attempts' durations; written by whichever thread ends an attempt, one at a time. */
    private long totalNanos;

    // The current attempt; guarded by this.
    private int number;
    private boolean attemptRunning;
    private long startNanos;
    private Thread thread;
    private Future<?> future;
    /** Whether the engine's set of runs holds this run (see TaskEngine.track). */
    private boolean trackedInSet;

    private volatile TimerQueue.Entry watchdog;

    TaskRun(TaskEngine engine, RegisteredTask task, Instant planned) {
        this.engine = engine;
        this.task = task;
        this.planned = planned;
    }

    String taskName() {
        return task.name();
    }

    /** Runs on a worker of a worker executor: the first attempt, started now. */
    @Override
    public void run() {
        begin(engine.clock().instant());
    }

    /** The first attempt, on the current (worker) thread, which started at {@code start} by the clock. */
    void begin(Instant start) {
        long lateness = Math.max(0, nanosBetween(planned, start));
        event = new ExecutionEvent(task.name(), planned, start, lateness, 1);
        task.listeners.onStart(event);
        attempt(1, start);
    }

    /** {@code to - from} in nanoseconds, saturating; without the Duration that {@code Duration.between} makes. */
    static long nanosBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + (to.getNano() - from.getNano());
    }

    /** Runs retry attempt {@code n} on the current (worker) thread, started now. */
    void retry(int n) {
        attempt(n, engine.clock().instant());
    }

    /**
     * Runs attempt {@code n} on the current (worker) thread. Its timeout counts from {@code start}, the clock
     * reading the attempt began with, not from a later one: listeners may take their time before it gets here.
     */
    private void attempt(int n, Instant start) {
        Thread me = Thread.currentThread();
        TimerQueue.Worker worker = TimerQueue.Worker.current();
        synchronized (this) {
            number = n;
            attemptRunning = true;
            startNanos = System.nanoTime();
            thread = me;
            future = null;
            // A shutdown finds runs on the scheduler's own threads through the thread; others it must be told of.
            if (worker != null) {
                worker.busyWith = this;
            } else {
                trackInSet();
            }
        }
        Duration timeout = task.task.timeout();
        if (timeout != null) {
            watchdog = engine.timer().schedule(start.plus(timeout), () -> timeOut(n));
        }
        Object result;
        try {
            result = task.task.action().call();
        } catch (Throwable error) {
            leave(n);
            end(n, error, false);
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            synchronized (this) {
                if (number == n && attemptRunning) {
                    future = stage.toCompletableFuture();
                    // The attempt outlives this thread: only the set can find it now.
                    trackInSet();
                }
            }
            leave(n);
            stage.whenComplete((value, error) -> end(n, unwrap(error), false));
        } else {
            leave(n);
            end(n, null, false);
        }
    }

    /** The action of attempt {@code n} returned or threw on the current thread. */
    private void leave(int n) {
        synchronized (this) {
            if (number == n) {
                thread = null;
            }
        }
        TimerQueue.Worker worker = TimerQueue.Worker.current();
        if (worker != null && worker.busyWith == this) {
            worker.busyWith = null;
        }
        // A watchdog that fired while we ran interrupted us; that must not leak into the worker's next job.
        Thread.interrupted();
    }

    /** Called holding this run's monitor, so that adding and removing cannot interleave. */
    private void trackInSet() {
        if (!trackedInSet) {
            trackedInSet = true;
            engine.track(this);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Attempt {@code n} ended (normally or not), or its timeout fired; only the first call for it counts. */
    private void end(int n, Throwable error, boolean timedOut) {
        long durationNanos;
        synchronized (this) {
            if (!attemptRunning || number != n) {
                return;
            }
            attemptRunning = false;
            durationNanos = System.nanoTime() - startNanos;
            if (trackedInSet) {
                trackedInSet = false;
                engine.untrack(this);
            }
            if (timedOut) {
                interruptAttempt();
            }
        }
        TimerQueue.Entry w = watchdog;
        if (w != null && !timedOut) {
            engine.timer().cancel(w);
        }
        attemptEnded(n, durationNanos, error, timedOut);
    }

    /** Timer job: attempt {@code n} ran out of time. */
    private void timeOut(int n) {
        end(
                n,
                new TimeoutException(
                        "task '" + task.name() + "' attempt " + n + " exceeded its timeout of " + task.task.timeout()),
                true);
    }

    /** Whether the current attempt's action is running on the calling thread. */
    synchronized boolean isRunningOnCurrentThread() {
        return attemptRunning && thread == Thread.currentThread();
    }

    /** Shutdown: the current attempt outlived the grace period. */
    void interrupt() {
        synchronized (this) {
            if (attemptRunning) {
                interruptAttempt();
            }
        }
    }

    /** Interrupts the current attempt's thread or cancels its stage. Called holding this run's monitor. */
    private void interruptAttempt() {
        if (thread != null) {
            thread.interrupt();
        }
        if (future != null) {
            future.cancel(true);
        }
    }

    private void attemptEnded(int n, long durationNanos, Throwable error, boolean timedOut) {
        totalNanos += durationNanos;
        ExecutionEvent ended = event.withAttempt(n);
        Listeners listeners = task.listeners;
        if (error != null && !engine.isStopping() && task.task.retry().shouldRetry(n, error)) {
            Duration backoff = task.task.retry().backoff().delayBefore(n + 1);
            // The backoff counts from the failure, not from whenever the listeners are done.
            Instant retryAt = engine.clock().instant().plus(backoff);
            listeners.onRetry(ended, error, backoff);
            LOG.debug("Task '{}' attempt {} failed; retrying in {}", task.name(), n, backoff, error);
            engine.timer().schedule(retryAt, () -> engine.dispatchAttempt(this, n + 1));
            return;
        }
        engine.releaseSlot(task);
        try {
            if (error == null) {
                listeners.onSuccess(ended, totalNanos);
            } else if (timedOut) {
                LOG.warn("Task '{}' timed out after {} (attempt {})", task.name(), task.task.timeout(), n);
                listeners.onTimeout(ended, totalNanos);
            } else {
                LOG.warn("Task '{}' failed (attempt {}): {}", task.name(), n, error.toString());
                LOG.debug("Task '{}' failure", task.name(), error);
                listeners.onFailure(ended, totalNanos, error);
            }
        } finally {
            engine.finished(task);
        }
    }
}
