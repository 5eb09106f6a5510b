package io.symphra.exporter.otlp;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the receiver last confirmed, for delta temporality: the next delta starts at {@link #timestamp()} and
 * subtracts these values, unless the snapshot's start time changed (a reset) since.
 *
 * @param startTime the start time of the delivered snapshot
 * @param timestamp when the delivered snapshot was taken
 * @param tasks     each task's monotonic values in it
 */
record DeliveredPush(Instant startTime, Instant timestamp, Map<String, CounterValues> tasks) {

    DeliveredPush {
        tasks = Map.copyOf(tasks);
    }

    static DeliveredPush of(MetricsSnapshot snapshot) {
        Map<String, CounterValues> tasks = new HashMap<>();
        snapshot.tasks().forEach((name, stats) -> tasks.put(name, CounterValues.of(stats)));
        return new DeliveredPush(snapshot.startTime(), snapshot.timestamp(), tasks);
    }
}
