package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.TaskListener;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Placeholder until the collector branch lands. */
public final class MetricsCollector implements TaskListener {
    private final Clock clock;
    private final Map<String, String> labels;
    private final Map<String, long[]> counts = new TreeMap<>();
    private Instant start;

    public MetricsCollector(Clock clock, Map<String, String> commonLabels, double[] bounds) {
        this.clock = clock;
        this.labels = Map.copyOf(commonLabels);
        this.start = clock.instant();
    }

    @Override public synchronized void onRegistered(String n) { counts.putIfAbsent(n, new long[2]); }
    @Override public synchronized void onSuccess(ExecutionEvent e, long d) { counts.computeIfAbsent(e.taskName(), k -> new long[2])[0]++; }
    @Override public synchronized void onFailure(ExecutionEvent e, long d, Throwable t) { counts.computeIfAbsent(e.taskName(), k -> new long[2])[1]++; }
    @Override public synchronized void onTimeout(ExecutionEvent e, long d) { counts.computeIfAbsent(e.taskName(), k -> new long[2])[1]++; }

    public synchronized MetricsSnapshot snapshot(List<ExporterStats> exporters) {
        Map<String, TaskStats> tasks = new TreeMap<>();
        counts.forEach((n, c) -> tasks.put(n, TaskStats.empty(n)));
        return MetricsSnapshot.of(clock.instant(), start, tasks, labels, exporters);
    }

    public MetricsSnapshot snapshot() { return snapshot(List.of()); }
    public synchronized void reset() { counts.replaceAll((k, v) -> new long[2]); start = clock.instant().plusNanos(1); }
    public synchronized Instant startTime() { return start; }
}
