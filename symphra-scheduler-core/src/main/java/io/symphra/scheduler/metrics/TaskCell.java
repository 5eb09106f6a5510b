package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.internal.EpochNanos;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

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
 * <h2>Stripes under contention</h2>
 * The execution counters live in {@link ExecutionStripe}s. A cell starts with one, the base stripe. When two
 * threads record into the same stripe at the same moment (the compare-and-set on its total fails), the cell
 * inflates to a small power-of-two array of padded stripes, each thread picks one by its {@link ThreadProbe}, and
 * a thread that collides again moves its probe and doubles the array up to the number of processors, as
 * {@code java.util.concurrent.atomic.LongAdder} does. The base stripe keeps what it holds and still takes the
 * recordings that had already started into it. A reader sums: it reads the array once per attempt, then every
 * stripe's {@code executions}, then every stripe's fields, then every stripe's buckets, and accepts when the sums
 * agree. Each stripe's bucket sum is at least its {@code executions} at all times and grows, so equal sums mean
 * equal parts: every stripe's cut is consistent, and so is their sum. A stripe added after the reader read the
 * array holds only recordings the reader did not see at all. Extremes are the extremes over the stripes; the end
 * of the last success or failure is the latest over the stripes.
 *
 * <p>The last outcome is one field of the cell, written only when it changes, so that a stream of successes does
 * not write to a line all threads share.
 *
 * <p>A start uses a classic pair: {@code startsEntered} before and {@code starts} after the lateness fields;
 * a reader reads {@code starts}, the fields, then {@code startsEntered}, and retries when they differ.
 * The number of runs in progress is derived as {@code starts - executions} (plus the runs carried over a reset)
 * and needs no counter of its own.
 *
 * <h2>Reset</h2>
 * {@link #rebase()} clears the extremes, takes a consistent reading of each stripe and subtracts it from that
 * stripe with atomic additions. Recordings that race with it keep adding, and addition commutes, so afterwards
 * each counter holds exactly the recordings after the reading, and the reading-validation above still works
 * because buckets and {@code executions} (and {@code startsEntered} and {@code starts}) were lowered by the same
 * amounts. While it subtracts, the counters are briefly inconsistent, which is why snapshots and resets exclude
 * each other. Stripes are never removed.
 *
 * <h2>Footprint</h2>
 * Uncontended: the cell object (104 bytes with compressed oops, measured with JOL) plus the base stripe
 * (16 + 8 x (8 + 14) = 192 bytes with the default 13 bounds), 296 bytes; resets allocate nothing. A contended cell
 * adds one padded stripe of 448 bytes per processor at most. The map node holding the cell adds 32 bytes; the task name and the bounds
 * are shared.
 */
final class TaskCell {

    /** Stands for "no such time" in the epoch-nanosecond fields. */
    static final long NO_TIME = EpochNanos.NONE;

    /** Stripes a contended cell may grow to: the processors, rounded up to a power of two, at least 2. */
    private static final int MAX_STRIPES =
            Math.max(2, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 2 - 1));

    private static final int SUCCESS = ExecutionOutcome.SUCCESS.ordinal();
    private static final int FAILURE = ExecutionOutcome.FAILURE.ordinal();
    private static final int TIMEOUT = ExecutionOutcome.TIMEOUT.ordinal();
    private static final int SKIPPED_OUTCOME = ExecutionOutcome.SKIPPED.ordinal();
    private static final ExecutionOutcome[] OUTCOMES = ExecutionOutcome.values();
    /** What {@link #stats()} sums over besides the base stripe while the cell has no padded stripes. */
    private static final long[][] NO_STRIPES = new long[0][];

    private static final VarHandle STRIPES;
    private static final VarHandle LAST_OUTCOME;
    private static final VarHandle STARTS_ENTERED;
    private static final VarHandle STARTS;
    private static final VarHandle LATENESS_TOTAL;
    private static final VarHandle LATENESS_MAX;
    private static final VarHandle LATENESS_LAST;
    private static final VarHandle SKIPPED;
    private static final VarHandle RETRIES;
    private static final VarHandle MISSED;
    private static final VarHandle CLAIMS;
    private static final VarHandle EXEMPLARS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STRIPES = lookup.findVarHandle(TaskCell.class, "stripes", long[][].class);
            LAST_OUTCOME = lookup.findVarHandle(TaskCell.class, "lastOutcome", int.class);
            STARTS_ENTERED = lookup.findVarHandle(TaskCell.class, "startsEntered", long.class);
            STARTS = lookup.findVarHandle(TaskCell.class, "starts", long.class);
            LATENESS_TOTAL = lookup.findVarHandle(TaskCell.class, "latenessTotalNanos", long.class);
            LATENESS_MAX = lookup.findVarHandle(TaskCell.class, "latenessMaxNanos", long.class);
            LATENESS_LAST = lookup.findVarHandle(TaskCell.class, "latenessLastNanos", long.class);
            SKIPPED = lookup.findVarHandle(TaskCell.class, "skipped", long.class);
            RETRIES = lookup.findVarHandle(TaskCell.class, "retries", long.class);
            MISSED = lookup.findVarHandle(TaskCell.class, "missed", long.class);
            CLAIMS = lookup.findVarHandle(TaskCell.class, "claims", ClaimCounters.class);
            EXEMPLARS = lookup.findVarHandle(TaskCell.class, "exemplars", BucketExemplars.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    private final BucketBounds bounds;
    /** The stripe every cell has, at offset 0. */
    private final long[] base;
    /** Padded stripes at offset {@link ExecutionStripe#PAD}, null until recordings collide; only ever grows. */
    private volatile long[][] stripes;

    // Accessed only through the VarHandles above.
    private int lastOutcome = ExecutionOutcome.NONE.ordinal();
    private long startsEntered;
    private long starts;
    private long latenessTotalNanos;
    private long latenessMaxNanos;
    private long latenessLastNanos;
    private long skipped;
    private long retries;
    private long missed;
    /** Cluster mode's counters, null until the task's first fire is claimed. */
    private ClaimCounters claims;

    /** The traced runs shown as the histogram's exemplars, null until the task's first traced run. */
    private BucketExemplars exemplars;

    /** Whether the task is registered; an unregistered cell is dropped at the next reset. */
    volatile boolean registered;
    /** Set when the cell was dropped from the collector: recordings into it are no longer seen. */
    volatile boolean retired;
    /** Runs that were in progress at the last reset; guarded by the collector's snapshot lock. */
    private long runningAtReset;

    /** Stripes this cell may grow to, a power of two of at least 2. */
    private final int maxStripes;

    TaskCell(String name, BucketBounds bounds) {
        this(name, bounds, MAX_STRIPES);
    }

    /** A cell whose stripes may grow to {@code maxStripes}, a power of two of at least 2. */
    TaskCell(String name, BucketBounds bounds, int maxStripes) {
        if (maxStripes < 2 || Integer.bitCount(maxStripes) != 1) {
            throw new IllegalArgumentException("maxStripes must be a power of two >= 2, got " + maxStripes);
        }
        this.name = name;
        this.bounds = bounds;
        this.maxStripes = maxStripes;
        this.base = ExecutionStripe.unpadded(bounds.bucketCount());
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
        record(durationNanos, endEpochNanos, SUCCESS);
    }

    /** A run failed, or timed out when {@code timedOut}, after {@code durationNanos}, ending at {@code endEpochNanos}. */
    void recordFailure(long durationNanos, long endEpochNanos, boolean timedOut) {
        record(durationNanos, endEpochNanos, timedOut ? TIMEOUT : FAILURE);
    }

    /**
     * A run of trace {@code traceId} ended after {@code durationNanos}, at {@code endEpochNanos}, and was recorded
     * (or is about to be): it becomes its bucket's exemplar.
     */
    void recordExemplar(String traceId, long durationNanos, long endEpochNanos) {
        BucketExemplars current = (BucketExemplars) EXEMPLARS.getAcquire(this);
        if (current == null) {
            BucketExemplars created = new BucketExemplars(bounds.bucketCount());
            BucketExemplars witness = (BucketExemplars) EXEMPLARS.compareAndExchange(this, null, created);
            current = witness != null ? witness : created;
        }
        current.offer(bounds.bucketOf(Math.max(0, durationNanos)), traceId, durationNanos, endEpochNanos);
    }

    private void record(long durationNanos, long endEpochNanos, int outcome) {
        long duration = Math.max(0, durationNanos);
        int bucket = bounds.bucketOf(duration);
        setOutcome(outcome);
        boolean failed = outcome != SUCCESS;
        boolean timedOut = outcome == TIMEOUT;
        long[][] striped = stripes;
        if (striped == null) {
            if (!ExecutionStripe.record(base, 0, bucket, duration, endEpochNanos, failed, timedOut)) {
                STRIPES.compareAndSet(this, null, grown(null));
            }
            return;
        }
        int[] probe = ThreadProbe.current();
        long[] stripe = striped[probe[0] & (striped.length - 1)];
        if (!ExecutionStripe.record(stripe, ExecutionStripe.PAD, bucket, duration, endEpochNanos, failed, timedOut)) {
            ThreadProbe.advance(probe);
            if (striped.length < maxStripes) {
                STRIPES.compareAndSet(this, striped, grown(striped));
            }
        }
    }

    /** A copy of {@code striped} (none when null) with twice the stripes (2 at first), the new ones empty. */
    private long[][] grown(long[][] striped) {
        int length = striped == null ? 2 : striped.length * 2;
        long[][] grown = new long[length][];
        int kept = 0;
        if (striped != null) {
            System.arraycopy(striped, 0, grown, 0, striped.length);
            kept = striped.length;
        }
        for (int i = kept; i < length; i++) {
            grown[i] = ExecutionStripe.padded(bounds.bucketCount());
        }
        return grown;
    }

    /** A fire was skipped. */
    void recordSkipped() {
        SKIPPED.getAndAdd(this, 1L);
        setOutcome(SKIPPED_OUTCOME);
    }

    /** {@code count} planned fires were never run. */
    void recordMissed(long count) {
        MISSED.getAndAdd(this, count);
    }

    /** Cluster mode's counters, created by the first caller. */
    ClaimCounters claims() {
        ClaimCounters current = (ClaimCounters) CLAIMS.getAcquire(this);
        if (current != null) {
            return current;
        }
        ClaimCounters created = new ClaimCounters();
        ClaimCounters witness = (ClaimCounters) CLAIMS.compareAndExchange(this, null, created);
        return witness != null ? witness : created;
    }

    private ClusterClaims readClaims() {
        ClaimCounters current = (ClaimCounters) CLAIMS.getAcquire(this);
        return current == null ? ClusterClaims.NONE : current.read();
    }

    /** An attempt failed and will be retried. */
    void recordRetry() {
        RETRIES.getAndAdd(this, 1L);
    }

    private void setOutcome(int outcome) {
        // Skipping an unchanged value is linearizable at the read, and keeps the line shared by all recorders.
        if ((int) LAST_OUTCOME.getOpaque(this) != outcome) {
            LAST_OUTCOME.setVolatile(this, outcome);
        }
    }

    /** The padded stripes recordings are spread over: 0 until they collided, then a power of two. */
    int stripeCount() {
        long[][] striped = stripes;
        return striped == null ? 0 : striped.length;
    }

    /**
     * Does what a collision does: inflates the cell to stripes, or doubles them up to the limit. For tests that
     * must exercise stripes whatever the timing of their threads.
     */
    void spread() {
        long[][] striped = stripes;
        if (striped == null || striped.length < maxStripes) {
            STRIPES.compareAndSet(this, striped, grown(striped));
        }
    }

    /**
     * Zeroes the counters for a reset, consistently with recordings in flight: each one ends up entirely before
     * (and in the returned statistics) or entirely after (and counted from now on). Only under the collector's
     * snapshot lock.
     *
     * @return the statistics of the period that ends: exactly the counts subtracted; the extremes and end times as
     *     read just before they were cleared, so a run racing the reset may be missing from them (then min and max
     *     still enclose the mean)
     */
    TaskStats rebase() {
        long[][] striped = stripes;
        long[][] all = striped == null ? NO_STRIPES : striped;
        int pad = ExecutionStripe.PAD;
        long minRead = smallest(all, ExecutionStripe.MIN_NANOS);
        long maxRead = largest(all, ExecutionStripe.MAX_NANOS);
        long latenessMaxRead = (long) LATENESS_MAX.getVolatile(this);
        // Extremes first: a recording that still saw the old ones had entered before the reading below, so it is
        // part of what gets subtracted; one that enters later sees the cleared values.
        ExecutionStripe.clearExtremes(base, 0);
        for (long[] stripe : all) {
            ExecutionStripe.clearExtremes(stripe, pad);
        }
        LATENESS_MAX.setVolatile(this, 0L);
        long[] scratch = new long[bounds.bucketCount()];
        long[] cut = new long[ExecutionStripe.BUCKETS + scratch.length];
        ExecutionStripe.subtractCut(base, 0, scratch, cut);
        for (long[] stripe : all) {
            ExecutionStripe.subtractCut(stripe, pad, scratch, cut);
        }
        long startsRead;
        long latenessTotalRead;
        long latenessLastRead;
        for (int attempt = 0; ; attempt++) {
            startsRead = (long) STARTS.getVolatile(this);
            latenessTotalRead = (long) LATENESS_TOTAL.getVolatile(this);
            latenessLastRead = (long) LATENESS_LAST.getVolatile(this);
            if ((long) STARTS_ENTERED.getVolatile(this) == startsRead) {
                break;
            }
            ExecutionStripe.pause(attempt);
        }
        STARTS_ENTERED.getAndAdd(this, -startsRead);
        LATENESS_TOTAL.getAndAdd(this, -latenessTotalRead);
        STARTS.getAndAdd(this, -startsRead);
        // What is subtracted is what was read: a skip or retry recorded in between stays for the new period.
        long skippedRead = (long) SKIPPED.getVolatile(this);
        SKIPPED.getAndAdd(this, -skippedRead);
        long retriesRead = (long) RETRIES.getVolatile(this);
        RETRIES.getAndAdd(this, -retriesRead);
        long missedRead = (long) MISSED.getVolatile(this);
        MISSED.getAndAdd(this, -missedRead);
        ClaimCounters claimCounters = (ClaimCounters) CLAIMS.getAcquire(this);
        ClusterClaims claimsRead = claimCounters == null ? ClusterClaims.NONE : claimCounters.rebase();
        long executions = cut[ExecutionStripe.EXECUTIONS];
        long total = cut[ExecutionStripe.TOTAL_NANOS];
        // Runs recorded between the reading of the extremes and the cut are counted without them: widen the
        // extremes to the mean so that they still enclose it (min * n <= total <= max * n).
        long meanFloor = executions == 0 ? 0 : total / executions;
        long meanCeil = executions == 0 ? 0 : Math.floorDiv(total + executions - 1, executions);
        long latenessCeil = startsRead == 0 ? 0 : Math.floorDiv(latenessTotalRead + startsRead - 1, startsRead);
        TaskStats ended = toStats(
                Arrays.copyOfRange(cut, ExecutionStripe.BUCKETS, cut.length),
                executions,
                cut[ExecutionStripe.FAILURES],
                cut[ExecutionStripe.TIMEOUTS],
                total,
                Math.min(minRead, meanFloor),
                Math.max(maxRead, meanCeil),
                largest(all, ExecutionStripe.LAST_SUCCESS),
                largest(all, ExecutionStripe.LAST_FAILURE),
                new Lateness(
                        startsRead,
                        latenessTotalRead,
                        Math.max(latenessMaxRead, Math.max(latenessLastRead, latenessCeil)),
                        latenessLastRead),
                skippedRead,
                retriesRead,
                new ScheduleSignals(null, missedRead, 0),
                claimsRead,
                RunPolicy.ANY);
        runningAtReset = ended.running();
        BucketExemplars traced = (BucketExemplars) EXEMPLARS.getAcquire(this);
        if (traced != null) {
            traced.clear();
        }
        return ended;
    }

    /** Whether nothing was recorded since the last reset and no run is in progress. Under the snapshot lock. */
    boolean isBlank() {
        TaskStats stats = stats();
        ClaimCounters claimCounters = (ClaimCounters) CLAIMS.getAcquire(this);
        return (long) STARTS_ENTERED.getVolatile(this) == 0
                && stats.successes() + stats.failures() + stats.skipped() + stats.retries() + stats.running() == 0
                && (long) MISSED.getVolatile(this) == 0
                && (claimCounters == null || claimCounters.isBlank());
    }

    /**
     * The statistics since the last reset, a consistent cut that retries while recordings overlap the read,
     * never blocking them. Extremes and "last" values are only reported when something was counted since the
     * reset, which hides values left over from before it. Only under the collector's snapshot lock.
     */
    TaskStats stats() {
        return stats(NO_TIME, 0, RunPolicy.ANY);
    }

    /**
     * {@link #stats()} with the schedule signals that live in the scheduler, not here: the next planned fire
     * ({@link #NO_TIME} when none), the age of the oldest run in progress and what the task's configuration lets
     * happen to its runs.
     */
    TaskStats stats(long nextFireEpochNanos, long oldestRunAgeNanos, RunPolicy policy) {
        long[] counts = new long[bounds.bucketCount()];
        long executions;
        long failures;
        long timeouts;
        long total;
        long min;
        long max;
        long lastSuccess;
        long lastFailure;
        for (int attempt = 0; ; attempt++) {
            long[][] read = stripes;
            long[][] striped = read == null ? NO_STRIPES : read;
            executions = sum(striped, ExecutionStripe.EXECUTIONS);
            failures = sum(striped, ExecutionStripe.FAILURES);
            timeouts = sum(striped, ExecutionStripe.TIMEOUTS);
            total = sum(striped, ExecutionStripe.TOTAL_NANOS);
            min = smallest(striped, ExecutionStripe.MIN_NANOS);
            max = largest(striped, ExecutionStripe.MAX_NANOS);
            lastSuccess = largest(striped, ExecutionStripe.LAST_SUCCESS);
            lastFailure = largest(striped, ExecutionStripe.LAST_FAILURE);
            long bucketSum = 0;
            for (int i = 0; i < counts.length; i++) {
                long c = sum(striped, ExecutionStripe.BUCKETS + i);
                counts[i] = c;
                bucketSum += c;
            }
            if (bucketSum == executions) {
                break;
            }
            ExecutionStripe.pause(attempt);
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
            ExecutionStripe.pause(attempt);
        }
        return toStats(
                counts,
                executions,
                failures,
                timeouts,
                total,
                min,
                max,
                lastSuccess,
                lastFailure,
                new Lateness(startsRead, latenessTotalRead, latenessMaxRead, latenessLastRead),
                (long) SKIPPED.getVolatile(this),
                (long) RETRIES.getVolatile(this),
                new ScheduleSignals(
                        nextFireEpochNanos == NO_TIME ? null : EpochNanos.toInstant(nextFireEpochNanos),
                        (long) MISSED.getVolatile(this),
                        Math.max(0, oldestRunAgeNanos)),
                readClaims(),
                policy);
    }

    /** Statistics from consistent readings; extremes and "last" values only where something was counted. */
    private TaskStats toStats(
            long[] counts,
            long executions,
            long failures,
            long timeouts,
            long total,
            long min,
            long max,
            long lastSuccess,
            long lastFailure,
            Lateness lateness,
            long skippedRead,
            long retriesRead,
            ScheduleSignals schedule,
            ClusterClaims cluster,
            RunPolicy policy) {
        int outcomeRead = (int) LAST_OUTCOME.getVolatile(this);
        long successes = executions - failures;
        DurationHistogram histogram = executions == 0
                ? bounds.emptyHistogram()
                : withExemplars(bounds.emptyHistogram().wrapCounts(counts, total / 1e9));
        ExecutionOutcome outcome = executions + skippedRead == 0 ? ExecutionOutcome.NONE : OUTCOMES[outcomeRead];
        return new TaskStats(
                name,
                successes,
                failures,
                timeouts,
                skippedRead,
                retriesRead,
                running(lateness.count(), executions),
                total,
                executions == 0 ? 0 : min,
                executions == 0 ? 0 : max,
                successes == 0 ? null : EpochNanos.toInstant(lastSuccess),
                failures == 0 ? null : EpochNanos.toInstant(lastFailure),
                outcome,
                histogram,
                lateness.count() == 0 ? Lateness.NONE : lateness,
                schedule,
                cluster,
                policy);
    }

    private DurationHistogram withExemplars(DurationHistogram histogram) {
        BucketExemplars traced = (BucketExemplars) EXEMPLARS.getAcquire(this);
        return traced == null ? histogram : traced.attachTo(histogram);
    }

    /** The base stripe's field at {@code index} plus every padded stripe's. */
    private long sum(long[][] striped, int index) {
        long sum = ExecutionStripe.get(base, index);
        for (long[] stripe : striped) {
            sum += ExecutionStripe.get(stripe, ExecutionStripe.PAD + index);
        }
        return sum;
    }

    /** The smallest of the base stripe's field at {@code index} and every padded stripe's. */
    private long smallest(long[][] striped, int index) {
        long min = ExecutionStripe.get(base, index);
        for (long[] stripe : striped) {
            min = Math.min(min, ExecutionStripe.get(stripe, ExecutionStripe.PAD + index));
        }
        return min;
    }

    /** The largest of the base stripe's field at {@code index} and every padded stripe's. */
    private long largest(long[][] striped, int index) {
        long max = ExecutionStripe.get(base, index);
        for (long[] stripe : striped) {
            max = Math.max(max, ExecutionStripe.get(stripe, ExecutionStripe.PAD + index));
        }
        return max;
    }

    /** Loads a word of each cache line {@link #stats()} reads, so that they are on their way; the sum means nothing. */
    long touch() {
        long[] s = base;
        return s[0] + s[ExecutionStripe.BUCKETS + 2] + s[s.length - 1] + latenessLastNanos + skipped;
    }

    /**
     * Runs in progress. Never negative: a run whose start was lost (its task was dropped at a reset while it ran,
     * or the caller reported an end without a start) would otherwise push it below zero.
     */
    private long running(long startsRead, long executions) {
        return Math.max(0, startsRead - executions + runningAtReset);
    }

    /** {@code start + duration}, saturating instead of overflowing. */
    static long endEpochNanos(long startEpochNanos, long durationNanos) {
        long end = startEpochNanos + Math.max(0, durationNanos);
        return end < startEpochNanos ? Long.MAX_VALUE : end;
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
}
