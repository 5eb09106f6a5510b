package io.symphra.benchmarks;

import io.symphra.metrics.snapshot.DurationHistogram;
import java.time.Duration;
import java.util.SplittableRandom;

/** Inputs shared by every contender of a comparison, so that all of them are fed exactly the same values. */
public final class Workload {

    /** The histogram layout every contender uses: Symphra's default bounds, 5 ms to 60 s, plus +Inf. */
    public static final double[] BOUNDS_SECONDS = DurationHistogram.DEFAULT_BOUNDS_SECONDS.clone();

    /** A power of two, so a cursor wraps with a mask. */
    public static final int DURATION_COUNT = 1024;

    private static final long[] DURATIONS_NANOS = durations();

    private Workload() {}

    /**
     * Execution durations spread log-uniformly from 1 ms to 20 s, so that recordings land in many buckets and
     * the min/max updates hit and miss as they would in a real scheduler. Fixed seed: the same every run.
     */
    private static long[] durations() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[DURATION_COUNT];
        double low = Math.log(1e6);
        double high = Math.log(20e9);
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(low + random.nextDouble() * (high - low));
        }
        return values;
    }

    /** The i-th duration in nanoseconds, wrapping. */
    public static long durationNanos(int i) {
        return DURATIONS_NANOS[i & (DURATION_COUNT - 1)];
    }

    /** The bounds as durations, for Micrometer's service-level objectives. */
    public static Duration[] boundsAsDurations() {
        Duration[] slos = new Duration[BOUNDS_SECONDS.length];
        for (int i = 0; i < slos.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(BOUNDS_SECONDS[i] * 1e9));
        }
        return slos;
    }

    /** A task name as every contender spells it: {@code task-000042}. */
    public static String taskName(int i) {
        return String.format("task-%06d", i);
    }
}
