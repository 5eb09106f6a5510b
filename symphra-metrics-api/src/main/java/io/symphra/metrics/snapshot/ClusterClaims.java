package io.symphra.metrics.snapshot;

/**
 * What cluster mode decided about a task's fires on this instance. All are counters; all stay 0 without a
 * coordinator.
 *
 * <p>Every fire this instance asked the coordinator about is exactly one of {@link #claimed()},
 * {@link #ranElsewhere()}, {@link #claimErrorsSkipped()} or {@link #claimErrorsRanHere()}, and each of those asks
 * is one observation of the claim latency: {@code claimLatencyCount} is their sum.
 *
 * @param claimed                fires this instance won and ran
 * @param ranElsewhere           fires another instance had claimed, so not run here
 * @param abandoned              fires of a dead owner that this instance found and reported (then recovered, when
 *                               the task asks for it)
 * @param claimErrorsSkipped     fires the coordinator could not decide, skipped as the task chose
 * @param claimErrorsRanHere     fires the coordinator could not decide, run here as the task chose
 * @param claimLatencyCount      calls to the coordinator timed
 * @param claimLatencyTotalNanos their summed duration, in nanoseconds
 * @param claimLatencyMaxNanos   the longest of them, in nanoseconds
 */
public record ClusterClaims(
        long claimed,
        long ranElsewhere,
        long abandoned,
        long claimErrorsSkipped,
        long claimErrorsRanHere,
        long claimLatencyCount,
        long claimLatencyTotalNanos,
        long claimLatencyMaxNanos) {

    /** Nothing decided. */
    public static final ClusterClaims NONE = new ClusterClaims(0, 0, 0, 0, 0, 0, 0, 0);

    public ClusterClaims {
        if (claimed < 0
                || ranElsewhere < 0
                || abandoned < 0
                || claimErrorsSkipped < 0
                || claimErrorsRanHere < 0
                || claimLatencyCount < 0
                || claimLatencyTotalNanos < 0
                || claimLatencyMaxNanos < 0) {
            throw new IllegalArgumentException("cluster claim counters must not be negative: " + this);
        }
    }

    /** Fires the coordinator could not decide: {@code claimErrorsSkipped + claimErrorsRanHere}. */
    public long claimErrors() {
        return claimErrorsSkipped + claimErrorsRanHere;
    }

    /** Summed claim latency in seconds. */
    public double claimLatencyTotalSeconds() {
        return claimLatencyTotalNanos / 1e9;
    }

    /** Longest claim latency in seconds. */
    public double claimLatencyMaxSeconds() {
        return claimLatencyMaxNanos / 1e9;
    }
}
