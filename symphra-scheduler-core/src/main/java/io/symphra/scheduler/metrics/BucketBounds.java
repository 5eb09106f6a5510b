package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.DurationHistogram;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The histogram's finite upper bounds, validated once, in seconds (for the snapshot) and in whole nanoseconds
 * (for recording). The last, +Inf bucket is implicit.
 */
final class BucketBounds {

    /** Up to this many bounds a linear scan beats a binary search: short, branch-predictable, no division. */
    private static final int LINEAR_SCAN_LIMIT = 16;

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private final double[] seconds;
    private final long[] nanos;
    private final DurationHistogram emptyHistogram;

    private BucketBounds(double[] seconds, long[] nanos) {
        this.seconds = seconds;
        this.nanos = nanos;
        this.emptyHistogram = DurationHistogram.wrap(seconds, new long[nanos.length + 1], 0.0);
    }

    /**
     * Validates and converts bounds given in seconds.
     *
     * @throws IllegalArgumentException naming the offending value when a bound is not finite, not positive, or
     *                                  not greater than the one before it
     */
    static BucketBounds ofSeconds(double[] upperBoundsSeconds) {
        double[] seconds = upperBoundsSeconds.clone();
        long[] nanos = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            double bound = seconds[i];
            if (!Double.isFinite(bound) || bound <= 0) {
                throw new IllegalArgumentException(
                        "histogram bucket bound must be positive and finite, got " + bound + " at index " + i);
            }
            if (i > 0 && bound <= seconds[i - 1]) {
                throw new IllegalArgumentException("histogram bucket bounds must be strictly ascending, got " + bound
                        + " after " + seconds[i - 1] + " at index " + i);
            }
            nanos[i] = toWholeNanos(bound);
        }
        return new BucketBounds(seconds, nanos);
    }

    /**
     * A duration of {@code d} whole nanoseconds is {@code <=} a bound of {@code b} seconds exactly when
     * {@code d <= floor(b * 1e9)}. The bound is taken as the decimal the user wrote ({@code 0.3}, not the binary
     * double just below it), so a duration exactly on a bound lands in that bound's bucket.
     */
    private static long toWholeNanos(double boundSeconds) {
        BigDecimal nanos = BigDecimal.valueOf(boundSeconds).movePointRight(9).setScale(0, RoundingMode.FLOOR);
        return nanos.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : nanos.longValueExact();
    }

    /** Number of buckets including +Inf. */
    int bucketCount() {
        return nanos.length + 1;
    }

    /** The shared, never modified array of bounds in seconds, for {@code DurationHistogram.wrap}. */
    double[] secondsShared() {
        return seconds;
    }

    /** The histogram of a task with no executions, shared by all such tasks (it is immutable). */
    DurationHistogram emptyHistogram() {
        return emptyHistogram;
    }

    /** Index of the bucket that counts a duration: the first bound {@code >= durationNanos}, else +Inf. */
    int bucketOf(long durationNanos) {
        long[] bounds = nanos;
        int n = bounds.length;
        if (n <= LINEAR_SCAN_LIMIT) {
            for (int i = 0; i < n; i++) {
                if (durationNanos <= bounds[i]) {
                    return i;
                }
            }
            return n;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[mid] < durationNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
