package io.symphra.metrics.snapshot;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Distribution of task execution durations over fixed buckets.
 *
 * <p>Bucket {@code i} for {@code i < bucketCount() - 1} counts durations {@code <= upperBound(i)} seconds and
 * {@code > upperBound(i - 1)}; the last bucket has an upper bound of {@link Double#POSITIVE_INFINITY} and counts
 * the rest. Instances are immutable: the arrays passed in are copied unless the caller promises, through
 * {@link #wrap}, never to change them again.
 *
 * <p>A bucket may carry an {@link Exemplar}: one recent observation of that bucket with the labels that identify it
 * (with tracing on, its trace id). Exemplars are optional extras: they take no part in the counts, and formats that
 * have no place for them ignore them.
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
    /** One entry (or {@code null}) per bucket, or {@code null} when no bucket has an exemplar. */
    private final Exemplar[] exemplars;

    /**
     * One observation of a bucket, shown beside the bucket's count so that a user can go from a slow bucket to the
     * run that landed there (the OpenMetrics exemplar).
     *
     * @param valueSeconds the observed duration in seconds
     * @param timestamp when the observation was made
     * @param labels what identifies it, such as {@code trace_id}: at least one, each name matching
     *     {@code [a-zA-Z_][a-zA-Z0-9_]*}
     */
    public record Exemplar(double valueSeconds, Instant timestamp, Map<String, String> labels) {
        public Exemplar {
            Objects.requireNonNull(timestamp, "timestamp");
            labels = Map.copyOf(labels);
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("an exemplar needs at least one label");
            }
            for (String name : labels.keySet()) {
                if (!isLabelName(name)) {
                    throw new IllegalArgumentException("not a label name: '" + name + "'");
                }
            }
        }

        private static boolean isLabelName(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
                if (!letter && (i == 0 || c < '0' || c > '9')) {
                    return false;
                }
            }
            return !name.isEmpty();
        }
    }

    private DurationHistogram(double[] upperBounds, long[] counts, double sumSeconds) {
        this(upperBounds, counts, sumSeconds, false);
    }

    private DurationHistogram(double[] upperBounds, long[] counts, double sumSeconds, boolean boundsChecked) {
        this(upperBounds, counts, sumSeconds, boundsChecked, null);
    }

    private DurationHistogram(
            double[] upperBounds, long[] counts, double sumSeconds, boolean boundsChecked, Exemplar[] exemplars) {
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
        this.exemplars = exemplars;
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

    /**
     * This histogram with {@code perBucket} as its buckets' exemplars (copied): entry {@code i}, or {@code null}, is
     * bucket {@code i}'s.
     *
     * @throws IllegalArgumentException when {@code perBucket} does not have {@link #bucketCount()} entries
     */
    public DurationHistogram withExemplars(Exemplar[] perBucket) {
        if (perBucket.length != counts.length) {
            throw new IllegalArgumentException(
                    "exemplars needs " + counts.length + " entries (one per bucket), got " + perBucket.length);
        }
        boolean any = false;
        for (Exemplar e : perBucket) {
            any |= e != null;
        }
        return new DurationHistogram(upperBounds, counts, sumSeconds, true, any ? perBucket.clone() : null);
    }

    /** Whether any bucket carries an exemplar. */
    public boolean hasExemplars() {
        return exemplars != null;
    }

    /** Bucket {@code i}'s exemplar, or {@code null} when it has none. */
    public Exemplar exemplar(int i) {
        Objects.checkIndex(i, counts.length);
        return exemplars == null ? null : exemplars[i];
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
                && Double.compare(sumSeconds, other.sumSeconds) == 0
                && Arrays.equals(exemplars, other.exemplars);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(counts)) + Double.hashCode(sumSeconds))
                + Arrays.hashCode(exemplars);
    }

    @Override
    public String toString() {
        return "DurationHistogram[count=" + count + ", sum=" + sumSeconds + "s, bounds=" + Arrays.toString(upperBounds)
                + ", counts=" + Arrays.toString(counts)
                + (exemplars == null ? "" : ", exemplars=" + Arrays.toString(exemplars)) + "]";
    }
}
