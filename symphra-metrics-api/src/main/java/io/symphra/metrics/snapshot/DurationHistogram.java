package io.symphra.metrics.snapshot;

import java.util.Arrays;

/**
 * Distribution of task execution durations over fixed buckets.
 *
 * <p>Bucket {@code i} for {@code i < bucketCount() - 1} counts durations {@code <= upperBound(i)} seconds and
 * {@code > upperBound(i - 1)}; the last bucket has an upper bound of {@link Double#POSITIVE_INFINITY} and counts
 * the rest. Instances are immutable: the arrays passed in are copied unless the caller promises, through
 * {@link #wrap}, never to change them again.
 */
public final class DurationHistogram {

    /** The default upper bounds, in seconds: 5 ms to 60 s. */
    public static final double[] DEFAULT_BOUNDS_SECONDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    private static final DurationHistogram EMPTY_DEFAULT = empty(DEFAULT_BOUNDS_SECONDS);

    private final double[] upperBounds; // finite bounds, ascending; +Inf is implicit
    private final long[] counts; // upperBounds.length + 1 entries, not cumulative
    private final long count;
    private final double sumSeconds;

    private DurationHistogram(double[] upperBounds, long[] counts, double sumSeconds) {
        this(upperBounds, counts, sumSeconds, false);
    }

    private DurationHistogram(double[] upperBounds, long[] counts, double sumSeconds, boolean boundsChecked) {
        if (counts.length != upperBounds.length + 1) {
            throw new IllegalArgumentException("counts needs " + (upperBounds.length + 1)
                    + " entries (one per bound plus +Inf), got " + counts.length);
        }
        for (int i = 1; !boundsChecked && i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException(
                        "bucket bounds must be strictly ascending: " + Arrays.toString(upperBounds));
            }
        }
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("bucket counts must not be negative: " + Arrays.toString(counts));
            }
            total += c;
        }
        this.upperBounds = upperBounds;
        this.counts = counts;
        this.count = total;
        this.sumSeconds = sumSeconds;
    }

    /**
     * Builds a histogram from copies of the given arrays.
     *
     * @param upperBoundsSeconds finite, strictly ascending upper bounds in seconds
     * @param bucketCounts       per-bucket (not cumulative) counts, one more than there are bounds
     * @param sumSeconds         the sum of all observed durations in seconds
     */
    public static DurationHistogram of(double[] upperBoundsSeconds, long[] bucketCounts, double sumSeconds) {
        return new DurationHistogram(upperBoundsSeconds.clone(), bucketCounts.clone(), sumSeconds);
    }

    /**
     * Builds a histogram that takes ownership of the arrays, without copying: the caller must never change them
     * afterwards. The bounds array may be shared by many histograms.
     */
    public static DurationHistogram wrap(double[] upperBoundsSeconds, long[] bucketCounts, double sumSeconds) {
        return new DurationHistogram(upperBoundsSeconds, bucketCounts, sumSeconds);
    }

    /**
     * A histogram with this one's bounds and the given counts, taking ownership of the counts array without copying
     * (the caller must never change it afterwards): {@link #wrap} without checking the bounds again, for a
     * collector that builds many histograms over the same bounds.
     *
     * @param bucketCounts per-bucket (not cumulative) counts, {@link #bucketCount()} entries
     * @param sumSeconds   the sum of all observed durations in seconds
     */
    public DurationHistogram wrapCounts(long[] bucketCounts, double sumSeconds) {
        return new DurationHistogram(upperBounds, bucketCounts, sumSeconds, true);
    }

    /** A histogram with the given bounds and no observations. */
    public static DurationHistogram empty(double[] upperBoundsSeconds) {
        return new DurationHistogram(upperBoundsSeconds.clone(), new long[upperBoundsSeconds.length + 1], 0.0);
    }

    /** An empty histogram over {@link #DEFAULT_BOUNDS_SECONDS}. */
    public static DurationHistogram emptyDefault() {
        return EMPTY_DEFAULT;
    }

    /** Number of buckets, including the last one whose upper bound is +Inf. */
    public int bucketCount() {
        return counts.length;
    }

    /** Upper bound of bucket {@code i} in seconds; {@link Double#POSITIVE_INFINITY} for the last bucket. */
    public double upperBound(int i) {
        return i == upperBounds.length ? Double.POSITIVE_INFINITY : upperBounds[i];
    }

    /** Observations that fell into bucket {@code i} alone. */
    public long bucketCount(int i) {
        return counts[i];
    }

    /** Observations {@code <= upperBound(i)}: the running total Prometheus calls {@code le}. */
    public long cumulativeCount(int i) {
        long sum = 0;
        for (int b = 0; b <= i; b++) {
            sum += counts[b];
        }
        return sum;
    }

    /** Total number of observations. */
    public long count() {
        return count;
    }

    /** Sum of all observed durations in seconds. */
    public double sumSeconds() {
        return sumSeconds;
    }

    /** A copy of the finite upper bounds in seconds (the implicit +Inf bucket is not included). */
    public double[] upperBoundsSeconds() {
        return upperBounds.clone();
    }

    /** A copy of the per-bucket counts, including the +Inf bucket. */
    public long[] bucketCounts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurationHistogram other
                && Arrays.equals(upperBounds, other.upperBounds)
                && Arrays.equals(counts, other.counts)
                && Double.compare(sumSeconds, other.sumSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(counts)) + Double.hashCode(sumSeconds);
    }

    @Override
    public String toString() {
        return "DurationHistogram[count=" + count + ", sum=" + sumSeconds + "s, bounds=" + Arrays.toString(upperBounds)
                + ", counts=" + Arrays.toString(counts) + "]";
    }
}
