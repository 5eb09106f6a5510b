package io.symphra.scheduler.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The execution counters of one stripe of a {@link TaskCell}, laid out in a {@code long[]} starting at an offset:
 * the base stripe every cell has is a bare array (offset 0), the stripes added under contention are padded on both
 * sides (offset {@link #PAD}) so that two threads recording into two stripes never write to the same cache line.
 * One array per stripe keeps counters and buckets together and keeps the padding whatever the garbage collector
 * does with the array.
 *
 * <p>A recording increments its bucket first and {@code executions} last (see {@link TaskCell}), so at every
 * moment a stripe's buckets add up to at least its {@code executions}. All accesses are volatile-mode.
 */
final class ExecutionStripe {

    static final int EXECUTIONS = 0;
    static final int FAILURES = 1;
    static final int TIMEOUTS = 2;
    static final int TOTAL_NANOS = 3;
    static final int MIN_NANOS = 4;
    static final int MAX_NANOS = 5;
    static final int LAST_SUCCESS = 6;
    static final int LAST_FAILURE = 7;
    static final int BUCKETS = 8;

    /** Longs of padding on each side of a contended stripe: 128 bytes, two cache lines (adjacent-line prefetch). */
    static final int PAD = 16;

    private static final int SPINS_BEFORE_YIELD = 64;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private ExecutionStripe() {}

    /** The base stripe of a cell: no padding, offset 0. */
    static long[] unpadded(int bucketCount) {
        return init(new long[BUCKETS + bucketCount], 0);
    }

    /** A stripe for a contended cell, at offset {@link #PAD}. */
    static long[] padded(int bucketCount) {
        return init(new long[PAD + BUCKETS + bucketCount + PAD], PAD);
    }

    private static long[] init(long[] stripe, int off) {
        stripe[off + MIN_NANOS] = Long.MAX_VALUE;
        stripe[off + LAST_SUCCESS] = TaskCell.NO_TIME;
        stripe[off + LAST_FAILURE] = TaskCell.NO_TIME;
        return stripe;
    }

    /**
     * Records one execution of {@code duration} nanoseconds into bucket {@code bucket}, ending at {@code end};
     * a failure when {@code failed}, also a timeout when {@code timedOut}.
     *
     * @return false when another thread updated the stripe at the same moment (the recording still counts)
     */
    static boolean record(long[] s, int off, int bucket, long duration, long end, boolean failed, boolean timedOut) {
        SLOT.getAndAdd(s, off + BUCKETS + bucket, 1L); // must stay first: see TaskCell
        if (failed) {
            SLOT.getAndAdd(s, off + FAILURES, 1L);
            if (timedOut) {
                SLOT.getAndAdd(s, off + TIMEOUTS, 1L);
            }
        }
        // Every recording adds to the total, so a failed compare-and-set here is how a collision shows.
        long total = (long) SLOT.getVolatile(s, off + TOTAL_NANOS);
        boolean alone = SLOT.compareAndSet(s, off + TOTAL_NANOS, total, total + duration);
        if (!alone) {
            SLOT.getAndAdd(s, off + TOTAL_NANOS, duration);
        }
        lower(s, off + MIN_NANOS, duration);
        raise(s, off + MAX_NANOS, duration);
        SLOT.setRelease(s, off + (failed ? LAST_FAILURE : LAST_SUCCESS), end);
        SLOT.getAndAdd(s, off + EXECUTIONS, 1L); // must stay last
        return alone;
    }

    static long get(long[] s, int index) {
        return (long) SLOT.getVolatile(s, index);
    }

    static void add(long[] s, int index, long delta) {
        SLOT.getAndAdd(s, index, delta);
    }

    static void set(long[] s, int index, long value) {
        SLOT.setVolatile(s, index, value);
    }

    /**
     * Subtracts a consistent cut of one stripe from it, for a reset: afterwards the stripe holds exactly the
     * recordings that completed after the cut. Retries while recordings overlap the read. What it subtracted is
     * added to {@code cut}, laid out as a stripe at offset 0 (its extremes and end times untouched), so that the
     * cuts of a cell's stripes add up to what the reset took from the cell.
     *
     * @param counts scratch space of one entry per bucket
     * @param cut    where the subtracted counters are summed up
     */
    static void subtractCut(long[] s, int off, long[] counts, long[] cut) {
        long executions;
        long failures;
        long timeouts;
        long total;
        for (int attempt = 0; ; attempt++) {
            executions = get(s, off + EXECUTIONS);
            failures = get(s, off + FAILURES);
            timeouts = get(s, off + TIMEOUTS);
            total = get(s, off + TOTAL_NANOS);
            long bucketSum = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = get(s, off + BUCKETS + i);
                bucketSum += counts[i];
            }
            if (bucketSum == executions) {
                break;
            }
            pause(attempt);
        }
        for (int i = 0; i < counts.length; i++) {
            add(s, off + BUCKETS + i, -counts[i]);
            cut[BUCKETS + i] += counts[i];
        }
        add(s, off + FAILURES, -failures);
        add(s, off + TIMEOUTS, -timeouts);
        add(s, off + TOTAL_NANOS, -total);
        add(s, off + EXECUTIONS, -executions);
        cut[EXECUTIONS] += executions;
        cut[FAILURES] += failures;
        cut[TIMEOUTS] += timeouts;
        cut[TOTAL_NANOS] += total;
    }

    /** Clears the extremes, so that they describe only what is recorded from now on. */
    static void clearExtremes(long[] s, int off) {
        set(s, off + MIN_NANOS, Long.MAX_VALUE);
        set(s, off + MAX_NANOS, 0L);
    }

    /** Backs off between attempts of a read that overlapped recordings. */
    static void pause(int attempt) {
        if (attempt < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private static void lower(long[] s, int index, long value) {
        long current = (long) SLOT.getVolatile(s, index);
        while (value < current) {
            long witness = (long) SLOT.compareAndExchange(s, index, current, value);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    private static void raise(long[] s, int index, long value) {
        long current = (long) SLOT.getVolatile(s, index);
        while (value > current) {
            long witness = (long) SLOT.compareAndExchange(s, index, current, value);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }
}
