package io.symphra.scheduler;

import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.trigger.IntervalTrigger;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A task inside the scheduler: its definition, the state that changes as it runs, and its one fire entry, queued
 * again for every fire so that a fire allocates no entry and the queue holds long-lived objects. The fields a fire
 * reads sit here together, so that a fire of one of many tasks touches few objects.
 */
final class RegisteredTask extends TimerQueue.Entry {

    private static final AtomicIntegerFieldUpdater<RegisteredTask> RUNNING =
            AtomicIntegerFieldUpdater.newUpdater(RegisteredTask.class, "running");
    private static final AtomicLongFieldUpdater<RegisteredTask> MISSED =
            AtomicLongFieldUpdater.newUpdater(RegisteredTask.class, "missedAtTake");
    private static final TaskRun[] NO_RUNS = new TaskRun[0];

    final Task task;
    final ZoneId zone;
    final TaskReporter reporter;
    private final TaskEngine engine;
    private final long startNanos;
    private final long endNanos;
    /**
     * A fixed rate's period, or 0 for other triggers. A take plans a fixed rate's next fire (see
     * {@link #nextDueAtTake}): only its next time is quick enough to work out under the queue's lock, and from this
     * field, without loading the task, its trigger and its period. Cron and the others are planned by the fire,
     * fixed delays when the run ends.
     */
    private final long periodNanos;
    /** Whether runs can time out or retry, worked out once from the task for every snapshot to read. */
    final RunPolicy runPolicy;

    /** Runs dispatched and not yet ended; guards {@link Task#maxInstances()}. */
    private volatile int running;

    volatile boolean paused;
    volatile boolean removed;
    /**
     * Every run object this task ever made (as many as its runs that overlapped at most), so that a snapshot finds
     * its runs in progress without a fire registering anywhere; replaced, never changed, when one is added.
     */
    private volatile TaskRun[] runs = NO_RUNS;
    /**
     * Fixed-rate fire times that takes jumped over since the last fire read them (see {@link #nextDueAtTake}):
     * written under the queue's lock, where the jump is worked out, and reported by the fire, outside it.
     */
    private volatile long missedAtTake;

    RegisteredTask(TaskEngine engine, Task task, ZoneId zone, TaskReporter reporter) {
        super(null);
        this.engine = engine;
        this.task = task;
        this.zone = zone;
        this.reporter = reporter;
        this.startNanos = task.startAt() != null ? EpochNanos.of(task.startAt()) : Long.MIN_VALUE;
        this.endNanos = task.endAt() != null ? EpochNanos.of(task.endAt()) : Long.MAX_VALUE;
        this.periodNanos =
                task.trigger() instanceof IntervalTrigger i ? i.period().toNanos() : 0;
        this.runPolicy = new RunPolicy(task.timeout() != null, task.retry().maxAttempts() > 1);
    }

    @Override
    void run(long generation, long dueNanos) {
        engine.fire(this, generation, dueNanos);
    }

    @Override
    long nextDueAtTake(long dueNanos, long nowNanos) {
        if (periodNanos == 0 || removed || paused) {
            return TimerQueue.NO_REPEAT;
        }
        long next = EpochNanos.nextOnGrid(dueNanos, nowNanos, periodNanos);
        // The grid points after the one due and not after now (nor after the end) are never run: no catch-up.
        long lastPassed = Math.min(nowNanos, endNanos);
        if (lastPassed - dueNanos >= periodNanos) {
            MISSED.getAndAdd(this, (lastPassed - dueNanos) / periodNanos);
        }
        return pastEnd(next) ? TimerQueue.NO_REPEAT : next;
    }

    /** The fire times takes jumped over since the last call, and zero from now on. */
    long takeMissed() {
        return missedAtTake == 0 ? 0 : MISSED.getAndSet(this, 0);
    }

    /** When the oldest of this task's runs in progress started, in epoch nanoseconds, or {@link EpochNanos#NONE}. */
    long oldestRunStart() {
        long oldest = EpochNanos.NONE;
        for (TaskRun run : runs) {
            long since = run.inProgressSince();
            if (since != EpochNanos.NONE && (oldest == EpochNanos.NONE || since < oldest)) {
                oldest = since;
            }
        }
        return oldest;
    }

    /** Whether a take plans the next fire; see {@link #periodNanos}. */
    boolean plansAtTake() {
        return periodNanos != 0;
    }

    String name() {
        return task.name();
    }

    /** True when {@code epochNanos} lies inside the task's start/end window. */
    boolean inWindow(long epochNanos) {
        return epochNanos >= startNanos && epochNanos <= endNanos;
    }

    boolean pastEnd(long epochNanos) {
        return epochNanos > endNanos;
    }

    /** Takes one of the task's {@code maxInstances} slots, if one is free. */
    boolean tryTakeSlot() {
        if (RUNNING.incrementAndGet(this) <= task.maxInstances()) {
            return true;
        }
        RUNNING.decrementAndGet(this);
        return false;
    }

    /** Whether a run could take a slot now (it may be gone by the time one tries). */
    boolean hasFreeSlot() {
        return RUNNING.get(this) < task.maxInstances();
    }

    void releaseSlot() {
        RUNNING.decrementAndGet(this);
    }

    /**
     * A run of the fire planned at {@code plannedNanos}: one whose run ended if there is one, else a new one. Reuse
     * is marked by a flag, not by a reference to the spare run, so that a fire stores no reference in this
     * long-lived object (see {@link TimerQueue}'s heap for why).
     */
    synchronized TaskRun newRun(long plannedNanos) {
        for (TaskRun run : runs) {
            if (run.reusable) {
                run.reusable = false;
                return run.reset(plannedNanos);
            }
        }
        TaskRun run = new TaskRun(engine, this);
        TaskRun[] known = runs;
        TaskRun[] more = java.util.Arrays.copyOf(known, known.length + 1);
        more[known.length] = run;
        runs = more;
        return run.reset(plannedNanos);
    }

    /** {@code run} ended and nothing refers to it any more: the next fire may reuse it. */
    synchronized void recycle(TaskRun run) {
        run.reusable = true;
    }
}
