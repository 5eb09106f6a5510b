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
        tasks = Collections.unmodifiableSortedMap(new TreeMap<>(tasks));
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
        return new MetricsSnapshot(timestamp, startTime, Totals.sumOf(tasks.values()), new TreeMap<>(tasks),
                new TreeMap<>(commonLabels), exporters);
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
