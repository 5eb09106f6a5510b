package io.symphra.scheduler;

import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.cluster.FireCoordinator;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.internal.LiveSignals;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.CronTrigger;
import io.symphra.scheduler.trigger.FixedDelayTrigger;
import io.symphra.scheduler.trigger.IntervalTrigger;
import io.symphra.scheduler.trigger.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires tasks: keeps the registry, plans fire times, runs them, enforces {@code maxInstances}, and shuts down
 * gracefully.
 *
 * <p>Fires are planned on one of two delay queues. With a worker executor of its own (the default), the
 * scheduler's worker threads take due fires from their queues and run them at once, as the JDK's
 * {@code ScheduledThreadPoolExecutor} does: no thread stands between the queue and the run. With a worker
 * executor given by the user, the timer thread takes due fires and hands each run to that executor. Either way,
 * timeouts and retry waits are jobs of the timer thread, so that they fire even when every worker is busy.
 */
final class TaskEngine {

    static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

    private enum State {
        NEW,
        RUNNING,
        STOPPING,
        STOPPED
    }

    private final Clock clock;
    private final ZoneId defaultZone;
    private final Executor workers;
    /** {@code null} when metrics are off. */
    private final MetricsCollector metrics;
    /** {@code null} when there is no listener. */
    private final Listeners listeners;
    /** {@code null} when every fire runs here. */
    private final ClusterRuns cluster;
    /** In cluster mode, how first fires are planned so that every instance plans the same ones; else {@code null}. */
    private final ClusterGrid grid;
    /** {@code null} when there is none. */
    private final Interceptors interceptors;

    private final TimerQueue timer;
    /** The scheduler's own worker threads, or {@code null} when runs go to a worker executor. */
    private final TimerQueue pool;
    /** The pool's queues, or the timer's. */
    private final TimerQueue fireQueue;
    /** What the failure logs are throttled by: a {@link ManualClock}'s time, so that a test moves it, or nanoTime. */
    private final LongSupplier failureLogTime;

    private final ConcurrentSkipListMap<String, RegisteredTask> tasks = new ConcurrentSkipListMap<>();
    private final RunsInFlight runs;
    private final LiveSignals signals;
    private final ReentrantLock stateLock = new ReentrantLock();
    private volatile State state = State.NEW;
    private volatile boolean pausedAll;

    /**
     * @param workers     the executor that runs tasks, or {@code null} for a pool of {@code poolThreads} threads
     *                    of the scheduler's own
     * @param coordinator cluster mode's coordinator, or {@code null}
     * @param instance    this instance's name, given to the coordinator
     * @param gridAnchor  in cluster mode, the instant every fixed rate's grid goes through
     */
    TaskEngine(
            Clock clock,
            ZoneId defaultZone,
            Executor workers,
            int poolThreads,
            MetricsCollector metrics,
            Listeners listeners,
            FireCoordinator coordinator,
            String instance,
            Instant gridAnchor,
            Interceptors interceptors) {
        this.cluster = coordinator != null ? new ClusterRuns(this, coordinator, instance) : null;
        this.grid = coordinator != null ? new ClusterGrid(gridAnchor) : null;
        this.interceptors = interceptors;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.metrics = metrics;
        this.listeners = listeners;
        this.timer = TimerQueue.timer(clock, "symphra-timer");
        this.pool = workers == null ? TimerQueue.pool(clock, "symphra-worker-", poolThreads) : null;
        this.workers = workers != null ? workers : pool;
        this.fireQueue = pool != null ? pool : timer;
        this.failureLogTime =
                clock instanceof ManualClock manual ? () -> EpochNanos.of(manual.instant()) : System::nanoTime;
        this.runs = pool != null ? new RunsInFlight(timer, pool) : new RunsInFlight(timer);
        this.signals = new EngineSignals(tasks, fireQueue, runs, coordinator != null);
        fireQueue.onClockStep(this::clockStepped);
    }

    /** The clock's time in epoch nanoseconds. */
    long nowNanos() {
        return timer.now();
    }

    TimerQueue timer() {
        return timer;
    }

    /** The run interceptors, or {@code null} when there is none. */
    Interceptors interceptors() {
        return interceptors;
    }

    /** Cluster mode's part, or {@code null}. */
    ClusterRuns cluster() {
        return cluster;
    }

    RunsInFlight runs() {
        return runs;
    }

    /** What metrics snapshots read from this engine. */
    LiveSignals signals() {
        return signals;
    }

    /** Makes the timer and the workers look at the clock again, as after a manual clock moved. */
    void wake() {
        timer.wake();
        if (pool != null) {
            pool.wake();
        }
    }

    boolean isStopping() {
        State s = state;
        return s == State.STOPPING || s == State.STOPPED;
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }

    // ---- registry ----

    void register(Task task) {
        if (isStopping()) {
            throw new IllegalStateException("the scheduler is shut down; cannot register task '" + task.name() + "'");
        }
        if (tasks.containsKey(task.name())) {
            throw alreadyRegistered(task.name());
        }
        if (grid != null) {
            ClusterGrid.checkCoordinable(task);
        }
        // Bound before the task is published: start() may plan it as soon as it is in the map.
        TaskReporter reporter = new TaskReporter(
                task.name(),
                new TaskFailureLog(task, failureLogTime),
                metrics != null ? metrics.handle(task.name()) : null,
                listeners);
        RegisteredTask registered =
                new RegisteredTask(this, task, task.zone() != null ? task.zone() : defaultZone, reporter);
        if (tasks.putIfAbsent(task.name(), registered) != null) {
            throw alreadyRegistered(task.name());
        }
        if (metrics != null) {
            metrics.onRegistered(task.name());
        }
        if (listeners != null) {
            listeners.onRegistered(task.name());
        }
        if (state == State.RUNNING) {
            planFirst(registered);
        }
    }

    private static IllegalArgumentException alreadyRegistered(String name) {
        return new IllegalArgumentException("a task named '" + name + "' is already registered");
    }

    boolean unregister(String name) {
        RegisteredTask removed = tasks.remove(name);
        if (removed == null) {
            return false;
        }
        removed.removed = true;
        // Out of the queue at once: it must not hold the task until its next fire time (a day, a month away).
        cancelPending(removed);
        if (metrics != null) {
            metrics.onUnregistered(name);
        }
        if (listeners != null) {
            listeners.onUnregistered(name);
        }
        return true;
    }

    Optional<Task> task(String name) {
        return Optional.ofNullable(tasks.get(name)).map(t -> t.task);
    }

    List<Task> tasks() {
        return tasks.values().stream().map(t -> t.task).toList();
    }

    int size() {
        return tasks.size();
    }

    /** Fires in the queue: at most one per task. */
    int queuedFires() {
        return fireQueue.queued();
    }

    Optional<Instant> nextFireTime(String name) {
        RegisteredTask t = require(name);
        return t.paused || pausedAll ? Optional.empty() : Optional.ofNullable(EpochNanos.toInstant(fireQueue.dueOf(t)));
    }

    void pause(String name) {
        RegisteredTask t = require(name);
        t.paused = true;
        cancelPending(t);
    }

    void resume(String name) {
        RegisteredTask t = require(name);
        if (t.paused) {
            t.paused = false;
            if (state == State.RUNNING && !pausedAll) {
                planFirst(t);
            }
        }
    }

    boolean isPaused(String name) {
        return require(name).paused;
    }

    void pauseAll() {
        pausedAll = true;
        tasks.values().forEach(this::cancelPending);
    }

    void resumeAll() {
        if (pausedAll) {
            pausedAll = false;
            if (state == State.RUNNING) {
                tasks.values().forEach(this::planFirst);
            }
        }
    }

    boolean isPausedAll() {
        return pausedAll;
    }

    RegisteredTask require(String name) {
        RegisteredTask t = tasks.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no task named '" + name + "' is registered");
        }
        return t;
    }

    /** The task registered as {@code name}, or {@code null}. */
    RegisteredTask registered(String name) {
        return tasks.get(name);
    }

    // ---- lifecycle ----

    void start() {
        stateLock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("the scheduler was already started");
            }
            if (cluster != null) {
                cluster.start();
            }
            state = State.RUNNING;
        } finally {
            stateLock.unlock();
        }
        timer.start();
        if (pool != null) {
            pool.start();
        }
        tasks.values().forEach(this::planFirst);
    }

    /**
     * Stops firing, waits up to {@code timeout} for runs in flight, interrupts what is left, and waits a short
     * bounded grace for them. Returns the number of runs that were still going when it gave up.
     */
    int shutdown(Duration timeout) {
        stateLock.lock();
        try {
            if (isStopping()) {
                return 0;
            }
            state = State.STOPPING;
        } finally {
            stateLock.unlock();
        }
        tasks.values().forEach(this::cancelPending);
        int left = runs.awaitAtShutdown(timeout);
        timer.stop(Duration.ofSeconds(1));
        if (pool != null) {
            // Like shutdownNow: threads still stuck in a run are interrupted again and abandoned.
            pool.stopNow();
        }
        state = State.STOPPED;
        if (cluster != null) {
            cluster.close();
        }
        if (left > 0) {
            LOG.warn("{} run(s) ignored interruption and were abandoned at shutdown", left);
        }
        if (interceptors != null) {
            interceptors.stopped(left);
        }
        return left;
    }

    // ---- firing ----

    private void planFirst(RegisteredTask t) {
        if (t.removed || t.paused || pausedAll || !t.task.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Instant from = t.task.startAt() != null && t.task.startAt().isAfter(now) ? t.task.startAt() : now;
        long first = grid != null
                ? grid.first(t.task.trigger(), from, t.zone)
                : t.task.trigger().first(from, t.zone).map(EpochNanos::of).orElse(EpochNanos.NONE);
        if (first != EpochNanos.NONE) {
            plan(t, first);
        }
    }

    private void plan(RegisteredTask t, long time) {
        synchronized (t) {
            // One chain of fires per task: a new plan moves the one fire entry (a resume racing a fixed-delay
            // completion must not start a second chain), and a fire a worker took meanwhile is dropped as stale.
            if (t.pastEnd(time) || isStopping() || t.removed) {
                cancelPending(t);
                return;
            }
            fireQueue.schedule(t, time);
        }
    }

    private void cancelPending(RegisteredTask t) {
        synchronized (t) {
            fireQueue.cancel(t);
        }
    }

    /**
     * The wall clock stepped (see {@link TimerQueue#onClockStep}). Fires of calendar triggers (cron, once) keep
     * their wall-clock time. A fire of an interval or fixed-delay trigger is never due further ahead than its
     * period or delay (or initial delay) unless the clock stepped back: it is brought forward to that distance from
     * now, so that the task does not stall for the size of the step. Doing it twice changes nothing, so a fire
     * planned while the step was being noticed cannot be moved twice. After a forward step nothing needs to move:
     * what became due runs at once, as after any stall.
     */
    private void clockStepped() {
        if (!isRunning()) {
            return;
        }
        for (RegisteredTask t : tasks.values()) {
            Duration longest = longestWait(t.task.trigger());
            if (longest == null || (t.task.startAt() != null && t.task.startAt().isAfter(clock.instant()))) {
                continue;
            }
            synchronized (t) {
                long latest = EpochNanos.plus(nowNanos(), longest.toNanos());
                if (fireQueue.dueOf(t) > latest) {
                    // In cluster mode a fixed rate must stay on the grid the other instances plan.
                    plan(
                            t,
                            grid != null && t.task.trigger() instanceof IntervalTrigger i
                                    ? grid.atOrAfter(nowNanos(), i.period().toNanos())
                                    : latest);
                }
            }
        }
    }

    /** How far ahead a fire of {@code trigger} is planned at most, or {@code null} for wall-clock triggers. */
    private static Duration longestWait(Trigger trigger) {
        if (trigger instanceof IntervalTrigger i) {
            return i.period().compareTo(i.initialDelay()) >= 0 ? i.period() : i.initialDelay();
        }
        if (trigger instanceof FixedDelayTrigger f) {
            return f.delay().compareTo(f.initialDelay()) >= 0 ? f.delay() : f.initialDelay();
        }
        return null;
    }

    /**
     * A task's fire planned at {@code planned} came due, taken from the queue at {@code generation}: unless it was
     * cancelled or re-planned since, plan the next fire (unless the take did), then run this one.
     */
    void fire(RegisteredTask t, long generation, long planned) {
        // What the take that handed over this fire jumped over (fixed rate), whatever becomes of the fire.
        long missed = t.takeMissed();
        if (missed != 0) {
            t.reporter.missed(missed);
        }
        long now;
        synchronized (t) {
            if (t.generation() != generation) {
                return;
            }
            // Counted before the stopping check: a shutdown that begins after the check sees this fire in
            // flight and waits for it, so no run starts after close() has returned.
            runs.started();
            if (t.removed || t.paused || pausedAll || isStopping()) {
                runs.ended();
                return;
            }
            now = nowNanos();
            Trigger trigger = t.task.trigger();
            if (!t.plansAtTake() && !trigger.fromCompletion()) {
                long next = trigger.nextEpochNanos(planned, now, t.zone);
                if (next != EpochNanos.NONE) {
                    plan(t, next);
                }
            }
        }
        if (t.task.trigger() instanceof CronTrigger && now - planned >= MissedFires.CRON_SPACING_NANOS) {
            t.reporter.missed(MissedFires.jumpedOver(t.task.trigger(), planned, now, t.zone));
        }
        if (!t.inWindow(planned)) {
            runs.ended();
            return;
        }
        try {
            // On a pool thread the run starts here, at the clock reading that planned the next fire.
            dispatch(t, planned, null, pool != null ? now : EpochNanos.NONE);
        } catch (RejectedExecutionException e) {
            LOG.error("Worker executor rejected a run of task '{}'", t.name(), e);
        }
    }

    /**
     * Runs the task once now on a worker, outside its plan: its planned fires stay as they are. The run takes one
     * of its {@code maxInstances} slots like a planned fire, and is reported skipped when none is free.
     */
    void triggerNow(String name) {
        RegisteredTask t = require(name);
        runs.started();
        if (state != State.RUNNING) {
            runs.ended();
            throw new IllegalStateException("the scheduler is not running; cannot trigger task '" + name + "'");
        }
        try {
            dispatch(t, nowNanos(), null, EpochNanos.NONE);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the worker executor rejected a run of task '" + name + "'", e);
        }
    }

    /** Runs here the fire planned at {@code planned} that another instance abandoned; false when it does not run. */
    boolean runAbandoned(RegisteredTask t, long planned, FireClaim claim) {
        runs.started();
        if (isStopping()) {
            runs.ended();
            return false;
        }
        try {
            return dispatch(t, planned, claim, EpochNanos.NONE);
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Runs {@code t}'s fire planned at {@code planned}, which the caller counted in flight, in one of its
     * {@code maxInstances} slots: on this pool thread from {@code startHere}, or (given {@link EpochNanos#NONE}) on
     * a worker. Returns false when no slot is free: the fire is reported skipped, but an abandoned one
     * ({@code claim} given), which is the coordinator's to end. Throws the worker executor's refusal once it has
     * given back the slot and the count.
     */
    private boolean dispatch(RegisteredTask t, long planned, FireClaim claim, long startHere) {
        if (!takeSlot(t, planned)) {
            try {
                if (claim == null) {
                    t.reporter.skipped(planned);
                    if (interceptors != null) {
                        interceptors.skipped(t.name(), planned);
                    }
                }
            } finally {
                runs.ended();
            }
            return false;
        }
        TaskRun run = t.newRun(planned).claimedAs(claim);
        if (startHere != EpochNanos.NONE) {
            run.begin(startHere);
            return true;
        }
        runs.handedOff();
        try {
            workers.execute(run);
            return true;
        } catch (RejectedExecutionException e) {
            runs.handOffEnded();
            t.releaseSlot();
            t.recycle(run);
            runs.ended();
            throw e;
        }
    }

    /**
     * Takes one of the task's {@code maxInstances} slots for a run planned at {@code planned}. When all are taken
     * and fires run on the pool, the timer's jobs due by then (timeouts that free slots) are run first, so that a
     * timeout and a fire due at the same instant end up as when one thread ran both: the timeout first.
     */
    private boolean takeSlot(RegisteredTask t, long planned) {
        if (t.tryTakeSlot()) {
            return true;
        }
        if (pool == null) {
            return false;
        }
        // Whether this thread ran the timeout or waited for the timer thread that did, the slot may be free now.
        timer.runDueBy(planned);
        return t.tryTakeSlot();
    }

    /** A fire taken to run that does not run here after all (cluster mode). */
    void notRun(TaskRun run) {
        run.task().releaseSlot();
        finished(run.task());
        run.task().recycle(run);
    }

    /** Timer job: a retry's backoff has passed. */
    void dispatchAttempt(TaskRun run, int attempt) {
        try {
            workers.execute(() -> run.retry(attempt));
        } catch (RejectedExecutionException e) {
            LOG.error("Worker executor rejected a retry of task '{}'; the run ends failed", run.taskName(), e);
            if (interceptors != null) {
                interceptors.abandoned(run.taskName(), run.runId(), e);
            }
            run.retryRejected(e);
        }
    }

    /** A run's final outcome was reported: plan a fixed-delay successor, and count the run as ended. */
    void finished(RegisteredTask t) {
        try {
            if (t.task.trigger().fromCompletion() && !t.removed && !t.paused && !pausedAll && !isStopping()) {
                long now = nowNanos();
                long next = t.task.trigger().nextEpochNanos(now, now, t.zone);
                if (next != EpochNanos.NONE) {
                    plan(t, next);
                }
            }
        } finally {
            runs.ended();
        }
    }
}
