package io.symphra.scheduler.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-thread hash that picks a thread's stripe in a contended {@link TaskCell}, and that a thread changes when it
 * collides with another in a stripe: the scheme of {@code java.util.concurrent.atomic.Striped64}, whose own probe
 * is not accessible. The value is never 0.
 */
final class ThreadProbe {

    private static final AtomicInteger SEEDS = new AtomicInteger();
    private static final ThreadLocal<int[]> PROBE = ThreadLocal.withInitial(ThreadProbe::fresh);

    private ThreadProbe() {}

    /** The calling thread's probe, a one-element array the thread may {@link #advance}. */
    static int[] current() {
        return PROBE.get();
    }

    /** Moves the probe to another pseudo-random value (xorshift), after a collision. */
    static void advance(int[] probe) {
        int p = probe[0];
        p ^= p << 13;
        p ^= p >>> 17;
        p ^= p << 5;
        probe[0] = p;
    }

    private static int[] fresh() {
        // Golden-ratio steps spread consecutive threads; the murmur finalizer mixes the low bits used as an index.
        int h = SEEDS.addAndGet(0x9E3779B9);
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return new int[] {h == 0 ? 1 : h};
    }
}
