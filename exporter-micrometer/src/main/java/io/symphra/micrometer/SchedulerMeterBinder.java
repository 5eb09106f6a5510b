package io.symphra.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
     *                       belong to that period), and this test lets its meters go at once
     */
    public SchedulerMeterBinder(
            Supplier<MetricsSnapshot> snapshots, Duration maxSnapshotAge, Predicate<String> liveTasks) {
        Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
        this.liveTasks = Objects.requireNonNull(liveTasks, "liveTasks");
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
            BoundRegistry b = new BoundRegistry(registry, readers, liveTasks);
            bound.add(b);
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
            bound.forEach(BoundRegistry::clear);
            bound.clear();
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
