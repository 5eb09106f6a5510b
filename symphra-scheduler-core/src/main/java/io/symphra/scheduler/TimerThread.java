package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads that sleep until the earliest due job, run it, and sleep again. They never poll; adding an earlier job
 * or advancing a manual clock wakes them.
 *
 * <p>With one thread this is the scheduler's timer: its jobs must be quick (hand real work to the worker
 * executor), so it takes due jobs in batches. With several threads it is the scheduler's own worker pool, as in
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}: each thread takes one due job at a time and runs it,
 * however long it takes, so fires go from the delay queue to the thread that runs them without a hand-off. The
 * threads wait leader/follower style: only one of them sleeps with a deadline (the head's), the others until
 * they are signalled.
 */
final class TimerThread implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(TimerThread.class);

    /**
     * A job due at an instant; cancelling it leaves it in the queue, to be dropped when it comes due.
     *
     * <p>A subclass may override {@link #run(long)} (and pass a {@code null} action) and queue the same object
     * again and again with {@link #schedule(Job, long)}: each queuing has its own sequence number, which the job
     * gets back when it runs, so a reused job can tell a current queuing from a stale one.
     */
    static class Job {
        private final Instant due;
        /** {@code due} as nanoseconds since the epoch: the heap compares longs, not two Instants per step. */
        private final long dueNanos;
        private final Runnable action;
        private volatile boolean cancelled;

        Job(Instant due, Runnable action) {
            this(due, epochNanos(due), action);
        }

        /** A reusable job: see {@link #schedule(Job, long)}. */
        Job() {
            this(null, Long.MIN_VALUE, null);
        }

        private Job(Instant due, long dueNanos, Runnable action) {
            this.due = due;
            this.dueNanos = dueNanos;
            this.action = action;
        }

        /** What the job does when it comes due; {@code sequence} identifies the queuing that came due. */
        void run(long sequence) {
            action.run();
        }

        void cancel() {
            cancelled = true;
        }

        Instant due() {
            return due;
        }
    }

    /**
     * One of the threads. It remembers what it is busy with, so that a shutdown can interrupt runs on it without
     * the runs having to register anywhere else.
     */
    static final class Worker extends Thread {
        private volatile Object busyWith;

        private Worker(Runnable loop, String name) {
            super(loop, name);
        }

        /** The current thread as one of these, or {@code null} if it is another thread. */
        static Worker current() {
            return Thread.currentThread() instanceof Worker w ? w : null;
        }

        void busyWith(Object work) {
            busyWith = work;
        }

        Object busyWith() {
            return busyWith;
        }
    }

    /** Most jobs the timer takes per clock read and lock hold: bounds how long one batch can delay a new job. */
    private static final int TIMER_BATCH = 256;

    /** Nanoseconds since the epoch, saturating: instants past the year 2262 sort last, as they should. */
    static long epochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    private final Clock clock;
    private final DeadlineHeap<Job> queue = new DeadlineHeap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Worker[] threads;
    private final int batchSize;
    private long sequence;
    /** The thread sleeping until the head comes due; the others sleep until signalled. Guarded by the lock. */
    private Thread leader;
    private volatile boolean stopped;
    /** The latest clock reading, as epoch nanoseconds. Guarded by the lock. */
    private long lastNow = Long.MIN_VALUE;

    /** The scheduler's timer: one thread named {@code name}, quick jobs taken in batches. */
    TimerThread(Clock clock, String name) {
        this(clock, new String[] {name}, TIMER_BATCH);
    }

    private TimerThread(Clock clock, String[] names, int batchSize) {
        this.clock = clock;
        this.batchSize = batchSize;
        this.threads = new Worker[names.length];
        for (int i = 0; i < names.length; i++) {
            threads[i] = new Worker(this::loop, names[i]);
            threads[i].setDaemon(true);
        }
    }

    /** A worker pool: {@code size} threads named {@code prefix1, prefix2, ...} that each run one job at a time. */
    static TimerThread pool(Clock clock, String prefix, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, got " + size);
        }
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = prefix + (i + 1);
        }
        return new TimerThread(clock, names, 1);
    }

    void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Queues {@code action} to run at {@code due} (at once if that has passed). */
    Job schedule(Instant due, Runnable action) {
        return schedule(new Job(due, action));
    }

    /** Queues {@code job} to run when it is due. */
    Job schedule(Job job) {
        schedule(job, job.dueNanos);
        return job;
    }

    /**
     * Queues {@code job} to run at {@code dueNanos} (epoch nanoseconds) and returns the sequence number it will
     * run with. The same job may be queued any number of times.
     */
    long schedule(Job job, long dueNanos) {
        lock.lock();
        try {
            long seq = ++sequence;
            queue.add(job, dueNanos, seq);
            if (queue.first() == job && queue.firstSequence() == seq) {
                // The new head may be due before the leader's deadline: let a thread look again.
                leader = null;
                changed.signal();
            }
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code command} on one of the threads as soon as one is free, before jobs that are merely due. */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (stopped) {
            throw new RejectedExecutionException("the scheduler's threads are stopped");
        }
        schedule(new Job(null, Long.MIN_VALUE, command));
    }

    /** Makes the threads look at the clock again, as after a manual clock moved. */
    void wake() {
        lock.lock();
        try {
            leader = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the threads; queued jobs are dropped. Waits a bounded time for the threads to end. */
    void stop(Duration wait) {
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) {
            if (Thread.currentThread() == t) {
                continue;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Calls {@code action} with what each thread is busy with, skipping idle ones. */
    void forEachBusy(java.util.function.Consumer<Object> action) {
        for (Worker w : threads) {
            Object work = w.busyWith();
            if (work != null) {
                action.accept(work);
            }
        }
    }

    /** Stops the threads, interrupts those still running a job, and does not wait for them. */
    void stopNow() {
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            if (Thread.currentThread() != t) {
                t.interrupt();
            }
        }
    }

    private void loop() {
        Job[] batch = new Job[batchSize];
        long[] sequences = new long[batchSize];
        while (true) {
            int taken;
            lock.lock();
            try {
                taken = takeDueJobs(batch, sequences);
                if (taken < 0) {
                    return;
                }
            } catch (InterruptedException e) {
                // A stale interrupt (a run that was interrupted as it ended) must not kill a pool thread.
                if (stopped) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < taken; i++) {
                Job job = batch[i];
                batch[i] = null;
                if (job.cancelled) {
                    continue;
                }
                try {
                    job.run(sequences[i]);
                } catch (Throwable t) {
                    LOG.error("Scheduler timer job failed; the timer goes on", t);
                }
            }
        }
    }

    /**
     * Waits, holding the lock, until at least one job is due, then moves the due ones (up to the batch size) into
     * {@code batch} and their sequence numbers into {@code sequences}, reading the clock at most once. Returns how
     * many it took, or -1 once stopped.
     */
    private int takeDueJobs(Job[] batch, long[] sequences) throws InterruptedException {
        int taken = 0;
        while (!stopped) {
            if (queue.isEmpty()) {
                changed.await();
                continue;
            }
            // A job due no later than the last clock reading is due now: a saturated pool skips the clock read.
            long headDue = queue.firstDeadline();
            long now = headDue <= lastNow ? lastNow : (lastNow = epochNanos(clock.instant()));
            while (headDue <= now && taken < batchSize) {
                long seq = queue.firstSequence();
                Job head = queue.poll();
                if (!head.cancelled) {
                    batch[taken] = head;
                    sequences[taken++] = seq;
                }
                if (queue.isEmpty()) {
                    break;
                }
                headDue = queue.firstDeadline();
            }
            if (taken > 0) {
                if (!queue.isEmpty() && leader == null) {
                    changed.signal();
                }
                return taken;
            }
            if (queue.isEmpty()) {
                continue;
            }
            if (leader != null) {
                changed.await();
                continue;
            }
            Thread me = Thread.currentThread();
            leader = me;
            try {
                changed.awaitNanos(Math.min(headDue - now, TimeUnit.DAYS.toNanos(1)));
            } finally {
                if (leader == me) {
                    leader = null;
                }
            }
        }
        return -1;
    }
}
