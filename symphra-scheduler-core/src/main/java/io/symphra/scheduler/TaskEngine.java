package io.symphra.scheduler;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.scheduler.cluster.CoordinationContext;
import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.cluster.FireCoordinator;
import io.symphra.scheduler.cluster.WhenCoordinatorUnavailable;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.internal.LiveSignals;
import io.symphra.scheduler.internal.SchedulerVersion;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires tasks: keeps the registry, plans fire times, runs them, enforces {@code maxInstances}, and shuts down
 * gracefully.
 *
 * <p>Fires are planned on one of two delay queues. With a worker executor of its own (the default), the
 * scheduler's worker threads take due fires from their queue and run them at once, as the JDK's
 * {@code ScheduledThreadPoolExecutor} does: no thread stands between the queue and the run. With a worker
 * executor given by the user, the timer thread takes due fires and hands each run to that executor. Either way,
 * timeouts and retry waits are jobs of the timer thread, so that they fire even when every worker is busy.
 */
final class TaskEngine {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

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
    /** The user's listeners, or {@code null} when there is none. */
    private final Listeners listeners;
    /** Cluster mode's coordinator, or {@code null} when every fire runs here. */
    private final FireCoordinator coordinator;
    /** In cluster mode, how first fires are planned so that every instance plans the same ones; else {@code null}. */
    private final ClusterGrid grid;
    /** The run interceptors, or {@code null} when there is none. */
    private final Interceptors interceptors;

    private final String instance;
    private final ThrottledLog coordinatorFailures = ThrottledLog.every(LOG, TaskFailureLog.INTERVAL);

    private final TimerQueue timer;
    /** The scheduler's own worker threads, or {@code null} when runs go to a worker executor. */
    private final TimerQueue pool;
    /** Where fires are planned: the pool's queue, or the timer's. */
    private final TimerQueue fireQueue;

    /**
     * What the failure logs are throttled by: {@link System#nanoTime()}, or a {@link ManualClock}'s time, so that
     * a test moves it with the clock.
     */
    private final LongSupplier failureLogTime;

    private final ConcurrentSkipListMap<String, RegisteredTask> tasks = new ConcurrentSkipListMap<>();
    /**
     * Runs that a shutdown could not find on the scheduler's own threads: those on a worker executor's threads and
     * those waiting for a {@code CompletionStage}. Runs on the scheduler's threads are found through
     * {@link TimerQueue#forEachBusy}, which costs the hot path no allocation.
     */
    private final Set<TaskRun> trackedRuns = ConcurrentHashMap.newKeySet();

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition runsChanged = stateLock.newCondition();
    private volatile State state = State.NEW;
    private volatile boolean pausedAll;
    /**
     * Fires being handled (planned, skipped or run) and runs not yet ended; the lock is only taken to wake a
     * shutdown waiting for zero.
     */
    private final AtomicInteger inFlightRuns = new AtomicInteger();
    /** Runs handed to the worker executor whose first attempt has not begun: fires waiting for a worker. */
    private final AtomicInteger handedOff = new AtomicInteger();

    private final LiveSignals signals = new Signals();
    /**
     * Runs a shutdown does not wait for: 1 when {@code close()} was called from a task's action, whose run can
     * only end after the shutdown returns, else 0. Written before the shutdown waits, read by {@link #runEnded}.
     */
    private volatile int runsOfTheCaller;

    /**
     * @param workers     the executor that runs tasks, or {@code null} for a pool of {@code poolThreads} threads
     *                    of the scheduler's own
     * @param poolThreads the size of that pool (ignored when {@code workers} is given)
     * @param metrics     where runs are recorded, or {@code null} when metrics are off
     * @param listeners   the user's listeners, or {@code null} when there is none
     * @param coordinator cluster mode's coordinator, or {@code null}
     * @param instance    this instance's name, given to the coordinator
     * @param gridAnchor  in cluster mode, the instant every fixed rate's grid goes through
     * @param interceptors the run interceptors, or {@code null} when there is none
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
        this.coordinator = coordinator;
        this.grid = coordinator != null ? new ClusterGrid(gridAnchor) : null;
        this.interceptors = interceptors;
        this.instance = instance;
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
        List<Task> list = new ArrayList<>(tasks.size());
        tasks.values().forEach(t -> list.add(t.task));
        return List.copyOf(list);
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

    // ---- lifecycle ----

    void start() {
        stateLock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("the scheduler was already started");
            }
            // Before anything fires: a coordinator that cannot start (bad settings, no database) fails the start.
            if (coordinator != null) {
                coordinator.start(new Context());
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
            if (state == State.STOPPING || state == State.STOPPED) {
                return 0;
            }
            state = State.STOPPING;
        } finally {
            stateLock.unlock();
        }
        tasks.values().forEach(this::cancelPending);
        TaskRun caller = runOfCurrentThread();
        runsOfTheCaller = caller != null ? 1 : 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitRuns(deadline)) {
            LOG.warn(
                    "Shutdown timeout {} reached with {} run(s) in flight; interrupting them",
                    timeout,
                    othersInFlight());
            interruptRuns(caller);
            awaitRuns(System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1)));
        }
        int left = othersInFlight();
        timer.stop(Duration.ofSeconds(1));
        if (pool != null) {
            // Like shutdownNow: threads still stuck in a run are interrupted again and abandoned.
            pool.stopNow();
        }
        state = State.STOPPED;
        if (coordinator != null) {
            try {
                coordinator.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the coordinator failed", e);
            }
        }
        if (left > 0) {
            LOG.warn("{} run(s) ignored interruption and were abandoned at shutdown", left);
        }
        if (interceptors != null) {
            interceptors.stopped(left);
        }
        return left;
    }

    /** The run whose action is running on the calling thread (a task that closes its scheduler), or null. */
    private TaskRun runOfCurrentThread() {
        TimerQueue.Worker worker = TimerQueue.Worker.current();
        if (worker != null && worker.busyWith instanceof TaskRun run && run.isRunningOnCurrentThread()) {
            return run;
        }
        for (TaskRun run : trackedRuns) {
            if (run.isRunningOnCurrentThread()) {
                return run;
            }
        }
        return null;
    }

    private boolean awaitRuns(long deadlineNanos) {
        stateLock.lock();
        try {
            while (othersInFlight() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                runsChanged.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return othersInFlight() == 0;
        } finally {
            stateLock.unlock();
        }
    }

    /** Interrupts every run in flight but {@code caller}'s, which is the thread doing the shutdown. */
    private void interruptRuns(TaskRun caller) {
        java.util.function.Consumer<Object> interrupt = run -> {
            if (run != caller) {
                ((TaskRun) run).interrupt();
            }
        };
        trackedRuns.forEach(interrupt);
        timer.forEachBusy(interrupt);
        if (pool != null) {
            pool.forEachBusy(interrupt);
        }
    }

    /** Runs in flight that the shutdown waits for: all but the caller's own. */
    private int othersInFlight() {
        return inFlightRuns.get() - runsOfTheCaller;
    }

    // ---- firing ----

    private void planFirst(RegisteredTask t) {
        if (t.removed || t.paused || pausedAll || !t.task.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Instant from = t.task.startAt() != null && t.task.startAt().isAfter(now) ? t.task.startAt() : now;
        if (grid != null) {
            long first = grid.first(t.task.trigger(), from, t.zone);
            if (first != EpochNanos.NONE) {
                plan(t, first);
            }
            return;
        }
        Optional<Instant> first = t.task.trigger().first(from, t.zone);
        first.ifPresent(time -> plan(t, EpochNanos.of(time)));
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
            return max(i.period(), i.initialDelay());
        }
        if (trigger instanceof FixedDelayTrigger f) {
            return max(f.delay(), f.initialDelay());
        }
        return null;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * A task's fire planned at {@code planned} came due, taken from the queue at {@code generation}: unless it was
     * cancelled or re-planned since, plan the next fire (unless the take did), then run this one here (own pool) or
     * hand it to the worker executor.
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
            runStarted();
            if (t.removed || t.paused || pausedAll || isStopping()) {
                runEnded();
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
            runEnded();
            return;
        }
        if (!takeSlot(t, planned)) {
            try {
                t.reporter.skipped(planned);
                if (interceptors != null) {
                    interceptors.skipped(t.name(), planned);
                }
            } finally {
                runEnded();
            }
            return;
        }
        TaskRun run = t.newRun(planned);
        if (pool != null) {
            // Already on a worker: run now; the clock reading that planned the next fire is the start time.
            run.begin(now);
            return;
        }
        handedOff.incrementAndGet();
        try {
            workers.execute(run);
        } catch (RejectedExecutionException e) {
            handedOff.decrementAndGet();
            t.releaseSlot();
            runEnded();
            LOG.error("Worker executor rejected a run of task '{}'", t.name(), e);
        }
    }

    /**
     * Runs the task once now on a worker, outside its plan: its planned fires stay as they are. The run takes one
     * of its {@code maxInstances} slots like a planned fire, and is reported skipped when none is free.
     */
    void triggerNow(String name) {
        RegisteredTask t = require(name);
        // Counted before the state check, as in fire(): a shutdown that begins after it waits for this run.
        runStarted();
        if (state != State.RUNNING) {
            runEnded();
            throw new IllegalStateException("the scheduler is not running; cannot trigger task '" + name + "'");
        }
        long now = nowNanos();
        if (!t.tryTakeSlot()) {
            try {
                t.reporter.skipped(now);
            } finally {
                runEnded();
            }
            return;
        }
        TaskRun run = t.newRun(now);
        try {
            workers.execute(run);
        } catch (RejectedExecutionException e) {
            t.releaseSlot();
            runEnded();
            throw new IllegalStateException("the worker executor rejected a run of task '" + name + "'", e);
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
        // Whether this thread ran the timeout or waited for the timer thread that did, the slot may be
        // free now: always look again.
        timer.runDueBy(planned);
        return t.tryTakeSlot();
    }

    boolean isCoordinated() {
        return coordinator != null;
    }

    /**
     * Asks the coordinator whether this instance runs {@code run}'s fire, on the thread that would run it. When it
     * does not (another instance claimed it, or the coordinator could not decide and the task chose to skip),
     * reports that, frees the run's slot and ends the fire, and returns false.
     */
    boolean claim(TaskRun run) {
        RegisteredTask t = run.task();
        FireClaim claim;
        long asked = System.nanoTime();
        try {
            claim = coordinator.claim(t.name(), run.plannedNanos());
        } catch (Exception | LinkageError e) {
            long latency = System.nanoTime() - asked;
            boolean here = t.task.whenCoordinatorUnavailable() == WhenCoordinatorUnavailable.RUN_HERE;
            coordinatorFailures.warn(
                    "The coordinator could not decide who runs task '" + t.name() + "'; "
                            + (here ? "running its fires here" : "skipping its fires") + " until it can",
                    e);
            t.reporter.coordinatorUnavailable(run.plannedNanos(), e, here, latency);
            if (here) {
                return true;
            }
            notRun(t, run);
            return false;
        }
        long latency = System.nanoTime() - asked;
        if (claim.owned()) {
            t.reporter.claimed(latency);
            run.claimedAs(claim);
            return true;
        }
        t.reporter.ranElsewhere(run.plannedNanos(), latency);
        notRun(t, run);
        return false;
    }

    /** A fire taken to run that does not run here after all. */
    private void notRun(RegisteredTask t, TaskRun run) {
        t.releaseSlot();
        finished(t);
        t.recycle(run);
    }

    /** An owned fire's run ended: tells the coordinator, which must not break the run's end by throwing. */
    void claimEnded(FireClaim claim, ExecutionOutcome outcome) {
        try {
            claim.ended(outcome);
        } catch (RuntimeException e) {
            coordinatorFailures.warn("The coordinator failed to record the end of a run", e);
        }
    }

    /** What the coordinator is given at start. */
    private final class Context implements CoordinationContext {
        @Override
        public String instance() {
            return instance;
        }

        @Override
        public boolean canTakeOver(String taskName) {
            if (isStopping()) {
                return false;
            }
            RegisteredTask t = tasks.get(taskName);
            return t == null || !t.task.recoverAbandoned() || t.hasFreeSlot();
        }

        @Override
        public void abandoned(String taskName, long plannedEpochNanos, String formerOwner, FireClaim claim) {
            RegisteredTask t = tasks.get(taskName);
            if (t == null) {
                claimEnded(claim, ExecutionOutcome.NONE);
                return;
            }
            t.reporter.abandoned(plannedEpochNanos, formerOwner);
            // Counted before the stopping check, as a fire is: a shutdown then waits for the run it may start.
            runStarted();
            if (isStopping() || !t.task.recoverAbandoned() || !t.tryTakeSlot()) {
                claimEnded(claim, ExecutionOutcome.NONE);
                runEnded();
                return;
            }
            TaskRun run = t.newRun(plannedEpochNanos).claimedAs(claim);
            handedOff.incrementAndGet();
            try {
                workers.execute(run);
            } catch (RejectedExecutionException e) {
                handedOff.decrementAndGet();
                t.releaseSlot();
                claimEnded(claim, ExecutionOutcome.NONE);
                runEnded();
            }
        }
    }

    /** A run handed to the worker executor began on a worker. */
    void handOffStarted() {
        handedOff.decrementAndGet();
    }

    /** What metrics snapshots read from this engine; see {@link LiveSignals}. */
    LiveSignals signals() {
        return signals;
    }

    /** Reads next fires, runs in progress and the workers' load when a snapshot is taken; O(tasks + threads). */
    private final class Signals implements LiveSignals {
        @Override
        public void readTasks(String[] sortedNames, long[] nextFire, long[] oldestStart) {
            RegisteredTask[] found = new RegisteredTask[sortedNames.length];
            // The registry and the names are both in name order: one walk, not a lookup per name.
            Iterator<Map.Entry<String, RegisteredTask>> registered =
                    tasks.entrySet().iterator();
            Map.Entry<String, RegisteredTask> entry = registered.hasNext() ? registered.next() : null;
            for (int i = 0; i < sortedNames.length; i++) {
                while (entry != null && entry.getKey().compareTo(sortedNames[i]) < 0) {
                    entry = registered.hasNext() ? registered.next() : null;
                }
                RegisteredTask t = entry != null && entry.getKey().equals(sortedNames[i]) ? entry.getValue() : null;
                found[i] = t;
                oldestStart[i] = t == null ? EpochNanos.NONE : t.oldestRunStart();
            }
            fireQueue.dueOf(found, nextFire);
        }

        @Override
        public SchedulerState scheduler() {
            int[] busy = {0};
            java.util.function.Consumer<Object> count = work -> {
                if (work instanceof TaskRun) {
                    busy[0]++;
                }
            };
            if (pool != null) {
                pool.forEachBusy(count);
            }
            for (TaskRun run : trackedRuns) {
                if (run.isExecuting()) {
                    busy[0]++;
                }
            }
            long waiting = fireQueue.dueFires() + Math.max(0, handedOff.get());
            return new SchedulerState(SchedulerVersion.get(), busy[0], waiting, isCoordinated());
        }
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
            runEnded();
        }
    }

    /** See {@link #trackedRuns}. */
    void track(TaskRun run) {
        trackedRuns.add(run);
    }

    void untrack(TaskRun run) {
        trackedRuns.remove(run);
    }

    private void runStarted() {
        inFlightRuns.incrementAndGet();
    }

    private void runEnded() {
        if (inFlightRuns.decrementAndGet() <= runsOfTheCaller && isStopping()) {
            stateLock.lock();
            try {
                runsChanged.signalAll();
            } finally {
                stateLock.unlock();
            }
        }
    }
}
