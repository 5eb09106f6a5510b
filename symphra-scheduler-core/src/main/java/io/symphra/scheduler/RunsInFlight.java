package io.symphra.scheduler;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The engine's fires in flight: counted from when a fire is taken until its run ended, so that a shutdown can wait
 * for them, and found, so that it can interrupt the runs that outlive its timeout. Runs on the scheduler's own
 * threads are found through {@link TimerQueue#forEachBusy}, which costs a fire nothing; the others (on a worker
 * executor's threads, or waiting for a {@code CompletionStage}) are tracked here.
 */
final class RunsInFlight {

    private final TimerQueue[] queues;
    private final Set<TaskRun> tracked = ConcurrentHashMap.newKeySet();
    /** Only taken to wake a shutdown waiting for the count to drop. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = lock.newCondition();
    private final AtomicInteger count = new AtomicInteger();
    /** Runs handed to the worker executor whose first attempt has not begun: fires waiting for a worker. */
    private final AtomicInteger handedOff = new AtomicInteger();
    /**
     * Runs a shutdown does not wait for: 1 when it was called from a task's action, whose run can only end after
     * the shutdown returns, else 0.
     */
    private volatile int ofTheCaller;

    private volatile boolean awaited;

    /** @param queues the queues whose threads run tasks or their timeouts */
    RunsInFlight(TimerQueue... queues) {
        this.queues = queues;
    }

    /** A fire was taken: counted before the caller checks that the scheduler runs, so that a shutdown waits for it. */
    void started() {
        count.incrementAndGet();
    }

    void ended() {
        if (count.decrementAndGet() <= ofTheCaller && awaited) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    void handedOff() {
        handedOff.incrementAndGet();
    }

    /** A run handed to the worker executor began, or the executor refused it. */
    void handOffEnded() {
        handedOff.decrementAndGet();
    }

    /** Runs handed to the worker executor that have not begun. */
    int waitingForAWorker() {
        return handedOff.get();
    }

    void track(TaskRun run) {
        tracked.add(run);
    }

    void untrack(TaskRun run) {
        tracked.remove(run);
    }

    /** Calls {@code action} with every run whose action is executing or whose stage is pending. */
    void forEach(Consumer<TaskRun> action) {
        Consumer<Object> onThread = work -> {
            if (work instanceof TaskRun run) {
                action.accept(run);
            }
        };
        for (TimerQueue q : queues) {
            q.forEachBusy(onThread);
        }
        tracked.forEach(action);
    }

    /**
     * Waits up to {@code timeout} for the runs in flight but the caller's own, interrupts what is left, and waits a
     * short bounded grace for them. Returns how many were still in flight then.
     */
    int awaitAtShutdown(Duration timeout) {
        TaskRun caller = ofCurrentThread();
        ofTheCaller = caller != null ? 1 : 0;
        awaited = true;
        if (!await(System.nanoTime() + timeout.toNanos())) {
            TaskEngine.LOG.warn(
                    "Shutdown timeout {} reached with {} run(s) in flight; interrupting them", timeout, others());
            forEach(run -> {
                if (run != caller) {
                    run.interrupt();
                }
            });
            await(System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1)));
        }
        return others();
    }

    private TaskRun ofCurrentThread() {
        TaskRun[] found = {null};
        forEach(run -> {
            if (run.isRunningOnCurrentThread()) {
                found[0] = run;
            }
        });
        return found[0];
    }

    private boolean await(long deadlineNanos) {
        lock.lock();
        try {
            while (others() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return others() == 0;
        } finally {
            lock.unlock();
        }
    }

    private int others() {
        return count.get() - ofTheCaller;
    }
}
