package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.TaskStats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * The live, lock-free counters of one task since the last reset. Between resets every counter only grows.
 *
 * <h2>Consistent reads without a second "writers entered" counter</h2>
 * An execution is recorded in this order: first its histogram bucket is incremented, then failures/timeouts,
 * the total, min and max, the "last" values, and last of all {@code executions}. A reader reads
 * {@code executions} first, then the other fields, then the buckets, and accepts the cut only when the buckets
 * add up to the {@code executions} it read. Any recording whose effect the reader saw in some field had already
 * incremented its bucket before that field was read, hence before the buckets were read; so if the buckets add
 * up to exactly {@code executions}, every field the reader saw holds exactly the executions that had completed
 * when it started reading: totals, counts and histogram agree and {@code min <= average <= max}. The bucket
 * increment plays the role of "writer entered", so writers pay three atomic additions per success
 * (bucket, total, executions) and stay wait-free; only the reader retries. All accesses are volatile-mode so
 * that they are totally ordered, which the argument above needs.
 *
 * <p>A start uses a classic pair: {@code startsEntered} before and {@code starts} after the lateness fields;
 * a reader reads {@code starts}, the fields, then {@code startsEntered}, and retries when they differ.
 * The number of runs in progress is derived as {@code starts - executions} (plus the runs carried over a reset)
 * and needs no counter of its own.
 *
 * <h2>Reset</h2>
 * {@link #rebase()} clears the extremes, takes a consistent reading and subtracts it from every counter with
 * atomic additions. Recordings that race with it keep adding, and addition commutes, so afterwards each counter
 * holds exactly the recordings after the reading, and the reading-validation above still works because buckets
 * and {@code executions} (and {@code startsEntered} and {@code starts}) were lowered by the same amounts. While it
 * subtracts, the counters are briefly inconsistent, which is why snapshots and resets exclude each other.
 *
 * <h2>Footprint</h2>
 * 16 {@code long} fields, 1 {@code int}, 2 {@code boolean}s and 3 references: 160 bytes with compressed oops
 * (measured with JOL), plus the bucket array (16 + 8 x 14 = 128 bytes with the default 13 bounds): 288 bytes per
 * task, whatever happens (resets allocate nothing). The map node holding the cell adds 32 bytes; the task name
 * and the bounds are shared.
 */
final class TaskCell {

    /** Stands for "no such time" in the epoch-nanosecond fields. */
    static final long NO_TIME = Long.MIN_VALUE;

    private static final int SPINS_BEFORE_YIELD = 64;

    private static final VarHandle BUCKETS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle EXECUTIONS;
    private static final VarHandle FAILURES;
    private static final VarHandle TIMEOUTS;
    private static final VarHandle TOTAL_NANOS;
    private static final VarHandle MIN_NANOS;
    private static final VarHandle MAX_NANOS;
    private static final VarHandle LAST_SUCCESS;
    private static final VarHandle LAST_FAILURE;
    private static final VarHandle LAST_OUTCOME;
    private static final VarHandle STARTS_ENTERED;
    private static final VarHandle STARTS;
    private static final VarHandle LATENESS_TOTAL;
    private static final VarHandle LATENESS_MAX;
    private static final VarHandle LATENESS_LAST;
    private static final VarHandle SKIPPED;
    private static final VarHandle RETRIES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            EXECUTIONS = lookup.findVarHandle(TaskCell.class, "executions", long.class);
            FAILURES = lookup.findVarHandle(TaskCell.class, "failures", long.class);
            TIMEOUTS = lookup.findVarHandle(TaskCell.class, "timeouts", long.class);
            TOTAL_NANOS = lookup.findVarHandle(TaskCell.class, "totalNanos", long.class);
            MIN_NANOS = lookup.findVarHandle(TaskCell.class, "minNanos", long.class);
            MAX_NANOS = lookup.findVarHandle(TaskCell.class, "maxNanos", long.class);
            LAST_SUCCESS = lookup.findVarHandle(TaskCell.class, "lastSuccessEpochNanos", long.class);
            LAST_FAILURE = lookup.findVarHandle(TaskCell.class, "lastFailureEpochNanos", long.class);
            LAST_OUTCOME = lookup.findVarHandle(TaskCell.class, "lastOutcome", int.class);
            STARTS_ENTERED = lookup.findVarHandle(TaskCell.class, "startsEntered", long.class);
            STARTS = lookup.findVarHandle(TaskCell.class, "starts", long.class);
            LATENESS_TOTAL = lookup.findVarHandle(TaskCell.class, "latenessTotalNanos", long.class);
            LATENESS_MAX = lookup.findVarHandle(TaskCell.class, "latenessMaxNanos", long.class);
            LATENESS_LAST = lookup.findVarHandle(TaskCell.class, "latenessLastNanos", long.class);
            SKIPPED = lookup.findVarHandle(TaskCell.class, "skipped", long.class);
            RETRIES = lookup.findVarHandle(TaskCell.class, "retries", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    private final BucketBounds bounds;
    private final long[] buckets;

    // Accessed only through the VarHandles above.
    private long executions;
    private long failures;
    private long timeouts;
    private long totalNanos;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos;
    private long lastSuccessEpochNanos = NO_TIME;
    private long lastFailureEpochNanos = NO_TIME;
    private int lastOutcome = ExecutionOutcome.NONE.ordinal();
    private long startsEntered;
    private long starts;
    private long latenessTotalNanos;
    private long latenessMaxNanos;
    private long latenessLastNanos;
    private long skipped;
    private long retries;

    /** Whether the task is registered; an unregistered cell is dropped at the next reset. */
    volatile boolean registered;
    /** Set when the cell was dropped from the collector: recordings into it are no longer seen. */
    volatile boolean retired;
    /** Runs that were in progress at the last reset; guarded by the collector's snapshot lock. */
    private long runningAtReset;

    TaskCell(String name, BucketBounds bounds) {
        this.name = name;
        this.bounds = bounds;
        this.buckets = new long[bounds.bucketCount()];
    }

    /** A run started {@code latenessNanos} after its planned fire time. */
    void recordStart(long latenessNanos) {
        STARTS_ENTERED.getAndAdd(this, 1L);
        LATENESS_TOTAL.getAndAdd(this, latenessNanos);
        raise(LATENESS_MAX, latenessNanos);
        LATENESS_LAST.setRelease(this, latenessNanos);
        STARTS.getAndAdd(this, 1L);
    }

    /** A run succeeded after {@code durationNanos}, ending at {@code endEpochNanos}. */
    void recordSuccess(long durationNanos, long endEpochNanos) {
        long duration = Math.max(0, durationNanos);
        BUCKETS.getAndAdd(buckets, bounds.bucketOf(duration), 1L); // must stay first: see the class comment
        TOTAL_NANOS.getAndAdd(this, duration);
        lower(MIN_NANOS, duration);
        raise(MAX_NANOS, duration);
        LAST_SUCCESS.setRelease(this, endEpochNanos);
        LAST_OUTCOME.setRelease(this, ExecutionOutcome.SUCCESS.ordinal());
        EXECUTIONS.getAndAdd(this, 1L); // must stay last
    }

    /** A run failed, or timed out when {@code timedOut}, after {@code durationNanos}, ending at {@code endEpochNanos}. */
    void recordFailure(long durationNanos, long endEpochNanos, boolean timedOut) {
        long duration = Math.max(0, durationNanos);
        BUCKETS.getAndAdd(buckets, bounds.bucketOf(duration), 1L); // must stay first: see the class comment
        FAILURES.getAndAdd(this, 1L);
        if (timedOut) {
            TIMEOUTS.getAndAdd(this, 1L);
        }
        TOTAL_NANOS.getAndAdd(this, duration);
        lower(MIN_NANOS, duration);
        raise(MAX_NANOS, duration);
        LAST_FAILURE.setRelease(this, endEpochNanos);
        LAST_OUTCOME.setRelease(this,
                timedOut ? ExecutionOutcome.TIMEOUT.ordinal() : ExecutionOutcome.FAILURE.ordinal());
        EXECUTIONS.getAndAdd(this, 1L); // must stay last
    }

    /** A fire was skipped. */
    void recordSkipped() {
        SKIPPED.getAndAdd(this, 1L);
        LAST_OUTCOME.setRelease(this, ExecutionOutcome.SKIPPED.ordinal());
    }

    /** An attempt failed and will be retried. */
    void recordRetry() {
        RETRIES.getAndAdd(this, 1L);
    }

    /**
     * Zeroes the counters for a reset, consistently with recordings in flight: each one ends up entirely before
     * (and forgotten) or entirely after (and counted). Only under the collector's snapshot lock.
     */
    void rebase() {
        // Extremes first: a recording that still saw the old ones had entered before the reading below, so it is
        // part of what gets subtracted; one that enters later sees the cleared values.
        MIN_NANOS.setVolatile(this, Long.MAX_VALUE);
        MAX_NANOS.setVolatile(this, 0L);
        LATENESS_MAX.setVolatile(this, 0L);
        CellReading reading = read();
        long[] counts = reading.buckets();
        for (int i = 0; i < counts.length; i++) {
            BUCKETS.getAndAdd(buckets, i, -counts[i]);
        }
        FAILURES.getAndAdd(this, -reading.failures());
        TIMEOUTS.getAndAdd(this, -reading.timeouts());
        TOTAL_NANOS.getAndAdd(this, -reading.totalNanos());
        EXECUTIONS.getAndAdd(this, -reading.executions());
        STARTS_ENTERED.getAndAdd(this, -reading.starts());
        LATENESS_TOTAL.getAndAdd(this, -reading.latenessTotalNanos());
        STARTS.getAndAdd(this, -reading.starts());
        SKIPPED.getAndAdd(this, -reading.skipped());
        RETRIES.getAndAdd(this, -reading.retries());
        runningAtReset = reading.running();
    }

    /** The statistics since the last reset. Only under the collector's snapshot lock. */
    TaskStats stats() {
        return read().toStats(name, bounds);
    }

    /** A consistent cut of the counters; retries while recordings overlap the read, never blocking them. */
    private CellReading read() {
        long[] counts = new long[buckets.length];
        long executionsRead;
        long failuresRead;
        long timeoutsRead;
        long totalRead;
        long minRead;
        long maxRead;
        for (int attempt = 0; ; attempt++) {
            executionsRead = (long) EXECUTIONS.getVolatile(this);
            failuresRead = (long) FAILURES.getVolatile(this);
            timeoutsRead = (long) TIMEOUTS.getVolatile(this);
            totalRead = (long) TOTAL_NANOS.getVolatile(this);
            minRead = (long) MIN_NANOS.getVolatile(this);
            maxRead = (long) MAX_NANOS.getVolatile(this);
            long bucketSum = 0;
            for (int i = 0; i < counts.length; i++) {
                long c = (long) BUCKETS.getVolatile(buckets, i);
                counts[i] = c;
                bucketSum += c;
            }
            if (bucketSum == executionsRead) {
                break;
            }
            pause(attempt);
        }

        long startsRead;
        long latenessTotalRead;
        long latenessMaxRead;
        long latenessLastRead;
        for (int attempt = 0; ; attempt++) {
            startsRead = (long) STARTS.getVolatile(this);
            latenessTotalRead = (long) LATENESS_TOTAL.getVolatile(this);
            latenessMaxRead = (long) LATENESS_MAX.getVolatile(this);
            latenessLastRead = (long) LATENESS_LAST.getVolatile(this);
            if ((long) STARTS_ENTERED.getVolatile(this) == startsRead) {
                break;
            }
            pause(attempt);
        }

        return new CellReading(executionsRead, failuresRead, timeoutsRead, totalRead, minRead, maxRead, counts,
                startsRead, runningAtReset, latenessTotalRead, latenessMaxRead, latenessLastRead,
                (long) SKIPPED.getVolatile(this), (long) RETRIES.getVolatile(this),
                (long) LAST_SUCCESS.getVolatile(this), (long) LAST_FAILURE.getVolatile(this),
                (int) LAST_OUTCOME.getVolatile(this));
    }

    /** Converts an instant to nanoseconds since the epoch, saturating outside years 1678..2262. */
    static long toEpochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return NO_TIME + 1;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /** {@code start + duration}, saturating instead of overflowing. */
    static long endEpochNanos(long startEpochNanos, long durationNanos) {
        long end = startEpochNanos + Math.max(0, durationNanos);
        return end < startEpochNanos ? Long.MAX_VALUE : end;
    }

    private void lower(VarHandle field, long value) {
        long current = (long) field.getVolatile(this);
        while (value < current) {
            long witness = (long) field.compareAndExchange(this, current, value);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    private void raise(VarHandle field, long value) {
        long current = (long) field.getVolatile(this);
        while (value > current) {
            long witness = (long) field.compareAndExchange(this, current, value);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    private static void pause(int attempt) {
        if (attempt < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
