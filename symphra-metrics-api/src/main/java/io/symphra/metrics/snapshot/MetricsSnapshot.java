package io.symphra.metrics.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * @param scheduler    the scheduler's version and how busy its workers are
 */
public record MetricsSnapshot(
        Instant timestamp,
        Instant startTime,
        Totals totals,
        SortedMap<String, TaskStats> tasks,
        SortedMap<String, String> commonLabels,
        List<ExporterStats> exporters,
        SchedulerState scheduler) {

    /**
     * The name of the entry of {@link #tasks()} that stands for the tasks a scheduler records together
     * ({@code aggregateMetrics} patterns): it is no registered task of its own, and stays while any of them may run.
     */
    public static final String AGGREGATED_TASK = "_aggregated";

    public MetricsSnapshot {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(totals, "totals");
        // A map built by the factories below is immutable and owned by this snapshot alone; any other is copied.
        tasks = Collections.unmodifiableSortedMap(tasks instanceof SortedTaskMap ? tasks : new TreeMap<>(tasks));
        commonLabels = Collections.unmodifiableSortedMap(new TreeMap<>(commonLabels));
        exporters = exporters.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** A snapshot with {@link SchedulerState#NONE}. */
    public MetricsSnapshot(
            Instant timestamp,
            Instant startTime,
            Totals totals,
            SortedMap<String, TaskStats> tasks,
            SortedMap<String, String> commonLabels,
            List<ExporterStats> exporters) {
        this(timestamp, startTime, totals, tasks, commonLabels, exporters, SchedulerState.NONE);
    }

    /**
     * Builds a snapshot whose totals are the sum of the given tasks.
     *
     * @param tasks per-task statistics; keys must equal each value's {@link TaskStats#name()}
     */
    public static MetricsSnapshot of(
            Instant timestamp,
            Instant startTime,
            Map<String, TaskStats> tasks,
            Map<String, String> commonLabels,
            List<ExporterStats> exporters) {
        return of(timestamp, startTime, tasks, commonLabels, exporters, SchedulerState.NONE);
    }

    /** {@link #of(Instant, Instant, Map, Map, List)} with the scheduler's own state. */
    public static MetricsSnapshot of(
            Instant timestamp,
            Instant startTime,
            Map<String, TaskStats> tasks,
            Map<String, String> commonLabels,
            List<ExporterStats> exporters,
            SchedulerState scheduler) {
        tasks.forEach((name, stats) -> {
            if (!name.equals(stats.name())) {
                throw new IllegalArgumentException(
                        "task key '" + name + "' differs from its stats' name '" + stats.name() + "'");
            }
        });
        TreeMap<String, TaskStats> sorted = new TreeMap<>(); // natural order, whatever order tasks has
        sorted.putAll(tasks);
        String[] names = sorted.keySet().toArray(new String[0]);
        TaskStats[] stats = sorted.values().toArray(new TaskStats[0]);
        return new MetricsSnapshot(
                timestamp,
                startTime,
                sumOf(stats),
                new SortedTaskMap(names, stats),
                new TreeMap<>(commonLabels),
                exporters,
                scheduler);
    }

    /**
     * Builds a snapshot from task statistics already sorted by name, with their totals, in one pass and without
     * copying: the fast path for collectors with many tasks.
     *
     * @param sortedTasks per-task statistics in strictly ascending name order
     * @throws IllegalArgumentException if the names are not strictly ascending
     */
    public static MetricsSnapshot ofSorted(
            Instant timestamp,
            Instant startTime,
            List<TaskStats> sortedTasks,
            Map<String, String> commonLabels,
            List<ExporterStats> exporters) {
        TaskStats[] stats = sortedTasks.toArray(new TaskStats[0]);
        String[] names = new String[stats.length];
        for (int i = 0; i < stats.length; i++) {
            names[i] = stats[i].name();
            if (i > 0 && names[i - 1].compareTo(names[i]) >= 0) {
                throw new IllegalArgumentException(
                        "tasks are not sorted by name: '" + names[i - 1] + "' before '" + names[i] + "'");
            }
        }
        return new MetricsSnapshot(
                timestamp,
                startTime,
                sumOf(stats),
                new SortedTaskMap(names, stats),
                new TreeMap<>(commonLabels),
                exporters);
    }

    /**
     * Builds a snapshot from the statistics of the tasks {@code names} lists, in that order, with their totals, in
     * one pass, without copying and without comparing names: the fast path for a collector that keeps its tasks
     * sorted and rebuilds {@code names} only when its set of tasks changes. The snapshot takes ownership of
     * {@code stats}: the caller must not change the array afterwards.
     *
     * @param names the tasks' names, in order
     * @param stats one entry per name, {@code stats[i].name()} equal to {@code names.get(i)}
     * @throws IllegalArgumentException if the lengths differ or a task's name is not the name at its index
     */
    public static MetricsSnapshot ofSorted(
            Instant timestamp,
            Instant startTime,
            TaskNames names,
            TaskStats[] stats,
            Map<String, String> commonLabels,
            List<ExporterStats> exporters) {
        return ofSorted(timestamp, startTime, names, stats, commonLabels, exporters, SchedulerState.NONE);
    }

    /** {@link #ofSorted(Instant, Instant, TaskNames, TaskStats[], Map, List)} with the scheduler's own state. */
    public static MetricsSnapshot ofSorted(
            Instant timestamp,
            Instant startTime,
            TaskNames names,
            TaskStats[] stats,
            Map<String, String> commonLabels,
            List<ExporterStats> exporters,
            SchedulerState scheduler) {
        String[] keys = names.shared();
        if (keys.length != stats.length) {
            throw new IllegalArgumentException(keys.length + " task names but " + stats.length + " task statistics");
        }
        Totals.Sum sum = new Totals.Sum();
        for (int i = 0; i < stats.length; i++) {
            TaskStats t = stats[i];
            String name = t.name();
            // The same String instance when the caller took both from one place: no need to read the characters.
            if (name != keys[i] && !name.equals(keys[i])) {
                throw new IllegalArgumentException(
                        "task statistics '" + name + "' at index " + i + " where the names say '" + keys[i] + "'");
            }
            sum.add(t);
        }
        return new MetricsSnapshot(
                timestamp,
                startTime,
                sum.totals(),
                new SortedTaskMap(keys, stats),
                new TreeMap<>(commonLabels),
                exporters,
                scheduler);
    }

    private static Totals sumOf(TaskStats[] tasks) {
        return Totals.sumOf(Arrays.asList(tasks));
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
