package io.symphra.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The scheduler's meters in one registry. Each task's meters are registered when the task first appears in a
 * snapshot and removed when it is gone; after a reset (a new {@code startTime}) every task meter is removed and
 * registered again, so that each registry sees a counter reset its own way (a cumulative registry a drop, a step
 * registry a new meter starting from zero). A task the scheduler no longer has stays in its snapshots until the
 * next reset; its meters go as soon as the live-task test says it is gone. Not thread-safe: {@link SchedulerMeterBinder} calls it under its lock.
 */
final class BoundRegistry {

    private final MeterRegistry registry;
    private final Readers readers;
    private final Predicate<String> liveTasks;
    private final MeterGroups tasks;
    private final MeterGroups exporters;
    private final List<Meter> global = new ArrayList<>();
    /** Held for the global meters, which hold it weakly. */
    private Supplier<MetricsSnapshot> globalReader;

    private Tags common;
    private Instant startTime;

    /** Where the meters read their subjects: the binder's cached snapshot. */
    interface Readers {
        Supplier<MetricsSnapshot> snapshot();

        Supplier<TaskStats> task(TaskStats first);

        Supplier<ExporterStats> exporter(ExporterStats first);
    }

    /** @param liveTasks whether a task in a snapshot is still registered (its meters go when it is not) */
    BoundRegistry(MeterRegistry registry, Readers readers, Predicate<String> liveTasks) {
        this.registry = registry;
        this.readers = readers;
        this.liveTasks = liveTasks;
        this.tasks = new MeterGroups(registry);
        this.exporters = new MeterGroups(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Brings the meters in step with {@code snapshot}'s tasks and exporters. */
    void sync(MetricsSnapshot snapshot) {
        if (common == null) {
            common = commonTags(snapshot.commonLabels());
            globalReader = readers.snapshot();
            for (MeterRow<MetricsSnapshot> row : SchedulerRows.ROWS) {
                global.add(row.register(registry, common, globalReader));
            }
        }
        if (startTime != null && !startTime.equals(snapshot.startTime())) {
            tasks.clear();
        }
        startTime = snapshot.startTime();
        tasks.sync(taskNames(snapshot), name -> registerTask(snapshot.tasks().get(name)));
        exporters.sync(exporterNames(snapshot), name -> registerExporter(exporterOf(snapshot, name)));
    }

    /** Whether {@code snapshot} has other tasks, exporters or start time than the meters registered here. */
    boolean differsFrom(MetricsSnapshot snapshot) {
        if (common == null || !snapshot.startTime().equals(startTime)) {
            return true;
        }
        if (!tasks.names().equals(taskNames(snapshot))) {
            return true;
        }
        return !exporters.names().equals(exporterNames(snapshot));
    }

    private Set<String> taskNames(MetricsSnapshot snapshot) {
        Set<String> names = new TreeSet<>();
        for (String name : snapshot.tasks().keySet()) {
            if (liveTasks.test(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> exporterNames(MetricsSnapshot snapshot) {
        Set<String> names = new TreeSet<>();
        snapshot.exporters().forEach(e -> names.add(e.name()));
        return names;
    }

    private MeterGroups.Group registerTask(TaskStats first) {
        Tags tags = common.and(MeterNames.TAG_TASK, first.name());
        return register(TaskRows.of(first.durations()), tags, readers.task(first));
    }

    private MeterGroups.Group registerExporter(ExporterStats first) {
        Tags tags = common.and(MeterNames.TAG_EXPORTER, first.name());
        return register(ExporterRows.ROWS, tags, readers.exporter(first));
    }

    /** The exporter of that name in {@code snapshot}, or null. */
    static ExporterStats exporterOf(MetricsSnapshot snapshot, String name) {
        for (ExporterStats e : snapshot.exporters()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private <T> MeterGroups.Group register(List<MeterRow<T>> rows, Tags tags, Supplier<T> reader) {
        List<Meter> meters = new ArrayList<>(rows.size());
        for (MeterRow<T> row : rows) {
            meters.add(row.register(registry, tags, reader));
        }
        return new MeterGroups.Group(List.copyOf(meters), reader);
    }

    /** Removes every meter this binding registered. */
    void clear() {
        tasks.clear();
        exporters.clear();
        global.forEach(registry::remove);
        global.clear();
        globalReader = null;
        common = null;
        startTime = null;
    }

    private static Tags commonTags(Map<String, String> labels) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            tags = tags.and(label.getKey(), label.getValue());
        }
        return tags;
    }
}
