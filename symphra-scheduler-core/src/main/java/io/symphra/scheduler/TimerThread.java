package io.symphra.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        private final long seq;
        private final Runnable action;
        private volatile boolean cancelled;

        private Job(Instant due, long seq, Runnable action) {
            this.due = due;
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
            int c = due.compareTo(other.due);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
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
        while (true) {
            Job job;
            lock.lock();
            try {
                job = nextDueJob();
                if (job == null) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                job.action.run();
            } catch (Throwable t) {
                LOG.error("Scheduler timer job failed; the timer goes on", t);
            }
        }
    }

    /** Waits, holding the lock, until a job is due; null once stopped. */
    private Job nextDueJob() throws InterruptedException {
        while (!stopped) {
            Job head = queue.peek();
            if (head == null) {
                changed.await();
                continue;
            }
            if (head.cancelled) {
                queue.poll();
                continue;
            }
            long waitNanos = Duration.between(clock.instant(), head.due).toNanos();
            if (waitNanos <= 0) {
                return queue.poll();
            }
            changed.awaitNanos(Math.min(waitNanos, TimeUnit.DAYS.toNanos(1)));
        }
        return null;
    }
}
