package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the cumulative counters of the last push that was handed to the network, and turns a snapshot's
 * cumulative counters into the deltas StatsD sums up.
 *
 * <p>A delta is the current value minus the value last sent. When the snapshot's start time differs from the last
 * sent one (the first push, or a reset), when a task was not in the last push, or when a counter went down, the
 * delta is the current value itself: counting began again at zero. A push that was not sent is not
 * {@linkplain #commit committed}, so its deltas are included in the next push's.
 */
final class CounterDeltas {

    private Instant sentStartTime;
    private Map<String, Counts> sent = Map.of();

    /** The deltas of every task of the snapshot and their sum, in the snapshot's task order. */
    Deltas compute(MetricsSnapshot snapshot) {
        boolean sameRun = snapshot.startTime().equals(sentStartTime);
        Map<String, Counts> current = new HashMap<>(snapshot.tasks().size() * 2);
        Map<String, Counts> deltas = new LinkedHashMap<>(snapshot.tasks().size() * 2);
        Counts total = Counts.ZERO;
        for (TaskStats task : snapshot.tasks().values()) {
            Counts now = Counts.of(task);
            Counts base = sameRun ? sent.getOrDefault(task.name(), Counts.ZERO) : Counts.ZERO;
            Counts delta = now.since(base);
            current.put(task.name(), now);
            deltas.put(task.name(), delta);
            total = total.plus(delta);
        }
        return new Deltas(snapshot.startTime(), current, deltas, total);
    }

    /** Records that the push holding these deltas went out; the next deltas are counted from it. */
    void commit(Deltas deltas) {
        sentStartTime = deltas.startTime;
        sent = deltas.cumulative;
    }

    /**
     * The deltas of one push.
     *
     * @param perTask per task name, the counters to send
     * @param total   the sum of {@code perTask}, sent as the scheduler-wide counters, so the global counters
     *                always equal the sum of the task counters at the daemon
     */
    record Deltas(Instant startTime, Map<String, Counts> cumulative, Map<String, Counts> perTask, Counts total) {}
}
