package io.symphra.metrics.snapshot;

/**
 * How late a task's runs started against their planned fire times.
 *
 * @param count      runs whose start was measured
 * @param totalNanos sum of the start delays, in nanoseconds
 * @param maxNanos   the largest start delay seen, in nanoseconds
 * @param lastNanos  the delay of the most recent run, in nanoseconds
 */
public record Lateness(long count, long totalNanos, long maxNanos, long lastNanos) {

    /** No runs measured. */
    public static final Lateness NONE = new Lateness(0, 0, 0, 0);

    public Lateness {
        if (count < 0 || totalNanos < 0 || maxNanos < 0 || lastNanos < 0) {
            throw new IllegalArgumentException("lateness values must not be negative: count=" + count + ", total="
                    + totalNanos + ", max=" + maxNanos + ", last=" + lastNanos);
        }
    }

    /** Mean start delay in seconds; 0.0 when nothing was measured. */
    public double averageSeconds() {
        return count == 0 ? 0.0 : Math.min((double) totalNanos / count, maxNanos) / 1e9;
    }

    /** Largest start delay in seconds. */
    public double maxSeconds() {
        return maxNanos / 1e9;
    }

    /** Start delay of the most recent run in seconds. */
    public double lastSeconds() {
        return lastNanos / 1e9;
    }

    /** Sum of the start delays in seconds. */
    public double totalSeconds() {
        return totalNanos / 1e9;
    }
}
