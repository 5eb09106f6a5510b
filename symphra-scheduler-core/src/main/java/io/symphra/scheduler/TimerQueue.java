package io.symphra.scheduler;

import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries due at instants of the scheduler's clock, and the thread that takes each one when it is due and runs it,
 * in the manner of {@link java.util.concurrent.ScheduledThreadPoolExecutor}'s delayed work queue: one lock and a
 * heap whose entries know their place in it, so that cancelling or re-planning one is a sift, never a stale entry
 * left behind.
 *
 * <p>Each queue has one thread. Alone it is the scheduler's timer, whose jobs are quick (timeouts, retry waits,
 * hand-offs to a worker executor). Several make the scheduler's own worker pool ({@link #pool}): an entry lives in
 * one queue, and each thread takes the due entries of its own, so that threads that all have work share no lock,
 * heap or entry; a thread with nothing due takes the due entries of the others, so that a long run does not hold
 * up its queue while another thread is free. Calls on the queue {@link #pool} returns act on the whole pool.
 * A queue per thread is more than STPE's one shared queue: it stays because, measured against one shared queue in
 * the same runs, it starts fires on time at the 99th and 99.9th percentiles and runs more fires while other
 * processes compete for the cores (docs/BENCHMARKS.md, issue 17); a pool's throughput on a quiet machine is the same.
 *
 * <p>Waits are measured with {@link System#nanoTime()}, and a sleeping thread reads the clock at least every
 * {@link #MAX_WAIT_NANOS}, so that it notices a step of the wall clock (see {@link #onClockStep}).
 */
final class TimerQueue implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(TimerQueue.class);

    /** Longest a thread sleeps without reading the clock: how soon a step of the wall clock is noticed. */
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How far the clock's advance between two readings may differ from {@link System#nanoTime()}'s before it
     * counts as a step, plus a thousandth of the time between them (NTP slews a clock by at most 500 ppm).
     */
    static final long STEP_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * How long after the head of a busy thread's queue is due a free thread looks at it, unless woken sooner: the
     * busy thread may take it itself by then, which keeps each entry on its own thread.
     */
    static final long STEAL_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Longest a clock read may take, by {@link System#nanoTime()}, to be compared with the previous one. */
    private static final long MAX_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What {@link Entry#nextDueAtTake} returns for an entry that leaves the queue when taken. */
    static final long NO_REPEAT = EpochNanos.NONE;

    /** What {@link #sleepsUntil} holds while the queue's thread takes or runs entries. */
    private static final long AWAKE = Long.MIN_VALUE;

    /** What {@link #awaitDue} returns when another queue of the pool has a due entry. */
    private static final Entry LOOK_AROUND = new Entry(null);

    /**
     * Something to run when due. A subclass may override {@link #run(long, long)} (and pass a {@code null} action)
     * and be scheduled again and again: it is queued at most once, at the time it was last scheduled for.
     */
    static class Entry {
        private final Runnable action;
        /** Guarded by its queue's lock, as are the fields below but {@link #generation}. */
        private long due;

        private long sequence;
        /** Its index in its queue's heap, or -1 when it is not queued. */
        private int heapIndex = -1;
        /** Its slot in its queue's {@link #slots} while queued. */
        private int slot;
        /** Bumped by every schedule and cancel: tells a taken entry that it was superseded. */
        private volatile long generation;
        /** Whether it is a wait (a timeout, a retry's backoff), due at {@link #nanoTimeDue} whatever the clock does. */
        private boolean isWait;

        private long nanoTimeDue;
        /** The queue of the pool it is queued in, from its first schedule on. */
        private volatile TimerQueue home;

        Entry(Runnable action) {
            this.action = action;
        }

        /** What it does when due, unless superseded since a thread took it at {@code generation}. */
        void run(long generation, long dueNanos) {
            if (generation == this.generation) {
                action.run();
            }
        }

        /**
         * Called under the queue's lock as a thread takes this entry, due at {@code dueNanos}, at {@code nowNanos}:
         * the time to queue it again for at once, in the same lock hold and with one sift of the heap instead of a
         * removal and a later insertion, or {@link #NO_REPEAT}. It must be quick and must not take locks.
         */
        long nextDueAtTake(long dueNanos, long nowNanos) {
            return NO_REPEAT;
        }

        final long generation() {
            return generation;
        }
    }

    /** A queue's thread. It remembers what it is busy with, so that a shutdown can find the runs on it. */
    static final class Worker extends Thread {
        volatile Object busyWith;

        private Worker(Runnable loop, String name) {
            super(loop, name);
            setDaemon(true);
        }

        /** The current thread as one of these, or {@code null} if it is another thread. */
        static Worker current() {
            return Thread.currentThread() instanceof Worker w ? w : null;
        }
    }

    private final Clock clock;
    /** Whether the clock can step: any clock but a {@link ManualClock}, whose moves are the passage of time. */
    private final boolean clockCanStep;

    private final Worker thread;
    /** Every queue of this one's pool, this one included. */
    private TimerQueue[] pool = {this};
    /** Where the next entry new to the pool goes, on the pool's first queue; racy on purpose. */
    private int nextHome;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a new head is queued, the clock moved, or the queue stopped. */
    private final Condition available = lock.newCondition();
    /** Signalled when no thread runs an entry of this queue any more; see {@link #runDueBy}. */
    private final Condition idle = lock.newCondition();

    // Guarded by the lock.
    /**
     * The heap holds slot numbers, not entries, so that a sift stores no reference. A reference stored into a
     * long-lived array is work for the garbage collector (G1 refines the card it dirtied), and a sift stores one per
     * level at every fire; an entry is stored in its slot once, when it is queued (docs/BENCHMARKS.md).
     */
    private int[] heap = new int[16];
    /** The queued entries, in slots 0 to size - 1 in no order. */
    private Entry[] slots = new Entry[16];

    private int size;
    private long sequence;
    /** Due time of the entry {@link #takeHead} returned last, read in the same lock hold. */
    private long takenDue;
    /** Threads running an entry they took from this queue. */
    private int busy;
    /** Entries this queue's thread took, of its queue or others': how the pool's threads see it is not held up. */
    private volatile int takes;
    // Of this queue's thread only; see awaitDue.
    private int checks;
    private boolean catchingUp;
    private int[] seenTakes;
    /** The latest clock reading, as epoch nanoseconds. */
    private long lastNow = Long.MIN_VALUE;
    /** The last clock reading {@link System#nanoTime()} pinned down closely, and that nanoTime: to see a step. */
    private long stepReferenceNow = Long.MIN_VALUE;

    private long stepReferenceNanoTime;
    /** Queued first when the clock stepped, to tell the owner on the thread; see {@link #onClockStep}. */
    private Entry stepEntry;

    private volatile boolean stopped;
    /** When the head is due, or {@link Long#MAX_VALUE} when empty: what the pool's other threads look at. */
    private volatile long headDue = Long.MAX_VALUE;
    /** Until when (by the clock) this queue's thread sleeps, or {@link #AWAKE}; see {@link #awaitDue}. */
    private volatile long sleepsUntil = AWAKE;

    private TimerQueue(Clock clock, String name) {
        this.clock = clock;
        this.clockCanStep = !(clock instanceof ManualClock);
        this.thread = new Worker(this::loop, name);
    }

    /** The scheduler's timer: one thread named {@code name}, for quick jobs. */
    static TimerQueue timer(Clock clock, String name) {
        return new TimerQueue(clock, name);
    }

    /** A worker pool: {@code size} threads named {@code prefix1, prefix2, ...} that each run one entry at a time. */
    static TimerQueue pool(Clock clock, String prefix, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, got " + size);
        }
        TimerQueue[] pool = new TimerQueue[size];
        for (int i = 0; i < size; i++) {
            pool[i] = new TimerQueue(clock, prefix + (i + 1));
            pool[i].pool = pool;
        }
        return pool[0];
    }

    /**
     * Sets what to do when the clock stepped: its reading moved more or less than {@link System#nanoTime()} did
     * since the previous one (see {@link #STEP_TOLERANCE_NANOS}). Queued entries keep their due times, but waits;
     * the owner plans again what must not follow the wall clock. Each thread of a pool may tell of the same step.
     * Set before {@link #start()}.
     */
    void onClockStep(Runnable listener) {
        for (TimerQueue q : pool) {
            q.stepEntry = new Entry(listener);
        }
    }

    void start() {
        for (TimerQueue q : pool) {
            q.thread.start();
        }
    }

    /** The clock's time in epoch nanoseconds. */
    long now() {
        return EpochNanos.of(clock.instant());
    }

    /**
     * Queues {@code action} to run at {@code dueNanos} (epoch nanoseconds; at once if that has passed). It is taken
     * to be a wait of the time from now to then: a step of the clock moves it, so that it keeps its length.
     */
    Entry schedule(long dueNanos, Runnable action) {
        Entry entry = new Entry(action);
        entry.isWait = true;
        // Bounded so that adding it to a clock reading cannot overflow; no wait is that long.
        long wait = Math.max(-Long.MAX_VALUE / 4, Math.min(Long.MAX_VALUE / 4, dueNanos - now()));
        entry.nanoTimeDue = System.nanoTime() + wait;
        schedule(entry, dueNanos);
        return entry;
    }

    /**
     * Queues {@code entry} to run at {@code dueNanos} (epoch nanoseconds), or moves it there if it is queued.
     * Entries of one queue due at the same time run in the order they were scheduled. Does nothing once stopped.
     */
    void schedule(Entry entry, long dueNanos) {
        if (entry.home == null) {
            entry.home = pool[Math.floorMod(pool[0].nextHome++, pool.length)];
        }
        TimerQueue q = entry.home;
        boolean newHead;
        q.lock.lock();
        try {
            if (q.stopped) {
                return;
            }
            q.dequeue(entry);
            q.offer(entry, dueNanos);
            newHead = entry.heapIndex == 0;
            if (newHead) {
                q.available.signal();
            }
        } finally {
            q.lock.unlock();
        }
        if (newHead && q.sleepsUntil == AWAKE) {
            q.wakeOthersSleepingPast(dueNanos);
        }
    }

    /** Takes {@code entry} out of the queue, and tells a thread that took it already that it was superseded. */
    void cancel(Entry entry) {
        TimerQueue q = entry.home != null ? entry.home : this;
        q.lock.lock();
        try {
            q.dequeue(entry);
        } finally {
            q.lock.unlock();
        }
    }

    private void dequeue(Entry entry) {
        entry.generation++;
        if (entry.heapIndex >= 0) {
            removeAt(entry.heapIndex);
        }
    }

    /** When {@code entry} is due, or {@link EpochNanos#NONE} when it is not queued. */
    long dueOf(Entry entry) {
        long[] due = new long[1];
        dueOf(new Entry[] {entry}, due);
        return due[0];
    }

    /**
     * For each of {@code entries}, when it is due into {@code out} at the same index, or {@link EpochNanos#NONE}
     * when it is {@code null} or not queued; in one hold of each queue's lock.
     */
    void dueOf(Entry[] entries, long[] out) {
        Arrays.fill(out, EpochNanos.NONE);
        sumLocked(q -> {
            for (int i = 0; i < entries.length; i++) {
                Entry e = entries[i];
                if (e != null && e.home == q && e.heapIndex >= 0) {
                    out[i] = e.due;
                }
            }
            return 0;
        });
    }

    /**
     * Entries that are due by the clock now and still queued, waits (timeouts, backoffs) aside: work no thread was
     * free to take. O(queued entries), under each queue's lock.
     */
    int dueFires() {
        long now = now();
        return sumLocked(q -> {
            int due = 0;
            for (int i = 0; i < q.size; i++) {
                if (!q.slots[i].isWait && q.slots[i] != q.stepEntry && q.slots[i].due <= now) {
                    due++;
                }
            }
            return due;
        });
    }

    int queued() {
        return sumLocked(q -> q.size);
    }

    /** Makes the threads look at the clock again, as after a manual clock moved. */
    void wake() {
        sumLocked(TimerQueue::signal);
    }

    private int signal() {
        available.signalAll();
        return 0;
    }

    /** The sum of {@code f} over the pool's queues, each applied holding that queue's lock. */
    private int sumLocked(ToIntFunction<TimerQueue> f) {
        int sum = 0;
        for (TimerQueue q : pool) {
            q.lock.lock();
            try {
                sum += f.applyAsInt(q);
            } finally {
                q.lock.unlock();
            }
        }
        return sum;
    }

    /** Runs {@code command} on a thread as soon as one is free, before entries merely due: a sleeping one's first. */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (stopped) {
            throw new RejectedExecutionException("the scheduler's threads are stopped");
        }
        Entry entry = new Entry(command);
        for (TimerQueue q : pool) {
            if (q.sleepsUntil != AWAKE) {
                entry.home = q;
                break;
            }
        }
        schedule(entry, Long.MIN_VALUE);
    }

    /** Stops the threads; queued entries are dropped. Waits a bounded time for the threads to end. */
    void stop(Duration wait) {
        markStopped();
        long deadline = System.nanoTime() + wait.toNanos();
        for (TimerQueue q : pool) {
            try {
                if (Thread.currentThread() != q.thread) {
                    q.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the threads, interrupts those still running an entry, and does not wait for them. */
    void stopNow() {
        markStopped();
        for (TimerQueue q : pool) {
            if (Thread.currentThread() != q.thread) {
                q.thread.interrupt();
            }
        }
    }

    /** Drops every queued entry and wakes every thread so that it sees it must end. */
    private void markStopped() {
        sumLocked(q -> {
            q.stopped = true;
            for (int i = 0; i < q.size; i++) {
                q.slots[i].heapIndex = -1;
                q.slots[i] = null;
            }
            q.size = 0;
            q.headDue = Long.MAX_VALUE;
            return q.signal();
        });
    }

    /** Calls {@code action} with what each thread is busy with, skipping idle ones. */
    void forEachBusy(Consumer<Object> action) {
        for (TimerQueue q : pool) {
            Object work = q.thread.busyWith;
            if (work != null) {
                action.accept(work);
            }
        }
    }

    /**
     * Runs, on the calling thread, every entry due at or before {@code dueNanos}, after waiting for the one this
     * (one-thread) timer's thread is running. Lets another thread order its own work after the timer's: a pool
     * thread about to skip a fire makes sure that a timeout due no later than the fire has freed the task's slot
     * first, as it would when one thread ran both. Does nothing on the timer's own thread.
     */
    void runDueBy(long dueNanos) {
        boolean ranOne = false;
        while (Thread.currentThread() != thread) {
            Entry entry;
            long generation;
            long due;
            lock.lock();
            try {
                if (ranOne && --busy == 0) {
                    idle.signalAll();
                }
                while (busy > 0) {
                    idle.awaitUninterruptibly();
                }
                if (size == 0 || head().due > dueNanos) {
                    return;
                }
                entry = takeHead(readClock());
                generation = entry.generation;
                due = takenDue;
                busy++;
                ranOne = true;
            } finally {
                lock.unlock();
            }
            run(entry, generation, due);
        }
    }

    /**
     * The loop of this queue's thread, until the queue stops: takes the entries of its queue as they come due, and
     * when none is due, those of the pool's other queues that are. An entry of its own counts in {@link #busy} from
     * when it is taken until the thread next takes the lock.
     */
    private void loop() {
        boolean ranOne = false;
        while (true) {
            Entry entry;
            // Read under the lock as the entry is taken: a schedule or cancel after that makes it stale.
            long generation = 0;
            long due = 0;
            long next = Long.MAX_VALUE;
            lock.lock();
            try {
                if (ranOne && --busy == 0) {
                    idle.signalAll();
                }
                ranOne = false;
                entry = awaitDue();
                if (entry == null) {
                    return;
                }
                if (entry != LOOK_AROUND) {
                    takes++;
                    busy++;
                    ranOne = true;
                    generation = entry.generation;
                    due = takenDue;
                    next = headDue;
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
            if (entry == LOOK_AROUND) {
                takeFromOthers();
            } else {
                // Busy until the run ends: a sleeping thread may have to take the next entry meanwhile.
                wakeOthersSleepingPast(next);
                run(entry, generation, due);
            }
        }
    }

    /**
     * Waits, holding the lock, until the head is due, and takes it out of the heap; returns {@link #LOOK_AROUND}
     * instead when none is due but the head of another queue of the pool is, and {@code null} once stopped. It
     * sleeps until the head is due, but for at most {@link #MAX_WAIT_NANOS}, and no later than
     * {@link #STEAL_AFTER_NANOS} after the head of a busy thread's queue is due.
     */
    private Entry awaitDue() throws InterruptedException {
        try {
            while (!stopped) {
                // An entry due no later than the last clock reading is due now: a saturated thread skips the read.
                long now = size > 0 && head().due <= lastNow ? lastNow : readClock();
                if (size > 0 && head().due <= now) {
                    // Now and then, and while it lasts, the due entries of a thread that took none meanwhile (a
                    // long run, a preempted thread) go first, so that its queue is not left behind by busy others.
                    if (pool.length > 1 && (catchingUp || (++checks & 31) == 0) && heldUpElsewhere(now)) {
                        return LOOK_AROUND;
                    }
                    return takeHead(now);
                }
                long wake = headDue;
                // Published before the others are looked at: a thread that becomes busy after the look sees it
                // and wakes this one (see wakeOthersSleepingPast).
                sleepsUntil = wake;
                for (TimerQueue q : pool) {
                    long head = q.headDue;
                    if (q != this && head <= now) {
                        return LOOK_AROUND;
                    }
                    if (q != this && head != Long.MAX_VALUE && q.sleepsUntil == AWAKE) {
                        wake = Math.min(wake, EpochNanos.plus(head, STEAL_AFTER_NANOS));
                    }
                }
                sleepsUntil = wake;
                if (wake == Long.MAX_VALUE) {
                    available.await();
                } else {
                    available.awaitNanos(Math.min(wake - now, MAX_WAIT_NANOS));
                }
            }
            return null;
        } finally {
            if (sleepsUntil != AWAKE) {
                sleepsUntil = AWAKE;
            }
        }
    }

    /** Whether the thread of another queue with due entries took none since the last look; sets catchingUp. */
    private boolean heldUpElsewhere(long now) {
        if (seenTakes == null) {
            seenTakes = new int[pool.length];
        }
        catchingUp = false;
        for (int i = 0; i < pool.length; i++) {
            int taken = pool[i].takes;
            if (pool[i] != this && taken == seenTakes[i] && pool[i].headDue <= now) {
                catchingUp = true;
            }
            seenTakes[i] = taken;
        }
        return catchingUp;
    }

    /** Wakes the pool's other threads that sleep past {@code dueNanos}, the head of this busy thread's queue. */
    private void wakeOthersSleepingPast(long dueNanos) {
        if (pool.length == 1 || dueNanos == Long.MAX_VALUE) {
            return;
        }
        for (TimerQueue q : pool) {
            long until = q.sleepsUntil;
            if (q != this && until != AWAKE && until > dueNanos) {
                q.lock.lock();
                try {
                    q.signal();
                } finally {
                    q.lock.unlock();
                }
            }
        }
    }

    /** Takes and runs the oldest due head of another queue of the pool, if there still is one. */
    private void takeFromOthers() {
        long now = now();
        TimerQueue oldest = null;
        for (TimerQueue q : pool) {
            if (q != this && q.headDue <= now && (oldest == null || q.headDue < oldest.headDue)) {
                oldest = q;
            }
        }
        if (oldest == null) {
            return;
        }
        Entry entry;
        long generation;
        long due;
        oldest.lock.lock();
        try {
            if (oldest.size == 0 || oldest.head().due > now) {
                return;
            }
            entry = oldest.takeHead(now);
            generation = entry.generation;
            due = oldest.takenDue;
        } finally {
            oldest.lock.unlock();
        }
        takes++;
        run(entry, generation, due);
    }

    private static void run(Entry entry, long generation, long due) {
        try {
            entry.run(generation, due);
        } catch (Throwable t) {
            LOG.error("Scheduler job failed; its thread goes on", t);
        }
    }

    /**
     * Reads the clock, and notes a step when its advance since the last reading differs from
     * {@link System#nanoTime()}'s by more than the tolerance: then the waits in the queue are moved so that each
     * ends when it would have without the step, and the owner is told through {@link #stepEntry}. Under the lock.
     */
    private long readClock() {
        long before = System.nanoTime();
        long now = now();
        long nanoTime = System.nanoTime();
        lastNow = now;
        // A thread descheduled between the two reads would pair them wrongly and see a step that is not there.
        if (!clockCanStep || nanoTime - before > MAX_READ_NANOS) {
            return now;
        }
        long elapsed = nanoTime - stepReferenceNanoTime;
        long step = (now - stepReferenceNow) - elapsed;
        if (stepReferenceNow != Long.MIN_VALUE && Math.abs(step) > STEP_TOLERANCE_NANOS + elapsed / 1000) {
            for (int i = 0; i < size; i++) {
                if (slots[i].isWait) {
                    slots[i].due = now + (slots[i].nanoTimeDue - nanoTime);
                }
            }
            for (int i = (size >>> 1) - 1; i >= 0; i--) {
                siftDown(i, at(i), at(i).due);
            }
            if (stepEntry != null && stepEntry.heapIndex < 0) {
                offer(stepEntry, Long.MIN_VALUE);
            }
            String direction = step < 0 ? "back" : "forward";
            LOG.info("The clock stepped {} by {}; re-planning", direction, Duration.ofNanos(Math.abs(step)));
        }
        stepReferenceNow = now;
        stepReferenceNanoTime = nanoTime;
        return now;
    }

    // ---- the heap, under the lock ----

    private void offer(Entry entry, long due) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        entry.sequence = ++sequence;
        entry.slot = size;
        slots[size] = entry;
        siftUp(size++, entry, due);
    }

    /** The entry at index {@code k} of the heap. */
    private Entry at(int k) {
        return slots[heap[k]];
    }

    private Entry head() {
        return at(0);
    }

    /** Takes the head, due by {@code now}: out of the heap, or queued again at once when it says so. */
    private Entry takeHead(long now) {
        Entry head = head();
        takenDue = head.due;
        long next = head.nextDueAtTake(takenDue, now);
        if (next == NO_REPEAT) {
            removeAt(0);
        } else {
            head.sequence = ++sequence;
            siftDown(0, head, next);
        }
        return head;
    }

    private void removeAt(int i) {
        Entry removed = at(i);
        removed.heapIndex = -1;
        int last = --size;
        // The entry in the last slot takes the freed one, so that the queued entries keep slots 0 to size - 1.
        Entry lastInSlots = slots[last];
        slots[last] = null;
        if (lastInSlots != removed) {
            lastInSlots.slot = removed.slot;
            slots[removed.slot] = lastInSlots;
            heap[lastInSlots.heapIndex] = removed.slot;
        }
        Entry moved = at(last);
        if (last == 0) {
            headDue = Long.MAX_VALUE;
        } else if (i != last) {
            siftDown(i, moved, moved.due);
            if (at(i) == moved) {
                siftUp(i, moved, moved.due);
            }
        }
        // Gives back the storage of tasks unregistered by the thousand; halving at a quarter keeps it amortized O(1).
        if (heap.length > 64 && size < heap.length >>> 2) {
            heap = Arrays.copyOf(heap, heap.length >>> 1);
            slots = Arrays.copyOf(slots, slots.length >>> 1);
        }
    }

    private void siftUp(int k, Entry entry, long due) {
        entry.due = due;
        while (k > 0 && before(entry, at((k - 1) >>> 1))) {
            place(at((k - 1) >>> 1), k);
            k = (k - 1) >>> 1;
        }
        place(entry, k);
    }

    private void siftDown(int k, Entry entry, long due) {
        entry.due = due;
        for (int child; (child = 2 * k + 1) < size; k = child) {
            if (child + 1 < size && before(at(child + 1), at(child))) {
                child++;
            }
            if (!before(at(child), entry)) {
                break;
            }
            place(at(child), k);
        }
        place(entry, k);
    }

    private static boolean before(Entry a, Entry b) {
        return a.due < b.due || (a.due == b.due && a.sequence < b.sequence);
    }

    private void place(Entry entry, int k) {
        heap[k] = entry.slot;
        entry.heapIndex = k;
        if (k == 0) {
            headDue = entry.due;
        }
    }
}
