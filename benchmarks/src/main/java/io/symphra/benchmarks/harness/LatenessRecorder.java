package io.symphra.benchmarks.harness;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects start delays in a preallocated array while the measurement window is open; never allocates per sample. */
final class LatenessRecorder {

    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean open;

    LatenessRecorder(int capacity) {
        samples = new long[capacity];
    }

    void open() {
        open = true;
    }

    void close() {
        open = false;
    }

    void record(long latenessNanos) {
        if (!open) {
            return;
        }
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = Math.max(0, latenessNanos);
        }
    }

    /** The distribution of what was recorded; call after the window closed and the scheduler stopped. */
    LatenessResult result(String scheduler, int tasks, long periodNanos) {
        int n = Math.min(count.get(), samples.length);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new LatenessResult(
                scheduler,
                tasks,
                periodNanos,
                n,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                percentile(sorted, 0.999),
                n == 0 ? 0 : sorted[n - 1]);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
