package io.symphra.scheduler.testkit;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import io.symphra.scheduler.time.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a real collector that aggregates the tasks {@code tenant-*}: three of them ran (two successes, one
 * failure) and are the one task {@code _aggregated}; {@code cleanup} ran once and keeps its own statistics. For the
 * backends' tests that each writes the aggregate as it writes any task.
 */
public final class AggregatedSnapshot {

    /** The tasks recorded together. */
    public static final List<String> AGGREGATED = List.of("tenant-1", "tenant-2", "tenant-3");

    /** The task that keeps its own statistics. */
    public static final String OWN = "cleanup";

    private AggregatedSnapshot() {}

    /** The snapshot, with the common label {@code service=billing}. */
    public static MetricsSnapshot take() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(t0);
        MetricsCollector collector = new MetricsCollector(
                clock, Map.of("service", "billing"), DurationHistogram.DEFAULT_BOUNDS_SECONDS, List.of("tenant-*"));
        long start = EpochNanos.of(t0);
        for (int i = 0; i < AGGREGATED.size(); i++) {
            collector.onRegistered(AGGREGATED.get(i));
            TaskMetricsHandle handle = collector.handle(AGGREGATED.get(i));
            handle.recordStart(1_000_000L);
            if (i == 2) {
                handle.recordFailure(start, 30_000_000L);
            } else {
                handle.recordSuccess(start, 10_000_000L);
            }
        }
        collector.onRegistered(OWN);
        TaskMetricsHandle own = collector.handle(OWN);
        own.recordStart(0);
        own.recordSuccess(start, 5_000_000L);
        return collector.snapshot();
    }
}
