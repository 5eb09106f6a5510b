package io.symphra.metrics.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * How one push exporter has fared since the scheduler started. Not reset by a metrics reset: these count the
 * exporter's own health, not the tasks'.
 *
 * @param name        the exporter's name, as in its configuration prefix
 * @param exports     pushes that completed
 * @param failures    pushes that threw or timed out
 * @param skipped     pushes not started because the previous one was still running
 * @param lastSuccess when the last push completed, or {@code null}
 * @param lastFailure when the last push failed, or {@code null}
 */
public record ExporterStats(
        String name, long exports, long failures, long skipped, Instant lastSuccess, Instant lastFailure) {

    public ExporterStats {
        Objects.requireNonNull(name, "name");
        if (exports < 0 || failures < 0 || skipped < 0) {
            throw new IllegalArgumentException("exporter '" + name + "': counters must not be negative");
        }
    }
}
