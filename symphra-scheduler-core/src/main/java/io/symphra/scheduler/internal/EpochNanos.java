package io.symphra.scheduler.internal;

import java.time.Instant;

/**
 * Instants as {@code long} nanoseconds since the epoch, which is how the engine plans and records fire times so that
 * a fire allocates no {@link Instant}. A {@code long} spans the years 1678 to 2262; instants outside saturate to
 * its ends, {@link #NONE} excepted. Not API: it may change without notice.
 */
public final class EpochNanos {

    /** No time at all (a fire that did not start, a task with no next fire); no instant converts to it. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {}

    /** {@code instant} in nanoseconds since the epoch, saturating to {@code NONE + 1} and {@code Long.MAX_VALUE}. */
    public static long of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / NANOS_PER_SECOND) {
            return NONE + 1;
        }
        return seconds * NANOS_PER_SECOND + instant.getNano();
    }

    /** The instant {@code epochNanos} stands for, or {@code null} for {@link #NONE}. */
    public static Instant toInstant(long epochNanos) {
        if (epochNanos == NONE) {
            return null;
        }
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /**
     * The first point after {@code nowNanos} of the grid through {@code plannedNanos} with step {@code periodNanos}
     * (positive), saturating: however far behind, never a point at or before now, so that no missed point is made up.
     */
    public static long nextOnGrid(long plannedNanos, long nowNanos, long periodNanos) {
        long next = plus(plannedNanos, periodNanos);
        if (next > nowNanos) {
            return next;
        }
        // The last grid point at or before now cannot overflow; only the step past it can.
        long lastPassed = plannedNanos + (nowNanos - plannedNanos) / periodNanos * periodNanos;
        return plus(lastPassed, periodNanos);
    }

    /** {@code epochNanos + nanos}, saturating instead of overflowing, and never {@link #NONE}. */
    public static long plus(long epochNanos, long nanos) {
        long sum = epochNanos + nanos;
        if (((epochNanos ^ sum) & (nanos ^ sum)) < 0) {
            return nanos > 0 ? Long.MAX_VALUE : NONE + 1;
        }
        return sum == NONE ? NONE + 1 : sum;
    }
}
