package io.symphra.micrometer;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The latest snapshot, taken from the source at most once per {@code maxAge}, so that one scrape reading dozens of
 * meters takes one snapshot rather than one per meter.
 */
final class SnapshotCache {

    /** What a reading returned: the snapshot, and whether it is newer than the one before. */
    record Reading(MetricsSnapshot snapshot, boolean fresh) {}

    private final Supplier<MetricsSnapshot> source;
    private final long maxAgeNanos;
    private MetricsSnapshot latest;
    private long takenAtNanos;

    SnapshotCache(Supplier<MetricsSnapshot> source, Duration maxAge) {
        this.source = Objects.requireNonNull(source, "source");
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The cached snapshot if it is younger than the maximum age, else a new one from the source. */
    synchronized Reading read() {
        long now = System.nanoTime();
        if (latest == null || now - takenAtNanos >= maxAgeNanos) {
            latest = Objects.requireNonNull(source.get(), "snapshot");
            takenAtNanos = now;
            return new Reading(latest, true);
        }
        return new Reading(latest, false);
    }

    /** A new snapshot from the source, cached from now on. */
    synchronized MetricsSnapshot take() {
        offer(source.get());
        return latest;
    }

    /**
     * Replaces the cached snapshot by one taken elsewhere (an exporter's push), as if it had just been read, unless
     * it is of an older period than the cached one: the last snapshot of a period a reset ended, pushed late.
     */
    synchronized void offer(MetricsSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (latest != null && snapshot.startTime().isBefore(latest.startTime())) {
            return;
        }
        latest = snapshot;
        takenAtNanos = System.nanoTime();
    }
}
