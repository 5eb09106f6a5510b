package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fires tasks: keeps the registry, plans fire times on the timer, hands runs to the worker executor, enforces
 * {@code maxInstances}, and shuts down gracefully.
 */
final class TaskEngine {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final Clock clock;
    private final ZoneId defaultZone;
    private final Executor workers;
    private final Listeners listeners;
    private final TimerThread timer;
    private final ConcurrentSkipListMap<String, RegisteredTask> tasks = new ConcurrentSkipListMap<>();
    private final Set<TaskRun.Attempt> activeAttempts = ConcurrentHashMap.newKeySet();

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition runsChanged = stateLock.newCondition();
    private volatile State state = State.NEW;
    private volatile boolean pausedAll;
    /** Runs dispatched and not yet ended; the lock is only taken to wake a shutdown waiting for zero. */
    private final java.util.concurrent.atomic.AtomicInteger inFlightRuns = new java.util.concurrent.atomic.AtomicInteger();

    TaskEngine(Clock clock, ZoneId defaultZone, Executor workers, Listeners listeners) {
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.workers = workers;
        this.listeners = listeners;
        this.timer = new TimerThread(clock, "symphra-timer");
    }

    Clock clock() {
        return clock;
    }

    Listeners listeners() {
        return listeners;
    }

    TimerThread timer() {
        return timer;
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
        RegisteredTask registered = new RegisteredTask(task, task.zone() != null ? task.zone() : defaultZone);
        if (isStopping()) {
            throw new IllegalStateException("the scheduler is shut down; cannot register task '" + task.name() + "'");
        }
        if (tasks.putIfAbsent(task.name(), registered) != null) {
            throw new IllegalArgumentException("a task named '" + task.name() + "' is already registered");
        }
        listeners.onRegistered(task.name());
        if (state == State.RUNNING) {
            planFirst(registered);
        }
    }

    boolean unregister(String name) {
        RegisteredTask removed = tasks.remove(name);
        if (removed == null) {
            return false;
        }
        removed.removed = true;
        cancelPending(removed);
        listeners.onUnregistered(name);
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

    Optional<Instant> nextFireTime(String name) {
        RegisteredTask t = require(name);
        return t.paused || pausedAll ? Optional.empty() : Optional.ofNullable(t.nextFireTime);
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

    private RegisteredTask require(String name) {
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
            state = State.RUNNING;
        } finally {
            stateLock.unlock();
        }
        timer.start();
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
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitRuns(deadline)) {
            LOG.warn("Shutdown timeout {} reached with {} run(s) in flight; interrupting them", timeout, inFlight());
            activeAttempts.forEach(TaskRun.Attempt::interrupt);
            awaitRuns(System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1)));
        }
        int left = inFlight();
        timer.stop(Duration.ofSeconds(1));
        state = State.STOPPED;
        if (left > 0) {
            LOG.warn("{} run(s) ignored interruption and were abandoned at shutdown", left);
        }
        return left;
    }

    private boolean awaitRuns(long deadlineNanos) {
        stateLock.lock();
        try {
            while (inFlightRuns.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                runsChanged.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlightRuns.get() == 0;
        } finally {
            stateLock.unlock();
        }
    }

    private int inFlight() {
        return inFlightRuns.get();
    }

    // ---- firing ----

    private void planFirst(RegisteredTask t) {
        if (t.removed || t.paused || pausedAll || !t.task.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Instant from = t.task.startAt() != null && t.task.startAt().isAfter(now) ? t.task.startAt() : now;
        Optional<Instant> first = t.task.trigger().first(from, t.zone);
        first.ifPresentOrElse(time -> plan(t, time), () -> t.nextFireTime = null);
    }

    private void plan(RegisteredTask t, Instant time) {
        synchronized (t) {
            // One chain of fires per task: a resume racing a fixed-delay completion must not start a second one.
            TimerThread.Job previous = t.pendingFire;
            if (previous != null) {
                previous.cancel();
            }
            if (t.pastEnd(time) || isStopping() || t.removed) {
                t.pendingFire = null;
                t.nextFireTime = null;
                return;
            }
            t.nextFireTime = time;
            t.pendingFire = timer.schedule(time, () -> fire(t, time));
        }
    }

    private void cancelPending(RegisteredTask t) {
        synchronized (t) {
            TimerThread.Job job = t.pendingFire;
            if (job != null) {
                job.cancel();
                t.pendingFire = null;
            }
            t.nextFireTime = null;
        }
    }

    /** Timer job: a fire came due. */
    private void fire(RegisteredTask t, Instant planned) {
        if (t.removed || t.paused || pausedAll || isStopping()) {
            return;
        }
        Instant now = clock.instant();
        if (!t.task.trigger().fromCompletion()) {
            t.task.trigger().next(planned, now, t.zone).ifPresentOrElse(next -> plan(t, next),
                    () -> t.nextFireTime = null);
        }
        if (!t.inWindow(planned)) {
            return;
        }
        if (t.running.incrementAndGet() > t.task.maxInstances()) {
            t.running.decrementAndGet();
            listeners.onSkipped(new ExecutionEvent(t.name(), planned, null, 0, 1));
            return;
        }
        TaskRun run = new TaskRun(this, t, planned);
        runStarted();
        try {
            workers.execute(run::begin);
        } catch (RejectedExecutionException e) {
            t.running.decrementAndGet();
            runEnded();
            LOG.error("Worker executor rejected a run of task '{}'", t.name(), e);
        }
    }

    /** Timer job: a retry's backoff has passed. */
    void dispatchAttempt(TaskRun run, int attempt) {
        try {
            workers.execute(() -> run.attempt(attempt));
        } catch (RejectedExecutionException e) {
            LOG.error("Worker executor rejected a retry of task '{}'", run.taskName(), e);
        }
    }

    /** A run reached its final outcome: release its slot, tell the listeners, plan a fixed-delay successor. */
    void finished(TaskRun run, RegisteredTask t, Runnable notify) {
        t.running.decrementAndGet();
        try {
            notify.run();
        } finally {
            if (t.task.trigger().fromCompletion() && !t.removed && !t.paused && !pausedAll && !isStopping()) {
                Instant now = clock.instant();
                t.task.trigger().next(now, now, t.zone).ifPresent(next -> plan(t, next));
            }
            runEnded();
        }
    }

    void track(TaskRun.Attempt attempt) {
        activeAttempts.add(attempt);
    }

    void untrack(TaskRun.Attempt attempt) {
        activeAttempts.remove(attempt);
    }

    private void runStarted() {
        inFlightRuns.incrementAndGet();
    }

    private void runEnded() {
        if (inFlightRuns.decrementAndGet() == 0 && isStopping()) {
            stateLock.lock();
            try {
                runsChanged.signalAll();
            } finally {
                stateLock.unlock();
            }
        }
    }
}
