package io.symphra.scheduler;

import io.symphra.scheduler.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that sleep until the earliest due job, run it, and sleep again. Adding an earlier job or advancing a
 * manual clock wakes them; the sleeping leader also reads the clock at least every {@link #MAX_WAIT_NANOS}, so
 * that it notices a step of the wall clock (see {@link #onClockStep}).
 *
 * <p>With one thread this is the scheduler's timer: its jobs must be quick (hand real work to the worker
 * executor), so it takes due jobs in batches. With several threads it is the scheduler's own worker pool, as in
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}: the threads take due jobs and run them, however long
 * they take, so fires go from the delay queue to the thread that runs them without a hand-off. A pool thread takes
 * one job while another thread sleeps, and a batch of due jobs while all are busy (a saturated pool); a batch's
 * jobs are claimed one at a time, and a thread with nothing due steals from another's batch (see {@link Batch}).
 * The threads wait leader/follower style: only one of them sleeps with a deadline (the head's), the others until
 * they are signalled. Scheduling pushes onto a lock-free stack that the next thread to take jobs moves into the
 * heap, so it takes the lock only to wake a sleeping thread.
 */
final class DueJobRunner implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(DueJobRunner.class);

    /**
     * A job due at an instant; cancelling it leaves it in the queue, to be dropped when it comes due ({@link #remove}
     * drops it sooner).
     *
     * <p>A subclass may override {@link #run(long)} (and pass a {@code null} action) and queue the same object
     * again and again with {@link #schedule(Job, long, long)}: each queuing carries a tag that the job gets back
     * when it runs, so a reused job can tell a current queuing from a stale one.
     */
    static class Job {
        private final Instant due;
        /** {@code due} as nanoseconds since the epoch: the heap compares longs, not two Instants per step. */
        private final long dueNanos;

        private final Runnable action;
        private volatile boolean cancelled;
        /**
         * Whether the job is a wait (a timeout, a retry's backoff), due at {@link #nanoTimeDue} whatever the wall
         * clock does; written before the job is queued.
         */
        private boolean isWait;

        private long nanoTimeDue;
        /** How many times the heap holds this job. Guarded by the runner's lock. */
        private int entries;

        Job(Instant due, Runnable action) {
            this(due, epochNanos(due), action);
        }

        /** A reusable job: see {@link #schedule(Job, long, long)}. */
        Job() {
            this(null, Long.MIN_VALUE, null);
        }

        private Job(Instant due, long dueNanos, Runnable action) {
            this.due = due;
            this.dueNanos = dueNanos;
            this.action = action;
        }

        /** What the job does when it comes due; {@code tag} is the one it was queued with. */
        void run(long tag) {
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
        /** Due jobs this thread took together; see {@link Batch}. */
        private volatile Batch batch;

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

    /** Most due jobs a pool thread takes from the heap in one go; see {@link Batch}. */
    private static final int POOL_BATCH = 64;

    /** Most jobs the timer takes per clock read and lock hold: bounds how long one batch can delay a new job. */
    private static final int TIMER_BATCH = 256;

    /**
     * Longest a thread sleeps without reading the clock: how soon a step of the wall clock is noticed. Waits are
     * measured with {@link System#nanoTime()}, which a step does not move.
     */
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How far the clock's advance between two readings may differ from {@link System#nanoTime()}'s before it
     * counts as a step, plus a thousandth of the time between them (NTP slews a clock by at most 500 ppm).
     */
    static final long STEP_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Longest a clock read may take, by {@link System#nanoTime()}, to be compared with the previous one. */
    private static final long MAX_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

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
    /**
     * Jobs scheduled but not yet in the heap: a lock-free stack, moved into the heap by the next thread that
     * takes jobs. Scheduling (a pool thread plans the next fire on every run) thus does not compete for the lock
     * with taking; it takes the lock only to wake a sleeping thread that must see the job earlier.
     */
    private final AtomicReference<Incoming> incoming = new AtomicReference<>();
    /**
     * A job due before this must wake a thread: {@code Long.MIN_VALUE} while no thread sleeps (a thread that is
     * busy looks at the incoming jobs when it comes back), the sleeping leader's deadline, or
     * {@code Long.MAX_VALUE} while threads sleep with no deadline. Written under the lock.
     */
    private volatile long wakeBefore = Long.MIN_VALUE;
    /** Threads waiting on {@link #changed}. Guarded by the lock. */
    private int sleeping;
    /** The deadline the leader sleeps towards. Guarded by the lock. */
    private long leaderDeadline;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition batchDone = lock.newCondition();
    /** Whether a thread runs jobs it took and another thread might wait for ({@link #runDueBy}). Guarded by the lock. */
    private boolean inBatch;

    /**
     * Entries in the heap of jobs given to {@link #remove} since it was last purged of them (an overestimate once
     * some came due). Guarded by the lock.
     */
    private int removedEntries;

    private final Worker[] threads;
    private final int batchSize;
    private long sequence;
    /** The thread sleeping until the head comes due; the others sleep until signalled. Guarded by the lock. */
    private Thread leader;

    private volatile boolean stopped;
    /** The latest clock reading, as epoch nanoseconds. Guarded by the lock. */
    private long lastNow = Long.MIN_VALUE;
    /**
     * The last clock reading that {@link System#nanoTime()} pinned down closely (see {@link #readClock}), and that
     * nanoTime: what the next reading is compared with to see a step. Guarded by the lock.
     */
    private long stepReferenceNow = Long.MIN_VALUE;

    private long stepReferenceNanoTime;
    /** Whether the clock can step: any clock but a {@link ManualClock}, whose moves are the passage of time. */
    private final boolean clockCanStep;
    /** Told when the clock stepped, on one of the threads, outside the lock; see {@link #onClockStep}. */
    private volatile Runnable stepListener;
    /** A step was seen and the listener not yet told. Guarded by the lock. */
    private boolean stepSeen;

    /** A scheduled job on its way into the heap. */
    private static final class Incoming {
        final Job job;
        final long due;
        final long tag;
        Incoming next;

        Incoming(Job job, long due, long tag) {
            this.job = job;
            this.due = due;
            this.tag = tag;
        }
    }

    /** The scheduler's timer: one thread named {@code name}, quick jobs taken in batches. */
    DueJobRunner(Clock clock, String name) {
        this(clock, new String[] {name}, TIMER_BATCH);
    }

    private DueJobRunner(Clock clock, String[] names, int batchSize) {
        this.clock = clock;
        this.clockCanStep = !(clock instanceof ManualClock);
        this.batchSize = batchSize;
        this.threads = new Worker[names.length];
        for (int i = 0; i < names.length; i++) {
            threads[i] = new Worker(this::loop, names[i]);
            threads[i].setDaemon(true);
        }
    }

    /** A worker pool: {@code size} threads named {@code prefix1, prefix2, ...} that each run one job at a time. */
    static DueJobRunner pool(Clock clock, String prefix, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, got " + size);
        }
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = prefix + (i + 1);
        }
        return new DueJobRunner(clock, names, POOL_BATCH);
    }

    /**
     * Sets what to do when the clock stepped: its reading moved more or less than {@link System#nanoTime()} did
     * since the previous one (see {@link #STEP_TOLERANCE_NANOS}). The queued jobs keep their deadlines; the owner
     * plans again what must not follow the wall clock. Set before {@link #start()}.
     */
    void onClockStep(Runnable listener) {
        this.stepListener = listener;
    }

    void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /**
     * Queues {@code action} to run at {@code due} (at once if that has passed). It is taken to be a wait of the time
     * from now to {@code due}: a step of the clock moves it, so that it keeps its length (see {@link #readClock}).
     */
    Job schedule(Instant due, Runnable action) {
        Job job = new Job(due, action);
        job.isWait = true;
        // Bounded so that adding it to a clock reading cannot overflow; no wait is that long.
        long wait =
                Math.max(-Long.MAX_VALUE / 4, Math.min(Long.MAX_VALUE / 4, TaskRun.nanosBetween(clock.instant(), due)));
        job.nanoTimeDue = System.nanoTime() + wait;
        return schedule(job);
    }

    /** Queues {@code job} to run when it is due. */
    Job schedule(Job job) {
        schedule(job, job.dueNanos, 0);
        return job;
    }

    /**
     * Queues {@code job} to run at {@code dueNanos} (epoch nanoseconds), to be called with {@code tag}. The same
     * job may be queued any number of times. Jobs due at the same time run in the order they were queued.
     */
    void schedule(Job job, long dueNanos, long tag) {
        Incoming added = new Incoming(job, dueNanos, tag);
        Incoming top;
        do {
            top = incoming.get();
            added.next = top;
        } while (!incoming.compareAndSet(top, added));
        // Paired with the sleeper's write of wakeBefore and then read of incoming: one of the two sees the other.
        if (dueNanos < wakeBefore) {
            lock.lock();
            try {
                leader = null;
                publishWakeBefore();
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Moves the incoming jobs into the heap, oldest first. Called under the lock. */
    private void drainIncoming() {
        Incoming top = incoming.getAndSet(null);
        if (top == null) {
            return;
        }
        Incoming oldest = null;
        while (top != null) {
            Incoming next = top.next;
            top.next = oldest;
            oldest = top;
            top = next;
        }
        for (Incoming i = oldest; i != null; i = i.next) {
            i.job.entries++;
            queue.add(i.job, i.due, ++sequence, i.tag);
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

    /**
     * Cancels {@code job} for good, as when its task is unregistered, and lets go of its queuings: the heap is
     * purged of removed jobs (and of cancelled timeouts with them) as soon as they could make up half of it. Their
     * entries thus never outnumber the live ones, and a removal costs constant time amortized, not a search of the
     * heap.
     */
    void remove(Job job) {
        job.cancel();
        lock.lock();
        try {
            drainIncoming();
            removedEntries += job.entries;
            if (removedEntries > 0 && removedEntries >= queue.size() - removedEntries) {
                queue.removeIf(queued -> queued.cancelled);
                removedEntries = 0;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes the threads look at the clock again, as after a manual clock moved. */
    void wake() {
        lock.lock();
        try {
            leader = null;
            publishWakeBefore();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            drainIncoming();
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the threads; queued jobs are dropped. Waits a bounded time for the threads to end. */
    void stop(Duration wait) {
        markStopped();
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

    /** Drops every queued job and wakes every thread so that it sees it must end. */
    private void markStopped() {
        lock.lock();
        try {
            stopped = true;
            incoming.set(null);
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
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
        markStopped();
        for (Thread t : threads) {
            if (Thread.currentThread() != t) {
                t.interrupt();
            }
        }
    }

    private void loop() {
        Worker me = (Worker) Thread.currentThread();
        Job[] batch = new Job[batchSize];
        long[] tags = new long[batchSize];
        while (true) {
            Batch own = me.batch;
            if (own != null) {
                int i = stopped ? -1 : own.claim();
                if (i >= 0) {
                    runJob(own.jobs[i], own.tags[i]);
                    continue;
                }
                me.batch = null;
            }
            int taken;
            boolean stepped;
            lock.lock();
            try {
                taken = takeDueJobs(batch, tags);
                if (taken < 0) {
                    return;
                }
                inBatch = taken > 0 && threads.length == 1;
                stepped = stepSeen;
                stepSeen = false;
            } catch (InterruptedException e) {
                // A stale interrupt (a run that was interrupted as it ended) must not kill a pool thread.
                if (stopped) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            if (stepped) {
                clockStepped();
            }
            for (int i = 0; i < taken; i++) {
                Job job = batch[i];
                batch[i] = null;
                runJob(job, tags[i]);
            }
            if (threads.length == 1 && taken > 0) {
                lock.lock();
                try {
                    inBatch = false;
                    batchDone.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Runs, on the calling thread, every job of this (one-thread) timer that is due at or before {@code dueNanos},
     * after waiting for the batch the timer thread is running. Lets another thread order its own work after the
     * timer's: a pool thread about to skip a fire makes sure that a timeout due no later than the fire has freed
     * the task's slot first, as it would when one thread ran both. Never call it from the timer thread.
     */
    void runDueBy(long dueNanos) {
        Job[] jobs;
        long[] jobTags;
        int count = 0;
        lock.lock();
        try {
            while (inBatch) {
                batchDone.awaitUninterruptibly();
            }
            drainIncoming();
            jobs = new Job[Math.max(1, queue.size())];
            jobTags = new long[jobs.length];
            while (!queue.isEmpty() && queue.firstDeadline() <= dueNanos) {
                jobTags[count] = queue.firstTag();
                Job job = queue.poll();
                job.entries--;
                jobs[count++] = job;
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < count; i++) {
            runJob(jobs[i], jobTags[i]);
        }
    }

    private void clockStepped() {
        Runnable listener = stepListener;
        if (listener == null) {
            return;
        }
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("Re-planning after a step of the clock failed; the thread goes on", e);
        }
    }

    /**
     * Reads the clock, and notes a step when its advance since the last reading differs from
     * {@link System#nanoTime()}'s by more than the tolerance: then the waits in the queue are moved so that each
     * ends when it would have without the step. Under the lock.
     */
    private long readClock() {
        long before = System.nanoTime();
        long now = epochNanos(clock.instant());
        long nanoTime = System.nanoTime();
        lastNow = now;
        // A thread descheduled between the two reads would pair them wrongly and see a step that is not there.
        if (!clockCanStep || nanoTime - before > MAX_READ_NANOS) {
            return now;
        }
        if (stepReferenceNow != Long.MIN_VALUE) {
            long elapsed = nanoTime - stepReferenceNanoTime;
            long step = (now - stepReferenceNow) - elapsed;
            if (Math.abs(step) > STEP_TOLERANCE_NANOS + elapsed / 1000) {
                stepSeen = true;
                drainIncoming();
                queue.redate(job -> job.isWait, job -> now + (job.nanoTimeDue - nanoTime));
                LOG.info(
                        "The clock stepped {} by {}; re-planning",
                        step < 0 ? "back" : "forward",
                        Duration.ofNanos(Math.abs(step)));
            }
        }
        stepReferenceNow = now;
        stepReferenceNanoTime = nanoTime;
        return now;
    }

    private static void runJob(Job job, long tag) {
        if (job.cancelled) {
            return;
        }
        try {
            job.run(tag);
        } catch (Throwable t) {
            LOG.error("Scheduler job failed; its thread goes on", t);
        }
    }

    /**
     * Due jobs a pool thread took from the heap in one go, to run one after the other. Each is claimed just before
     * it runs, by its owner or by another pool thread that found nothing due in the heap: a long run of the owner
     * holds up only the one job it is running, never the rest of its batch.
     */
    private static final class Batch {
        final Job[] jobs;
        final long[] tags;
        private final java.util.concurrent.atomic.AtomicInteger claimed =
                new java.util.concurrent.atomic.AtomicInteger();

        Batch(Job[] jobs, long[] tags, int size) {
            this.jobs = Arrays.copyOf(jobs, size);
            this.tags = Arrays.copyOf(tags, size);
        }

        /** The index of a job nobody has claimed yet, now claimed by the caller, or -1. */
        int claim() {
            if (claimed.get() >= jobs.length) {
                return -1;
            }
            int i = claimed.getAndIncrement();
            return i < jobs.length ? i : -1;
        }
    }

    /**
     * Waits, holding the lock, until at least one job is due, then moves the due ones (up to the batch size) into
     * {@code batch} and their tags into {@code tags}, reading the clock at most once. Returns how many it took, or
     * -1 once stopped.
     */
    private int takeDueJobs(Job[] batch, long[] tags) throws InterruptedException {
        int taken = 0;
        while (!stopped) {
            // A pool thread takes one job while others sleep (they can run the rest at once), a batch otherwise:
            // then the heap's cache lines stay on one core for a whole batch instead of moving for every job.
            int limit = sleeping > 0 ? 1 : batchSize;
            drainIncoming();
            if (queue.isEmpty()) {
                if (stealInto(batch, tags)) {
                    return 1;
                }
                sleep(false, 0, 0);
                continue;
            }
            // A job due no later than the last clock reading is due now: a saturated pool skips the clock read.
            long headDue = queue.firstDeadline();
            long now = headDue <= lastNow ? lastNow : readClock();
            while (headDue <= now && taken < limit) {
                long tag = queue.firstTag();
                Job head = queue.poll();
                head.entries--;
                if (!head.cancelled) {
                    batch[taken] = head;
                    tags[taken++] = tag;
                }
                if (queue.isEmpty()) {
                    break;
                }
                headDue = queue.firstDeadline();
            }
            if (taken == 0 && stepSeen) {
                // Tell the owner before sleeping: it may plan fires earlier than the head.
                return 0;
            }
            if (taken > 0) {
                if (!queue.isEmpty() && leader == null && sleeping > 0) {
                    changed.signal();
                }
                if (taken > 1 && threads.length > 1) {
                    ((Worker) Thread.currentThread()).batch = new Batch(batch, tags, taken);
                    Arrays.fill(batch, 0, taken, null);
                    return 0;
                }
                return taken;
            }
            if (stealInto(batch, tags)) {
                return 1;
            }
            if (queue.isEmpty()) {
                continue;
            }
            if (leader != null) {
                sleep(false, 0, 0);
            } else {
                // Bounded, so that a step of the clock is noticed (see readClock) whatever the head's deadline.
                sleep(true, headDue, Math.min(headDue - now, MAX_WAIT_NANOS));
            }
        }
        return -1;
    }

    /** Claims a job from another pool thread's batch, before this thread sleeps. Under the lock. */
    private boolean stealInto(Job[] batch, long[] tags) {
        for (Worker w : threads) {
            Batch other = w.batch;
            if (other != null && w != Thread.currentThread()) {
                int i = other.claim();
                if (i >= 0) {
                    batch[0] = other.jobs[i];
                    tags[0] = other.tags[i];
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Waits on {@link #changed}: as the leader, for {@code nanos} until the head's {@code deadline}; otherwise
     * until signalled. Returns at once if a job came in meanwhile.
     */
    private void sleep(boolean asLeader, long deadline, long nanos) throws InterruptedException {
        Thread me = Thread.currentThread();
        if (asLeader) {
            leader = me;
            leaderDeadline = deadline;
        }
        sleeping++;
        publishWakeBefore();
        try {
            if (incoming.get() != null) {
                return;
            }
            if (asLeader) {
                changed.awaitNanos(nanos);
            } else {
                changed.await();
            }
        } finally {
            sleeping--;
            if (leader == me) {
                leader = null;
            }
            publishWakeBefore();
        }
    }

    /**
     * Tells schedulers which jobs must wake a thread (see {@link #wakeBefore}): none while no thread sleeps, those
     * before the leader's deadline while it sleeps, and every job while threads sleep with no leader. Under the
     * lock.
     */
    private void publishWakeBefore() {
        long value = sleeping == 0 ? Long.MIN_VALUE : leader != null ? leaderDeadline : Long.MAX_VALUE;
        if (wakeBefore != value) {
            wakeBefore = value;
        }
    }
}
