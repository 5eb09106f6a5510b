package io.symphra.benchmarks.harness;

import java.util.Locale;

/**
 * The start delays of one scheduler's runs in the measurement window, in nanoseconds.
 *
 * @param scheduler   {@code symphra} or {@code stpe}
 * @param tasks       periodic tasks registered
 * @param periodNanos the period of every task
 * @param samples     runs measured
 * @param p50Nanos    median delay
 * @param p99Nanos    99th percentile
 * @param p999Nanos   99.9th percentile
 * @param maxNanos    largest delay
 */
public record LatenessResult(
        String scheduler,
        int tasks,
        long periodNanos,
        int samples,
        long p50Nanos,
        long p99Nanos,
        long p999Nanos,
        long maxNanos) {

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "lateness %-7s tasks=%d period=%dms samples=%d p50=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms",
                scheduler,
                tasks,
                periodNanos / 1_000_000,
                samples,
                p50Nanos / 1e6,
                p99Nanos / 1e6,
                p999Nanos / 1e6,
                maxNanos / 1e6);
    }
}
