package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduler's one timer thread: it sleeps until the earliest due job, runs it, and sleeps again. It never
 * polls; adding an earlier job or advancing a manual clock wakes it. Jobs run on this thread and must be quick
 * (hand real work to the worker executor).
 */
final class TimerThread {

    private static final Logger LOG = LoggerFactory.getLogger(TimerThread.class);

    /** A job due at an instant; cancelling it leaves it in the queue, to be dropped when it comes due. */
    static final class Job implements Comparable<Job> {
        private final Instant due;
        /** {@code due} as nanoseconds since the epoch: the heap compares longs, not two Instants per step. */
        private final long dueNanos;
        private final long seq;
        private final Runnable action;
        private volatile boolean cancelled;

        private Job(Instant due, long seq, Runnable action) {
            this.due = due;
            this.dueNanos = epochNanos(due);
            this.seq = seq;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }

        Instant due() {
            return due;
        }

        @Override
        public int compareTo(Job other) {
            int c = Long.compare(dueNanos, other.dueNanos);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }

    /** Most jobs taken per clock read and lock hold: bounds how long one batch can delay a newly added job. */
    private static final int MAX_BATCH = 256;

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
    private final PriorityQueue<Job> queue = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private boolean stopped;

    TimerThread(Clock clock, String name) {
        this.clock = clock;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code action} to run at {@code due} (at once if that has passed). */
    Job schedule(Instant due, Runnable action) {
        Job job = new Job(due, sequence.incrementAndGet(), action);
        lock.lock();
        try {
            queue.add(job);
            if (queue.peek() == job) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        return job;
    }

    /** Makes the thread look at the clock again, as after a manual clock moved. */
    void wake() {
        lock.lock();
        try {
            changed.signal();
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

    /** Stops the thread; queued jobs are dropped. Waits a bounded time for the thread to end. */
    void stop(Duration wait) {
        lock.lock();
        try {
            stopped = true;
            queue.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isTimerThread() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            lock.lock();
            try {
                if (!takeDueJobs(batch)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            for (Job job : batch) {
                if (job.cancelled) {
                    continue;
                }
                try {
                    job.action.run();
                } catch (Throwable t) {
                    LOG.error("Scheduler timer job failed; the timer goes on", t);
                }
            }
            batch.clear();
        }
    }

    /**
     * Waits, holding the lock, until at least one job is due, then moves the due ones (up to {@link #MAX_BATCH}) into
     * {@code batch}, reading the clock once. Returns false once stopped.
     */
    private boolean takeDueJobs(List<Job> batch) throws InterruptedException {
        while (!stopped) {
            Job head = queue.peek();
            if (head == null) {
                changed.await();
                continue;
            }
            long now = epochNanos(clock.instant());
            while (head != null && head.dueNanos <= now && batch.size() < MAX_BATCH) {
                queue.poll();
                if (!head.cancelled) {
                    batch.add(head);
                }
                head = queue.peek();
            }
            if (!batch.isEmpty()) {
                return true;
            }
            if (head == null) {
                continue;
            }
            long waitNanos = head.dueNanos - now;
            if (waitNanos > 0) {
                changed.awaitNanos(Math.min(waitNanos, TimeUnit.DAYS.toNanos(1)));
            }
        }
        return false;
    }
}
