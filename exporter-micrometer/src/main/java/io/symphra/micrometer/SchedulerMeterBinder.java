package io.symphra.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Publishes a scheduler's metrics into Micrometer registries as function-based meters (see {@link MeterNames} and
 * docs/micrometer.md for every name):
 *
 * <pre>{@code
 * new SchedulerMeterBinder(scheduler::snapshot).bindTo(registry);
 * }</pre>
 *
 * <p>A binder made this way reads snapshots only, so a task's duration is a function timer of count and total. The
 * {@link MicrometerExporter}, which the scheduler tells of every run, makes it a {@code Timer} with buckets at the
 * scheduler's histogram bounds instead, recording each run into it: use the exporter for the histogram.
 *
 * <p>What it promises:
 * <ul>
 *   <li>The meters read the latest snapshot when the registry collects them; nothing is copied per run. A snapshot
 *       is taken at most once per {@code maxSnapshotAge} (1 s by default), so one scrape takes one snapshot.</li>
 *   <li>A task that appears in a snapshot gets its meters; a task that is gone (from the snapshot, or by the
 *       live-task test) has them removed from the registry. This happens when a snapshot is taken: at a
 *       collection, or at {@link #refresh()}.</li>
 *   <li>After a metrics reset (a snapshot with a new start time) each task's meters are removed and registered
 *       anew, so every registry sees a counter reset.</li>
 *   <li>Every meter carries the snapshot's common labels as tags, and the task's meters a {@code task} tag.</li>
 * </ul>
 * Thread-safe; it may be bound to several registries. {@link #close()} removes every meter it registered.
 */
public final class SchedulerMeterBinder implements MeterBinder, AutoCloseable {

    /** How long a snapshot serves readings by default. */
    public static final Duration DEFAULT_MAX_SNAPSHOT_AGE = Duration.ofSeconds(1);

    private final SnapshotCache cache;
    private final List<BoundRegistry> bound = new ArrayList<>();
    /** {@link #bound} as the runs read it, without the lock: replaced, never changed. */
    private volatile BoundRegistry[] boundNow = new BoundRegistry[0];
    /** Whether {@link #runEnded} feeds each task's duration timer. */
    private final boolean durationTimers;
    /**
     * Tasks a fresh snapshot of that period showed without giving them meters (the live-task test rejects them),
     * so that their runs do not take a snapshot each; forgotten whenever the meters change.
     */
    private final Map<String, Instant> unshown = new ConcurrentHashMap<>();

    private final BoundRegistry.Readers readers = new Readers();
    private final Predicate<String> liveTasks;
    private boolean closed;

    /** A binder over {@code snapshots} whose snapshot serves readings for {@link #DEFAULT_MAX_SNAPSHOT_AGE}. */
    public SchedulerMeterBinder(Supplier<MetricsSnapshot> snapshots) {
        this(snapshots, DEFAULT_MAX_SNAPSHOT_AGE, name -> true);
    }

    /**
     * @param snapshots      where snapshots come from, such as {@code scheduler::snapshot}
     * @param maxSnapshotAge how long one snapshot serves readings; zero takes one for every reading
     * @param liveTasks      whether a task is still registered, such as {@code n -> scheduler.task(n).isPresent()}:
     *                       a task the scheduler removed stays in its snapshots until the next reset (its counts
     *                       belong to that period), and this test lets its meters go at once; it is not asked
     *                       about {@link MetricsSnapshot#AGGREGATED_TASK}, which is live while it is in a snapshot
     */
    public SchedulerMeterBinder(
            Supplier<MetricsSnapshot> snapshots, Duration maxSnapshotAge, Predicate<String> liveTasks) {
        this(snapshots, maxSnapshotAge, liveTasks, false);
    }

    /**
     * @param durationTimers whether the caller feeds every counted run to {@link #runEnded}: then each task's
     *                       duration is a {@link DurationTimer}
     */
    SchedulerMeterBinder(
            Supplier<MetricsSnapshot> snapshots,
            Duration maxSnapshotAge,
            Predicate<String> liveTasks,
            boolean durationTimers) {
        this.durationTimers = durationTimers;
        Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
        Objects.requireNonNull(liveTasks, "liveTasks");
        // The aggregate is no registered task, so a test by registration would always drop its meters.
        this.liveTasks = name -> name.equals(MetricsSnapshot.AGGREGATED_TASK) || liveTasks.test(name);
        if (maxSnapshotAge.isNegative()) {
            throw new IllegalArgumentException("maxSnapshotAge must not be negative: " + maxSnapshotAge);
        }
        this.cache = new SnapshotCache(snapshots, maxSnapshotAge);
    }

    /** Registers the scheduler's meters in {@code registry}, for the tasks of a snapshot taken now. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        MetricsSnapshot snapshot = cache.read().snapshot();
        synchronized (bound) {
            if (closed) {
                throw new IllegalStateException("the binder is closed");
            }
            for (BoundRegistry b : bound) {
                if (b.registry() == registry) {
                    return;
                }
            }
            BoundRegistry b = new BoundRegistry(registry, readers, liveTasks, durationTimers);
            bound.add(b);
            boundNow = bound.toArray(new BoundRegistry[0]);
            b.sync(snapshot);
        }
    }

    /** Takes a snapshot now and brings the meters in step with its tasks, without waiting for a collection. */
    public void refresh() {
        sync(cache.take());
    }

    /** Uses a snapshot taken elsewhere (the exporter's push) as the latest one. */
    void offer(MetricsSnapshot snapshot) {
        cache.offer(snapshot);
        sync(snapshot);
    }

    /** Removes every meter this binder registered, from every registry. Idempotent. */
    @Override
    public void close() {
        synchronized (bound) {
            closed = true;
            boundNow = new BoundRegistry[0];
            bound.forEach(BoundRegistry::clear);
            bound.clear();
        }
    }

    /**
     * Records a run the scheduler counted into the task's duration timer in every registry. A task or a period the
     * meters do not show yet (a task's first run, the first run after a reset) is brought in with a snapshot first;
     * a run of a period the meters left behind, or of a task whose meters are gone, is counted nowhere, as in the
     * snapshots of the meters' period.
     */
    void runEnded(String task, long durationNanos, Instant periodStart) {
        if (periodStart.equals(unshown.get(task))) {
            return;
        }
        boolean caughtUp = false;
        for (BoundRegistry b : boundNow) {
            Timer durations = b.durations(task, periodStart);
            if (durations == null && !caughtUp) {
                // One catch-up serves every registry: it syncs them all with one snapshot.
                catchUp(task, periodStart);
                caughtUp = true;
                durations = b.durations(task, periodStart);
            }
            if (durations != null) {
                durations.record(durationNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Syncs with a new snapshot unless another run did it meanwhile: after a reset every worker thread asks. */
    private void catchUp(String task, Instant periodStart) {
        synchronized (bound) {
            for (BoundRegistry b : bound) {
                if (b.durations(task, periodStart) == null) {
                    MetricsSnapshot snapshot = cache.take();
                    sync(snapshot);
                    if (b.durations(task, periodStart) == null
                            && snapshot.startTime().equals(periodStart)
                            && snapshot.tasks().containsKey(task)) {
                        unshown.put(task, periodStart);
                    }
                    return;
                }
            }
        }
    }

    private MetricsSnapshot latest() {
        SnapshotCache.Reading reading = cache.read();
        if (reading.fresh()) {
            sync(reading.snapshot());
        }
        return reading.snapshot();
    }

    private void sync(MetricsSnapshot snapshot) {
        synchronized (bound) {
            for (BoundRegistry b : bound) {
                if (b.differsFrom(snapshot)) {
                    b.sync(snapshot);
                    unshown.clear();
                }
            }
        }
    }

    /** What each meter holds and reads: the latest snapshot, or one task's or exporter's part of it. */
    private final class Readers implements BoundRegistry.Readers {
        @Override
        public Supplier<MetricsSnapshot> snapshot() {
            return SchedulerMeterBinder.this::latest;
        }

        @Override
        public Supplier<TaskStats> task(TaskStats first) {
            String name = first.name();
            return new LastKnown<>(first, () -> latest().tasks().get(name));
        }

        @Override
        public Supplier<ExporterStats> exporter(ExporterStats first) {
            String name = first.name();
            return new LastKnown<>(first, () -> BoundRegistry.exporterOf(latest(), name));
        }
    }

    /**
     * A subject's latest value, or the last one seen once it is gone: a meter read in the moment between its
     * subject vanishing and its removal keeps its value rather than falling to zero.
     */
    private static final class LastKnown<T> implements Supplier<T> {
        private final Supplier<T> lookup;
        private volatile T last;

        LastKnown(T first, Supplier<T> lookup) {
            this.last = first;
            this.lookup = lookup;
        }

        @Override
        public T get() {
            T now = lookup.get();
            if (now != null) {
                last = now;
                return now;
            }
            return last;
        }
    }
}
