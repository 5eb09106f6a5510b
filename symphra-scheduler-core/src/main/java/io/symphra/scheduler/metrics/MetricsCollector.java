package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskNames;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.spi.RunObserver;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.internal.LiveSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures every task execution the scheduler reports and turns it into immutable {@link MetricsSnapshot}s.
 *
 * <h2>Recording</h2>
 * As a {@link TaskListener} it counts, per task: successes, failures (timeouts included), timeouts, skipped
 * fires, retries, runs in progress, total/min/max duration, a duration histogram (bucket upper bounds are
 * inclusive, Prometheus {@code le}), the end time of the last success and failure ({@code event.startEpochNanos()}
 * plus the duration, so no clock is read per execution) and the lateness of each start. Recording is lock-free,
 * wait-free apart from the min/max compare-and-set loops, and allocates nothing. Events for a task the collector
 * has not heard of register it implicitly (as not registered). The scheduler skips the listener methods' lookup by
 * name: it records each task through a {@link #handle(String) TaskMetricsHandle} bound at registration. Each task costs about 300 bytes
 * with the default 13 bounds (8 more per extra bound), allocated once when the task is first seen.
 *
 * <h2>Snapshots</h2>
 * {@link #snapshot()} costs O(number of tasks x number of buckets) and nothing per execution. Each task's
 * statistics are a consistent cut: {@code executions == successes + failures == histogram count},
 * {@code timeouts <= failures}, histogram sum == total duration, {@code min <= average <= max}; totals are the
 * sum over tasks; between two snapshots with the same start time no counter goes down. A snapshot never blocks a
 * recording; under a storm of recordings into the same task it may retry its read of that task.
 *
 * <h2>Reset</h2>
 * {@link #reset()} starts a new collection period with a strictly later {@link #startTime()}. It takes a
 * consistent reading of each task and subtracts it from the live counters, so a recording that races with the
 * reset counts entirely before it or entirely after it, never half, and nothing is lost. The readings it subtracted
 * are returned as the last snapshot of the period that ended, so what counted before the reset can still be
 * delivered, each run exactly once (the scheduler hands it to every push exporter). A recording that races
 * with a reset may leave its duration in the new period's min or max although it is counted before the reset
 * (the invariants still hold). Tasks that are no longer registered are dropped at a reset, or at once when they
 * are unregistered with nothing recorded since the last reset; a recording that races with that drop is lost. The
 * runs-in-progress gauge is not a counter: runs in progress at a reset stay counted until they end.
 *
 * <h2>Aggregated tasks</h2>
 * Tasks whose names match one of the collector's aggregation patterns have no statistics of their own: they are
 * recorded, all together, as the one task {@value #AGGREGATED_TASK}, which every backend then writes as it writes any
 * task (the label, tag or attribute {@code task="_aggregated"}). So the series per task of those tasks cost one
 * task's series in all, and the snapshot's invariants hold unchanged: {@value #AGGREGATED_TASK} is an entry of
 * {@code tasks()} like any other, and the totals are still the sum over the entries. Its schedule signals are
 * empty (no next fire, oldest run age 0), since it is no one task; its runs in progress are those of all the tasks
 * it stands for. It stays, registered, once one of them was registered, even when all are unregistered again.
 *
 * <h2>Run observers</h2>
 * A collector built with {@link RunObserver}s tells each of them of every run it counts (success, failure,
 * timeout), right after counting it, with the name it counts the run under and the current start time; one built
 * without pays a null check per run and nothing else.
 *
 * <p>Thread-safe: listener methods may be called from any number of threads; {@link #snapshot()} and
 * {@link #reset()} are serialized with each other.
 */
public final class MetricsCollector implements TaskListener {

    /** The task name under which the tasks matching the aggregation patterns are recorded together. */
    public static final String AGGREGATED_TASK = MetricsSnapshot.AGGREGATED_TASK;

    private final Clock clock;
    private final TaskNamePatterns aggregated;
    private final SortedMap<String, String> commonLabels;
    private final BucketBounds bounds;
    /** {@code null} when there is no run observer. */
    private final RunObservers runs;

    private final ConcurrentHashMap<String, TaskCell> cells = new ConcurrentHashMap<>();
    private final Object snapshotLock = new Object();
    /** Bumped whenever a cell is added to or dropped from {@link #cells}. */
    private final java.util.concurrent.atomic.AtomicInteger cellSetVersion =
            new java.util.concurrent.atomic.AtomicInteger();

    private TaskCell[] sortedCells;
    /**
     * Cells lie scattered over the heap, so reading them one after the other would wait for memory once per cell.
     * A snapshot first touches a batch of cells in a short loop, so that their cache misses overlap, then reads them.
     */
    private static final int READ_BATCH = 16;
    /** Keeps the touching loads from being optimized away. */
    private long readAheadSink;
    /** The names of {@link #sortedCells}, in the same order. */
    private TaskNames sortedNames;
    /** The same names as an array, for {@link LiveSignals#readTasks}; never changed once built. */
    private String[] sortedNameArray;

    private int sortedVersion;
    private volatile Instant startTime;

    /**
     * A collector with the default histogram bounds, {@link DurationHistogram#DEFAULT_BOUNDS_SECONDS}.
     *
     * @param clock        gives snapshot timestamps and the start time
     * @param commonLabels labels describing the scheduler itself, copied into every snapshot
     */
    public MetricsCollector(Clock clock, Map<String, String> commonLabels) {
        this(clock, commonLabels, DurationHistogram.DEFAULT_BOUNDS_SECONDS);
    }

    /**
     * A collector with the given histogram bounds.
     *
     * @param clock                  gives snapshot timestamps and the start time
     * @param commonLabels           labels describing the scheduler itself, copied into every snapshot
     * @param histogramBoundsSeconds finite upper bounds of the duration histogram's buckets in seconds, positive
     *                               and strictly ascending; a last +Inf bucket is added
     * @throws IllegalArgumentException naming the offending bound, or a label with a {@code null} value
     */
    public MetricsCollector(Clock clock, Map<String, String> commonLabels, double[] histogramBoundsSeconds) {
        this(clock, commonLabels, histogramBoundsSeconds, List.of());
    }

    /**
     * A collector with the given histogram bounds that records the tasks matching {@code aggregatedTasks} together,
     * as the one task {@value #AGGREGATED_TASK} (see the class comment).
     *
     * @param clock                  gives snapshot timestamps and the start time
     * @param commonLabels           labels describing the scheduler itself, copied into every snapshot
     * @param histogramBoundsSeconds finite upper bounds of the duration histogram's buckets in seconds, positive
     *                               and strictly ascending; a last +Inf bucket is added
     * @param aggregatedTasks        task-name patterns, each matching whole names, {@code *} for any characters
     *                               ({@code report-*}, {@code *}); none by default
     * @throws IllegalArgumentException naming the offending bound or pattern, or a label with a {@code null} value
     */
    public MetricsCollector(
            Clock clock,
            Map<String, String> commonLabels,
            double[] histogramBoundsSeconds,
            List<String> aggregatedTasks) {
        this(clock, commonLabels, histogramBoundsSeconds, aggregatedTasks, List.of());
    }

    /**
     * A collector as {@link #MetricsCollector(Clock, Map, double[], List)} that tells {@code runObservers} of every
     * run it counts (see the class comment): how the scheduler feeds the exporters that implement
     * {@link RunObserver}.
     *
     * @param runObservers told of each run right after it is counted, in order; none by default
     */
    public MetricsCollector(
            Clock clock,
            Map<String, String> commonLabels,
            double[] histogramBoundsSeconds,
            List<String> aggregatedTasks,
            List<RunObserver> runObservers) {
        this.runs = RunObservers.of(Objects.requireNonNull(runObservers, "runObservers"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.aggregated = TaskNamePatterns.of(Objects.requireNonNull(aggregatedTasks, "aggregatedTasks"));
        this.bounds = BucketBounds.ofSeconds(Objects.requireNonNull(histogramBoundsSeconds, "histogramBoundsSeconds"));
        TreeMap<String, String> labels = new TreeMap<>();
        Objects.requireNonNull(commonLabels, "commonLabels").forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("common label " + key + " must have a non-null name and value");
            }
            labels.put(key, value);
        });
        this.commonLabels = Collections.unmodifiableSortedMap(labels);
        this.startTime = clock.instant();
    }

    /** When collection started or was last {@link #reset()}. */
    public Instant startTime() {
        return startTime;
    }

    /** The histogram's finite bucket upper bounds in seconds (a copy). */
    public double[] histogramBoundsSeconds() {
        return bounds.secondsShared().clone();
    }

    /** The metrics now, with no exporter statistics. */
    public MetricsSnapshot snapshot() {
        return snapshot(List.of());
    }

    /**
     * The metrics now: every known task (registered ones even if they never ran), the totals over them, the
     * common labels and the given exporter statistics.
     */
    public MetricsSnapshot snapshot(List<ExporterStats> exporterStats) {
        return snapshot(exporterStats, null);
    }

    /**
     * {@link #snapshot(List)} with the values that live in the scheduler ({@code live}, or none when {@code null}):
     * each task's next fire and oldest run in progress, and the scheduler's state.
     */
    public MetricsSnapshot snapshot(List<ExporterStats> exporterStats, LiveSignals live) {
        Objects.requireNonNull(exporterStats, "exporterStats");
        synchronized (snapshotLock) {
            Instant start = startTime;
            Instant now = clock.instant();
            // A reset may have nudged the start time past a clock that did not move; time never runs backwards.
            Instant timestamp = now.isBefore(start) ? start : now;
            TaskCell[] ordered = cellsByName();
            TaskStats[] tasks = new TaskStats[ordered.length];
            long[] nextFire = null;
            long[] oldestStart = null;
            RunPolicy[] policy = null;
            SchedulerState scheduler = SchedulerState.NONE;
            if (live != null) {
                nextFire = new long[ordered.length];
                oldestStart = new long[ordered.length];
                policy = new RunPolicy[ordered.length];
                live.readTasks(sortedNameArray, nextFire, oldestStart, policy);
                scheduler = live.scheduler();
            }
            long nowNanos = EpochNanos.of(timestamp);
            long touched = 0;
            for (int batch = 0; batch < ordered.length; batch += READ_BATCH) {
                int end = Math.min(ordered.length, batch + READ_BATCH);
                for (int i = batch; i < end; i++) {
                    touched += ordered[i].touch();
                }
                for (int i = batch; i < end; i++) {
                    tasks[i] = live == null
                            ? ordered[i].stats()
                            : ordered[i].stats(nextFire[i], ageAt(nowNanos, oldestStart[i]), policy[i]);
                }
            }
            readAheadSink = touched;
            return MetricsSnapshot.ofSorted(
                    timestamp, start, sortedNames, tasks, commonLabels, exporterStats, scheduler);
        }
    }

    /** How long before {@code nowNanos} a run that started at {@code startNanos} began; 0 for no run. */
    private static long ageAt(long nowNanos, long startNanos) {
        return startNanos == EpochNanos.NONE ? 0 : Math.max(0, nowNanos - startNanos);
    }

    /**
     * Starts a new collection period: every counter reads zero afterwards and {@link #startTime()} becomes the
     * clock's time, or one nanosecond after the previous start time if the clock has not moved past it.
     * Registered tasks stay (with zero statistics); tasks that were unregistered are forgotten.
     *
     * @return the last snapshot of the period that ended, with no exporter statistics; see
     *     {@link #reset(List)}
     */
    public MetricsSnapshot reset() {
        return reset(List.of());
    }

    /**
     * Starts a new collection period, as {@link #reset()}, and returns the last snapshot of the period that ended:
     * its start time is the old one, and its counters are exactly what the reset took away, so that every run is
     * counted once, either in it or after the reset (with the new start time). An exporter that delivers it before
     * any later snapshot loses no run to the reset. Tasks dropped by the reset are in it with their last values.
     *
     * @param exporterStats the exporter statistics to put into the returned snapshot
     */
    public MetricsSnapshot reset(List<ExporterStats> exporterStats) {
        return reset(exporterStats, null);
    }

    /**
     * {@link #reset(List)}, the returned snapshot carrying the scheduler's state from {@code live} (when not
     * {@code null}); its tasks have no next fire and no run age, which are not part of the period that ended.
     */
    public MetricsSnapshot reset(List<ExporterStats> exporterStats, LiveSignals live) {
        Objects.requireNonNull(exporterStats, "exporterStats");
        synchronized (snapshotLock) {
            Instant previous = startTime;
            Instant now = clock.instant();
            // A cell that appears while this runs is not in the list: its runs count after the reset, whole.
            TaskCell[] ordered = cellsByName();
            TaskNames names = sortedNames;
            for (TaskCell cell : ordered) {
                if (!cell.registered) {
                    cells.computeIfPresent(cell.name, (name, current) -> {
                        if (current != cell || current.registered) {
                            return current;
                        }
                        return retire(current);
                    });
                }
            }
            TaskStats[] ended = new TaskStats[ordered.length];
            for (int i = 0; i < ordered.length; i++) {
                TaskCell cell = ordered[i];
                ended[i] = cell.retired ? cell.stats() : cell.rebase();
            }
            startTime = now.isAfter(previous) ? now : previous.plusNanos(1);
            Instant timestamp = now.isBefore(previous) ? previous : now;
            return MetricsSnapshot.ofSorted(
                    timestamp,
                    previous,
                    names,
                    ended,
                    commonLabels,
                    exporterStats,
                    live == null ? SchedulerState.NONE : live.scheduler());
        }
    }

    /**
     * A handle that records for {@code taskName} without looking it up on each event; see
     * {@link TaskMetricsHandle}. Creates the task's metrics if they do not exist yet (without registering it).
     */
    public TaskMetricsHandle handle(String taskName) {
        return new TaskMetricsHandle(this, cell(Objects.requireNonNull(taskName, "taskName")));
    }

    @Override
    public void onRegistered(String taskName) {
        cells.compute(cellName(taskName), (name, cell) -> {
            TaskCell registered = cell != null ? cell : newCell(name);
            registered.registered = true;
            return registered;
        });
    }

    @Override
    public void onUnregistered(String taskName) {
        if (aggregated.matches(taskName)) {
            return; // the aggregate stands for other tasks too, registered or to come
        }
        synchronized (snapshotLock) {
            cells.computeIfPresent(taskName, (name, cell) -> {
                cell.registered = false;
                // With nothing to report for this period it goes now, not at the next reset: a program that adds
                // and removes tasks before they run must not keep a cell for each.
                return cell.isBlank() ? retire(cell) : cell;
            });
        }
    }

    /** Marks {@code cell} as dropped from {@link #cells}; returns null, for the caller to remove it. */
    private TaskCell retire(TaskCell cell) {
        cell.retired = true;
        cellSetVersion.incrementAndGet();
        return null;
    }

    @Override
    public void onStart(ExecutionEvent event) {
        cell(event.taskName()).recordStart(event.latenessNanos());
    }

    @Override
    public void onSuccess(ExecutionEvent event, long durationNanos) {
        TaskCell cell = cell(event.taskName());
        cell.recordSuccess(durationNanos, endEpochNanos(event.startEpochNanos(), durationNanos));
        ended(cell.name, ExecutionOutcome.SUCCESS, durationNanos);
    }

    @Override
    public void onFailure(ExecutionEvent event, long durationNanos, Throwable error) {
        TaskCell cell = cell(event.taskName());
        cell.recordFailure(durationNanos, endEpochNanos(event.startEpochNanos(), durationNanos), false);
        ended(cell.name, ExecutionOutcome.FAILURE, durationNanos);
    }

    @Override
    public void onTimeout(ExecutionEvent event, long durationNanos) {
        TaskCell cell = cell(event.taskName());
        cell.recordFailure(durationNanos, endEpochNanos(event.startEpochNanos(), durationNanos), true);
        ended(cell.name, ExecutionOutcome.TIMEOUT, durationNanos);
    }

    /** Tells the run observers, if there are any, of a run just counted under {@code cellName}. */
    void ended(String cellName, ExecutionOutcome outcome, long durationNanos) {
        RunObservers observers = runs;
        if (observers != null) {
            observers.ended(cellName, outcome, durationNanos, startTime);
        }
    }

    @Override
    public void onSkipped(ExecutionEvent event) {
        cell(event.taskName()).recordSkipped();
    }

    @Override
    public void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {
        cell(event.taskName()).recordRetry();
    }

    /** Counted as ran elsewhere, without a latency: only the scheduler times the claim. */
    @Override
    public void onRanElsewhere(ExecutionEvent event) {
        cell(event.taskName()).claims().ranElsewhere(-1);
    }

    /** Counted as a claim error, split by {@code ranHere}, without a latency. */
    @Override
    public void onCoordinatorUnavailable(ExecutionEvent event, Throwable error, boolean ranHere) {
        cell(event.taskName()).claims().claimError(ranHere, -1);
    }

    @Override
    public void onAbandoned(ExecutionEvent event, String formerOwner) {
        cell(event.taskName()).claims().abandoned();
    }

    /** The live cell of a task, created (unregistered) on first use. */
    TaskCell cell(String taskName) {
        String name = cellName(taskName);
        TaskCell cell = cells.get(name);
        return cell != null ? cell : cells.computeIfAbsent(name, this::newCell);
    }

    /** The name a task is recorded under: its own, or {@link #AGGREGATED_TASK} when a pattern matches it. */
    private String cellName(String taskName) {
        return !aggregated.isEmpty() && aggregated.matches(taskName) ? AGGREGATED_TASK : taskName;
    }

    private TaskCell newCell(String name) {
        cellSetVersion.incrementAndGet();
        return new TaskCell(name, bounds);
    }

    /**
     * The cells in name order. Sorting 100,000 names on every snapshot would cost more than reading them, so the
     * order is kept until a cell is added or dropped. Called under the snapshot lock.
     */
    private TaskCell[] cellsByName() {
        int version = cellSetVersion.get();
        TaskCell[] ordered = sortedCells;
        if (ordered == null || sortedVersion != version) {
            ordered = cells.values().toArray(new TaskCell[0]);
            java.util.Arrays.sort(ordered, (a, b) -> a.name.compareTo(b.name));
            String[] names = new String[ordered.length];
            for (int i = 0; i < ordered.length; i++) {
                names[i] = ordered[i].name;
            }
            sortedNames = TaskNames.ofSorted(names);
            sortedNameArray = names;
            sortedCells = ordered;
            sortedVersion = version;
        }
        return ordered;
    }

    /** When a run that started at {@code startEpochNanos} and took {@code durationNanos} ended. */
    long endEpochNanos(long startEpochNanos, long durationNanos) {
        // The scheduler always passes the start time of a run; only a caller that does not pays for a clock read.
        return startEpochNanos != ExecutionEvent.NOT_STARTED
                ? TaskCell.endEpochNanos(startEpochNanos, durationNanos)
                : EpochNanos.of(clock.instant());
    }
}
