package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.ClusterClaims;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One task's cluster-mode counters: a cell allocates them on the first claim, so a scheduler without a coordinator
 * pays nothing for them. Each counter is read and subtracted on its own at a reset, as skipped fires are.
 */
final class ClaimCounters {

    private static final int CLAIMED = 0;
    private static final int RAN_ELSEWHERE = 1;
    private static final int ABANDONED = 2;
    private static final int ERRORS_SKIPPED = 3;
    private static final int ERRORS_RAN_HERE = 4;
    private static final int LATENCY_COUNT = 5;
    private static final int LATENCY_TOTAL = 6;
    private static final int LATENCY_MAX = 7;

    private final AtomicLongArray values = new AtomicLongArray(8);

    void claimed(long latencyNanos) {
        latency(latencyNanos);
        values.getAndIncrement(CLAIMED);
    }

    void ranElsewhere(long latencyNanos) {
        latency(latencyNanos);
        values.getAndIncrement(RAN_ELSEWHERE);
    }

    void claimError(boolean ranHere, long latencyNanos) {
        latency(latencyNanos);
        values.getAndIncrement(ranHere ? ERRORS_RAN_HERE : ERRORS_SKIPPED);
    }

    void abandoned() {
        values.getAndIncrement(ABANDONED);
    }

    /** A negative latency is a call that was not timed (a listener's report): it counts in no latency figure. */
    private void latency(long nanos) {
        if (nanos < 0) {
            return;
        }
        values.getAndAdd(LATENCY_TOTAL, nanos);
        values.getAndIncrement(LATENCY_COUNT);
        long max = values.get(LATENCY_MAX);
        while (nanos > max) {
            long witness = values.compareAndExchange(LATENCY_MAX, max, nanos);
            if (witness == max) {
                return;
            }
            max = witness;
        }
    }

    ClusterClaims read() {
        return new ClusterClaims(
                values.get(CLAIMED),
                values.get(RAN_ELSEWHERE),
                values.get(ABANDONED),
                values.get(ERRORS_SKIPPED),
                values.get(ERRORS_RAN_HERE),
                values.get(LATENCY_COUNT),
                values.get(LATENCY_TOTAL),
                values.get(LATENCY_MAX));
    }

    /** Subtracts what it reads, for a reset; returns what it subtracted. The maximum starts afresh. */
    ClusterClaims rebase() {
        long max = values.getAndSet(LATENCY_MAX, 0);
        long[] read = new long[LATENCY_MAX];
        for (int i = 0; i < LATENCY_MAX; i++) {
            read[i] = values.get(i);
            values.getAndAdd(i, -read[i]);
        }
        return new ClusterClaims(read[0], read[1], read[2], read[3], read[4], read[5], read[6], max);
    }

    boolean isBlank() {
        for (int i = 0; i < LATENCY_MAX; i++) {
            if (values.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
