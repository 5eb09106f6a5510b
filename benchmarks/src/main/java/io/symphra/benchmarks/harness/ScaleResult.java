package io.symphra.benchmarks.harness;

import java.util.Locale;

/**
 * A scheduler holding many tasks: what a snapshot (and a render, when measured) costs, and what the scheduler
 * costs while it waits with nothing due.
 *
 * @param tasks                 registered tasks, each with one recorded run
 * @param snapshotMedianNanos   median time of {@code snapshot()}
 * @param snapshotMaxNanos      slowest {@code snapshot()}
 * @param renderMedianNanos     median time of snapshot plus Prometheus text render, or -1 when not measured
 * @param renderMaxNanos        slowest snapshot plus render, or -1
 * @param renderBytes           size of one rendering, or -1
 * @param idleNanos             length of the idle window
 * @param idleProcessCpuNanos   CPU time of the whole JVM during the idle window (JIT and GC included)
 * @param idleSchedulerCpuNanos CPU time of the scheduler's own threads ({@code symphra-*}) during the window
 */
public record ScaleResult(
        int tasks,
        long snapshotMedianNanos,
        long snapshotMaxNanos,
        long renderMedianNanos,
        long renderMaxNanos,
        long renderBytes,
        long idleNanos,
        long idleProcessCpuNanos,
        long idleSchedulerCpuNanos) {

    @Override
    public String toString() {
        String render = renderMedianNanos < 0
                ? "render=not measured"
                : String.format(
                        Locale.ROOT,
                        "snapshot+render median=%.1fms max=%.1fms (%d bytes)",
                        renderMedianNanos / 1e6,
                        renderMaxNanos / 1e6,
                        renderBytes);
        return String.format(
                Locale.ROOT,
                "scale tasks=%d snapshot median=%.1fms max=%.1fms %s; idle %.0fs: process cpu=%.1fms "
                        + "scheduler threads cpu=%.3fms",
                tasks,
                snapshotMedianNanos / 1e6,
                snapshotMaxNanos / 1e6,
                render,
                idleNanos / 1e9,
                idleProcessCpuNanos / 1e6,
                idleSchedulerCpuNanos / 1e6);
    }
}
