package io.symphra.exporter.statsd;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.SnapshotDelta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last snapshot whose push was handed to the network, and turns a snapshot's cumulative counters
 * into the deltas StatsD sums up, by {@link SnapshotDelta}'s rule (a new start time means the counters restarted).
 * A push that was not sent is not {@linkplain #commit committed}, so its deltas are included in the next push's.
 */
final class CounterDeltas {

    private MetricsSnapshot sent;

    /** The deltas of every task of the snapshot and their sum, in the snapshot's task order. */
    Deltas compute(MetricsSnapshot snapshot) {
        Map<String, Counts> deltas = new LinkedHashMap<>(snapshot.tasks().size() * 2);
        Counts total = Counts.ZERO;
        for (SnapshotDelta.TaskDelta task :
                SnapshotDelta.between(sent, snapshot).tasks().values()) {
            Counts delta = Counts.of(task);
            deltas.put(task.name(), delta);
            total = total.plus(delta);
        }
        return new Deltas(snapshot, deltas, total);
    }

    /** Records that the push holding these deltas went out; the next deltas are counted from it. */
    void commit(Deltas deltas) {
        sent = deltas.snapshot;
    }

    /**
     * The deltas of one push.
     *
     * @param snapshot the snapshot they were computed for
     * @param perTask  per task name, the counters to send
     * @param total    the sum of {@code perTask}, sent as the scheduler-wide counters, so the global counters
     *                 always equal the sum of the task counters at the daemon
     */
    record Deltas(MetricsSnapshot snapshot, Map<String, Counts> perTask, Counts total) {}
}
