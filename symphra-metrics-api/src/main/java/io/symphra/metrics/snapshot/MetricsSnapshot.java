package io.symphra.metrics.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scheduler's metrics at one instant. Immutable and safe to share between threads.
 *
 * <p>Invariants, which the scheduler guarantees and exporters may rely on: for every task
 * {@code executions == successes + failures} and {@code min <= average <= max}; {@link #totals()} is the sum over
 * {@link #tasks()}; between two snapshots with the same {@link #startTime()} no counter goes down. A reset of the
 * metrics gives a new start time, which is how an exporter tells a reset from a drop.
 *
 * @param timestamp    when the snapshot was taken
 * @param startTime    when collection started or was last reset
 * @param totals       the sum of every task's counters
 * @param tasks        per-task statistics by task name, sorted by name, unmodifiable
 * @param commonLabels labels that describe the scheduler itself (such as {@code service}), sorted, unmodifiable
 * @param exporters    the push exporters' own health, sorted by name, unmodifiable
 */
public record MetricsSnapshot(Instant timestamp, Instant startTime, Totals totals, SortedMap<String, TaskStats> tasks,
                              SortedMap<String, String> commonLabels, List<ExporterStats> exporters) {

    public MetricsSnapshot {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(totals, "totals");
        // A map built by the factories below is owned by this snapshot alone; any other is copied.
        tasks = Collections.unmodifiableSortedMap(tasks instanceof OwnedTaskMap ? tasks : new TreeMap<>(tasks));
        commonLabels = Collections.unmodifiableSortedMap(new TreeMap<>(commonLabels));
        exporters = exporters.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /**
     * Builds a snapshot whose totals are the sum of the given tasks.
     *
     * @param tasks per-task statistics; keys must equal each value's {@link TaskStats#name()}
     */
    public static MetricsSnapshot of(Instant timestamp, Instant startTime, Map<String, TaskStats> tasks,
                                     Map<String, String> commonLabels, List<ExporterStats> exporters) {
        tasks.forEach((name, stats) -> {
            if (!name.equals(stats.name())) {
                throw new IllegalArgumentException("task key '" + name + "' differs from its stats' name '"
                        + stats.name() + "'");
            }
        });
        OwnedTaskMap owned = new OwnedTaskMap();
        owned.putAll(tasks);
        return new MetricsSnapshot(timestamp, startTime, Totals.sumOf(owned.values()), owned,
                new TreeMap<>(commonLabels), exporters);
    }

    /**
     * Builds a snapshot from task statistics already sorted by name, with their totals, in one pass and without
     * copying: the fast path for collectors with many tasks.
     *
     * @param sortedTasks per-task statistics in strictly ascending name order
     * @throws IllegalArgumentException if the names are not strictly ascending
     */
    public static MetricsSnapshot ofSorted(Instant timestamp, Instant startTime, List<TaskStats> sortedTasks,
                                           Map<String, String> commonLabels, List<ExporterStats> exporters) {
        OwnedTaskMap tasks = new OwnedTaskMap();
        String previous = null;
        for (TaskStats stats : sortedTasks) {
            if (previous != null && previous.compareTo(stats.name()) >= 0) {
                throw new IllegalArgumentException("tasks are not sorted by name: '" + previous + "' before '"
                        + stats.name() + "'");
            }
            tasks.put(stats.name(), stats);
            previous = stats.name();
        }
        return new MetricsSnapshot(timestamp, startTime, Totals.sumOf(sortedTasks), tasks, new TreeMap<>(commonLabels),
                exporters);
    }

    /** A task map that only this class creates and never lets out unwrapped, so the constructor need not copy it. */
    private static final class OwnedTaskMap extends TreeMap<String, TaskStats> {
        private static final long serialVersionUID = 1L;
    }

    /** A snapshot with no tasks, taken at {@code now}, with collection started at {@code now}. */
    public static MetricsSnapshot empty(Instant now) {
        return of(now, now, Map.of(), Map.of(), List.of());
    }

    /** Seconds from {@link #startTime()} to {@link #timestamp()}, never negative. */
    public double uptimeSeconds() {
        long nanos = Duration.between(startTime, timestamp).toNanos();
        return nanos <= 0 ? 0.0 : nanos / 1e9;
    }

    /** Executions per second of uptime; 0.0 when no time has passed. */
    public double executionsPerSecond() {
        double uptime = uptimeSeconds();
        return uptime == 0.0 ? 0.0 : totals.executions() / uptime;
    }

    /**
     * The snapshot as the map that {@code getMetrics()} returns: exactly the keys {@code uptime_seconds},
     * {@code total_executions}, {@code successful_executions}, {@code failed_executions}, {@code success_rate},
     * {@code total_duration}, {@code average_duration}, {@code executions_per_second} and {@code task_stats}
     * (a map from task name to {@link TaskStats#toMap()}). Counts are {@code Long}, seconds and rates
     * {@code Double}. The returned maps are unmodifiable and keep that key order.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> taskStats = new LinkedHashMap<>(tasks.size() * 2);
        tasks.forEach((name, stats) -> taskStats.put(name, Collections.unmodifiableMap(stats.toMap())));

        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put("uptime_seconds", uptimeSeconds());
        map.put("total_executions", totals.executions());
        map.put("successful_executions", totals.successes());
        map.put("failed_executions", totals.failures());
        map.put("success_rate", totals.successRate());
        map.put("total_duration", totals.totalDurationSeconds());
        map.put("average_duration", totals.averageDurationSeconds());
        map.put("executions_per_second", executionsPerSecond());
        map.put("task_stats", Collections.unmodifiableMap(taskStats));
        return Collections.unmodifiableMap(map);
    }
}
