package io.symphra.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
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
 * registry a new meter starting from zero). A snapshot older than the last one synced (the last of a period a
 * reset ended, pushed late) changes nothing. A task the scheduler no longer has stays in its snapshots until the
 * next reset; its meters go as soon as the live-task test says it is gone. Changed only under
 * {@link SchedulerMeterBinder}'s lock; {@link #durations} may be called from any thread.
 */
final class BoundRegistry {

    private final MeterRegistry registry;
    private final Readers readers;
    private final Predicate<String> liveTasks;
    /** Whether runs feed each task's {@link DurationTimer}. */
    private final boolean durationTimers;

    private final MeterGroups tasks;
    private final MeterGroups exporters;
    private final List<Meter> global = new ArrayList<>();
    /** Held for the global meters, which hold it weakly. */
    private Supplier<MetricsSnapshot> globalReader;

    private Tags common;
    /** Read by {@link #durations} on worker threads. */
    private volatile Instant startTime;

    /** Where the meters read their subjects: the binder's cached snapshot. */
    interface Readers {
        Supplier<MetricsSnapshot> snapshot();

        Supplier<TaskStats> task(TaskStats first);

        Supplier<ExporterStats> exporter(ExporterStats first);
    }

    /**
     * @param liveTasks      whether a task in a snapshot is still registered (its meters go when it is not)
     * @param durationTimers whether each task's duration is a {@link DurationTimer} fed per run, rather than a
     *                       function timer of the snapshot's count and total
     */
    BoundRegistry(MeterRegistry registry, Readers readers, Predicate<String> liveTasks, boolean durationTimers) {
        this.registry = registry;
        this.readers = readers;
        this.liveTasks = liveTasks;
        this.durationTimers = durationTimers;
        this.tasks = new MeterGroups(registry);
        this.exporters = new MeterGroups(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Brings the meters in step with {@code snapshot}'s tasks and exporters. */
    void sync(MetricsSnapshot snapshot) {
        if (isOlder(snapshot)) {
            return;
        }
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
        if (isOlder(snapshot)) {
            return false;
        }
        if (common == null || !snapshot.startTime().equals(startTime)) {
            return true;
        }
        if (!tasks.names().equals(taskNames(snapshot))) {
            return true;
        }
        return !exporters.names().equals(exporterNames(snapshot));
    }

    /** Whether {@code snapshot} belongs to a period before the one the meters count. */
    private boolean isOlder(MetricsSnapshot snapshot) {
        return startTime != null && snapshot.startTime().isBefore(startTime);
    }

    /**
     * The timer that counts the task's runs of the period that started at {@code periodStart}, or {@code null}
     * when the meters are not (yet) of that period or the task has none (yet, or any more).
     */
    Timer durations(String task, Instant periodStart) {
        if (!periodStart.equals(startTime)) {
            return null;
        }
        MeterGroups.Group group = tasks.get(task);
        return group == null ? null : group.durations();
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
        Supplier<TaskStats> reader = readers.task(first);
        List<Meter> meters = register(TaskRows.of(durationTimers), tags, reader);
        if (!durationTimers) {
            return new MeterGroups.Group(List.copyOf(meters), reader, null);
        }
        Timer durations = DurationTimer.register(registry, tags, first.durations());
        meters.add(durations);
        return new MeterGroups.Group(List.copyOf(meters), reader, durations);
    }

    private MeterGroups.Group registerExporter(ExporterStats first) {
        Tags tags = common.and(MeterNames.TAG_EXPORTER, first.name());
        Supplier<ExporterStats> reader = readers.exporter(first);
        return new MeterGroups.Group(List.copyOf(register(ExporterRows.ROWS, tags, reader)), reader, null);
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

    private <T> List<Meter> register(List<MeterRow<T>> rows, Tags tags, Supplier<T> reader) {
        List<Meter> meters = new ArrayList<>(rows.size() + 1);
        for (MeterRow<T> row : rows) {
            meters.add(row.register(registry, tags, reader));
        }
        return meters;
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
