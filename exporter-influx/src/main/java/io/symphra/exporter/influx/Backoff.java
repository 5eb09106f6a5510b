package io.symphra.exporter.influx;

/**
 * Spaces out write attempts while the server fails, counted in pushes rather than wall time so that it cannot
 * drift against the push schedule: after the n-th failed attempt in a row, the next 2^(n-1) - 1 pushes only
 * buffer their points (so attempts are 1, 2, 4, 8... intervals apart), never more than {@code maxSkips}. A
 * successful attempt resets it.
 */
final class Backoff {

    private final int maxSkips;
    private int failuresInRow;
    private int skipsLeft;

    Backoff(int maxSkips) {
        if (maxSkips < 0) {
            throw new IllegalArgumentException("maxSkips must not be negative: " + maxSkips);
        }
        this.maxSkips = maxSkips;
    }

    /** Whether this push should leave the server alone; counts the push as waited when it says so. */
    synchronized boolean skipThisPush() {
        if (skipsLeft > 0) {
            skipsLeft--;
            return true;
        }
        return false;
    }

    synchronized void failed() {
        failuresInRow++;
        long wait = (1L << Math.min(failuresInRow - 1, 30)) - 1;
        skipsLeft = (int) Math.min(wait, maxSkips);
    }

    synchronized void succeeded() {
        failuresInRow = 0;
        skipsLeft = 0;
    }

    /** True when the last attempt failed. */
    synchronized boolean failing() {
        return failuresInRow > 0;
    }

    synchronized int failuresInRow() {
        return failuresInRow;
    }
}
