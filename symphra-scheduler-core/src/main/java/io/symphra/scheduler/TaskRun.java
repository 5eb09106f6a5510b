package io.symphra.scheduler;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.internal.EpochNanos;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
final class TaskRun implements Runnable, Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

    private final TaskEngine engine;
    private final RegisteredTask task;
    // Set for each fire by reset(), before the run is handed to the thread of its first attempt.
    private long plannedNanos;
    private long startEpochNanos;
    private long latenessNanos;
    /** Built for the listeners on first use, once per run. */
    private ExecutionEvent event;
    /** In cluster mode, this instance's claim of the fire once it is owned; else {@code null}. */
    private FireClaim claim;
    /** When this run's first attempt began (epoch nanoseconds) until its final outcome, else NONE; for snapshots. */
    private volatile long inProgressSince = EpochNanos.NONE;
    /** Sum of the attempts' durations; written by whichever thread ends an attempt, one at a time. */
    private long totalNanos;
    /** The fire's id for the run interceptors; 0 when there is none. */
    private long runId;
    /** The trace id the interceptors gave for the fire's last attempt, or {@code null}; for the metrics' exemplars. */
    private String traceId;

    // The current attempt; guarded by this.
    /**
     * Names the current attempt for the callbacks that may end it; new for every attempt of every run, so that a
     * late callback of an earlier run of this reused object cannot end a later one.
     */
    private long attemptId;

    private int number;
    private boolean attemptRunning;
    private long startNanoTime;
    /** Whether the current attempt's action is executing on {@link #thread}. */
    private boolean executing;
    /**
     * The thread the latest attempt's action ran on. Stored only when it changes, as no other reference is at a
     * fire, so that a fire stores no reference in this long-lived object (see {@link TimerQueue}'s heap for why).
     */
    private Thread thread;

    private Future<?> future;
    /** The run interceptors' scope of the current attempt, or {@code null} when there is no interceptor. */
    private AttemptScope scope;
    /** Whether the engine's runs in flight track this run (see RunsInFlight.track). */
    private boolean trackedInSet;

    private volatile TimerQueue.Entry watchdog;
    /** Whether its run ended, so that the task's next fire may reuse it; guarded by the task's monitor. */
    boolean reusable;

    TaskRun(TaskEngine engine, RegisteredTask task) {
        this.engine = engine;
        this.task = task;
    }

    /** Readies this object for the fire planned at {@code plannedNanos}. */
    TaskRun reset(long plannedNanos) {
        this.plannedNanos = plannedNanos;
        this.event = null;
        this.claim = null;
        this.totalNanos = 0;
        this.watchdog = null;
        this.traceId = null;
        this.runId = engine.interceptors() != null ? engine.interceptors().nextRunId() : 0;
        return this;
    }

    @Override
    public String taskName() {
        return task.name();
    }

    @Override
    public long latenessNanos() {
        return latenessNanos;
    }

    @Override
    public long plannedEpochNanos() {
        return plannedNanos;
    }

    /** The current attempt's number; read by interceptors on the attempt's thread, which set it. */
    @Override
    public int number() {
        return number;
    }

    @Override
    public long runId() {
        return runId;
    }

    long startEpochNanos() {
        return startEpochNanos;
    }

    String traceId() {
        return traceId;
    }

    long plannedNanos() {
        return plannedNanos;
    }

    RegisteredTask task() {
        return task;
    }

    long inProgressSince() {
        return inProgressSince;
    }

    /** This run's fire is owned by this instance under {@code claim} (cluster mode). */
    TaskRun claimedAs(FireClaim claim) {
        this.claim = claim;
        return this;
    }

    /** The event of this run for {@code attempt}, for the listeners. */
    ExecutionEvent event(int attempt) {
        if (event == null) {
            event = new ExecutionEvent(task.name(), plannedNanos, startEpochNanos, latenessNanos, attempt);
        }
        return event.withAttempt(attempt);
    }

    /** Runs on a worker of a worker executor: the first attempt, started now. */
    @Override
    public void run() {
        engine.runs().handOffEnded();
        begin(engine.nowNanos());
    }

    /** Whether an attempt's action is executing on a thread now (not waiting for its stage or a retry). */
    synchronized boolean isExecuting() {
        return attemptRunning && executing;
    }

    /** Whether the current attempt's action is running on the calling thread. */
    synchronized boolean isRunningOnCurrentThread() {
        return attemptRunning && executing && thread == Thread.currentThread();
    }

    /** The first attempt, on the current (worker) thread, which started at {@code startNanos} by the clock. */
    void begin(long startNanos) {
        ClusterRuns cluster = engine.cluster();
        if (claim == null && cluster != null) {
            if (!cluster.claim(this)) {
                return;
            }
            // The claim is a round trip to the coordinator: the run starts after it.
            startNanos = engine.nowNanos();
        }
        startEpochNanos = startNanos;
        latenessNanos = Math.max(0, startNanos - plannedNanos);
        inProgressSince = startNanos;
        task.reporter.started(this);
        attempt(1, startNanos);
    }

    /** Runs retry attempt {@code n} on the current (worker) thread, started now. */
    void retry(int n) {
        attempt(n, engine.nowNanos());
    }

    /**
     * Runs attempt {@code n} on the current (worker) thread. Its timeout counts from {@code start}, the clock
     * reading the attempt began with, not from a later one: listeners may take their time before it gets here.
     */
    private void attempt(int n, long startNanos) {
        TimerQueue.Worker worker = TimerQueue.Worker.current();
        long id;
        synchronized (this) {
            id = ++attemptId;
            number = n;
            attemptRunning = true;
            startNanoTime = System.nanoTime();
            executing = true;
            Thread current = Thread.currentThread();
            if (thread != current) {
                thread = current;
            }
            future = null;
            // A shutdown finds runs on the scheduler's own threads through the thread; others it must be told of.
            if (worker != null) {
                worker.busyWith = this;
            } else {
                trackInSet();
            }
        }
        Interceptors interceptors = engine.interceptors();
        // Apart from this method, so that the hot method stays small for the compiler.
        AttemptScope entered = interceptors != null ? enterInterceptors(interceptors) : null;
        Duration timeout = task.task.timeout();
        if (timeout != null) {
            watchdog = engine.timer().schedule(EpochNanos.plus(startNanos, timeout.toNanos()), () -> timeOut(id));
        }
        Object result;
        try {
            result = task.task.action().call();
        } catch (Throwable error) {
            // Ended before the scopes exit, so that the failure's log line carries the attempt's MDC.
            leave(id, worker);
            end(id, error, false);
            exitInterceptors(entered);
            return;
        }
        if (!(result instanceof CompletionStage<?> stage)) {
            leave(id, worker);
            end(id, null, false);
            exitInterceptors(entered);
            return;
        }
        exitInterceptors(entered);
        synchronized (this) {
            if (attemptId == id && attemptRunning) {
                future = stage.toCompletableFuture();
                // The attempt outlives this thread: only the set can find it now.
                trackInSet();
            }
        }
        leave(id, worker);
        stage.whenComplete((value, error) -> end(id, unwrap(error), false));
    }

    private AttemptScope enterInterceptors(Interceptors interceptors) {
        AttemptScope entered = interceptors.enter(this);
        synchronized (this) {
            scope = entered;
        }
        return entered;
    }

    private void exitInterceptors(AttemptScope entered) {
        if (entered != null) {
            engine.interceptors().exit(entered);
        }
    }

    /** The action of attempt {@code id} returned or threw on the current thread, {@code worker} or another. */
    private void leave(long id, TimerQueue.Worker worker) {
        synchronized (this) {
            if (attemptId == id) {
                executing = false;
            }
        }
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
            engine.runs().track(this);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Attempt {@code id} ended (normally or not), or its timeout fired; only the first call for it counts. */
    private void end(long id, Throwable error, boolean timedOut) {
        long durationNanos;
        int n;
        AttemptScope ending;
        synchronized (this) {
            if (!attemptRunning || attemptId != id) {
                return;
            }
            attemptRunning = false;
            n = number;
            ending = scope;
            scope = null;
            durationNanos = System.nanoTime() - startNanoTime;
            if (trackedInSet) {
                trackedInSet = false;
                engine.runs().untrack(this);
            }
            if (timedOut) {
                interruptAttempt();
            }
        }
        TimerQueue.Entry w = watchdog;
        if (w != null && !timedOut) {
            engine.timer().cancel(w);
        }
        attemptEnded(n, durationNanos, error, timedOut, ending);
    }

    /** Timer job: attempt {@code id} ran out of time. */
    private void timeOut(long id) {
        String what = "task '" + task.name() + "' attempt " + currentNumber();
        end(id, new TimeoutException(what + " exceeded its timeout of " + task.task.timeout()), true);
    }

    private synchronized int currentNumber() {
        return number;
    }

    /** Shutdown: the current attempt outlived the grace period. */
    synchronized void interrupt() {
        if (attemptRunning) {
            interruptAttempt();
        }
    }

    /** Interrupts the current attempt's thread or cancels its stage. Called holding this run's monitor. */
    private void interruptAttempt() {
        if (executing) {
            thread.interrupt();
        }
        if (future != null) {
            future.cancel(true);
        }
    }

    private void attemptEnded(int n, long durationNanos, Throwable error, boolean timedOut, AttemptScope ending) {
        totalNanos += durationNanos;
        boolean retry =
                error != null && !engine.isStopping() && task.task.retry().shouldRetry(n, error);
        if (ending != null) {
            engine.interceptors().ended(ending, outcome(error, timedOut), error, retry);
        }
        if (retry) {
            Duration backoff = task.task.retry().backoff().delayBefore(n + 1);
            // The backoff counts from the failure, not from whenever the listeners are done.
            long retryAt = EpochNanos.plus(engine.nowNanos(), backoff.toNanos());
            task.reporter.retrying(this, n, error, backoff);
            LOG.debug("Task '{}' attempt {} failed; retrying in {}", task.name(), n, backoff, error);
            engine.timer().schedule(retryAt, () -> engine.dispatchAttempt(this, n + 1));
            return;
        }
        if (ending != null) {
            traceId = engine.interceptors().traceId(ending);
        }
        finish(n, error, timedOut);
    }

    /**
     * The worker executor refused the retry that was due: the run ends failed, with the refusal as its error, so
     * that its slot and its count in flight are given back and the task fires again.
     */
    void retryRejected(RejectedExecutionException rejection) {
        finish(currentNumber(), rejection, false);
    }

    /** Reports the run's final outcome after attempt {@code n}, and lets go of everything it held. */
    private void finish(int n, Throwable error, boolean timedOut) {
        TaskReporter reporter = task.reporter;
        task.releaseSlot();
        inProgressSince = EpochNanos.NONE;
        try {
            if (error == null) {
                reporter.succeeded(this, n, totalNanos);
            } else if (timedOut) {
                reporter.timedOut(this, n, totalNanos);
            } else {
                reporter.failed(this, n, totalNanos, error);
            }
        } finally {
            if (claim != null) {
                engine.cluster().ended(claim, outcome(error, timedOut));
            }
            engine.finished(task);
            task.recycle(this);
        }
    }

    private static ExecutionOutcome outcome(Throwable error, boolean timedOut) {
        return error == null
                ? ExecutionOutcome.SUCCESS
                : timedOut ? ExecutionOutcome.TIMEOUT : ExecutionOutcome.FAILURE;
    }
}
