package io.symphra.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.RunObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code micrometer} exporter: when the scheduler starts it binds a {@link SchedulerMeterBinder} over the
 * scheduler's snapshots to a Micrometer registry (the one given to {@link MicrometerExporterBuilder#registry},
 * else {@link Metrics#globalRegistry}); when it closes, the meters are removed.
 *
 * <p>On by default once the jar is on the class path ({@code symphra.exporter.micrometer.enabled=false} turns it
 * off). The meters read snapshots themselves; the scheduler's push every {@code interval} (10 s by default) only
 * brings the set of meters in step with the tasks when nothing reads them. {@code snapshot-max-age} (1 s by
 * default, at most 1 m) is how long one snapshot serves readings. A task removed from the scheduler keeps its
 * meters until the next metrics reset, when its counts leave the snapshot, unless
 * {@link MicrometerExporterBuilder#liveTasks} tells the exporter which tasks are still registered.
 *
 * <p>As a {@link RunObserver} it hears of every run the scheduler counts and records it into the task's
 * {@code symphra.scheduler.task.duration} {@code Timer}, whose service-level objectives default to the scheduler's
 * histogram bounds: the registry builds the histogram, percentiles and SLO buckets, as its {@code MeterFilter}s
 * configure them for any timer.
 */
public final class MicrometerExporter extends ConfiguredExporter<MicrometerSettings> implements RunObserver {

    /** The exporter's name and configuration prefix: {@code symphra.exporter.micrometer.*}. */
    public static final String NAME = "micrometer";

    /** How often the scheduler pushes, to add and remove task meters, when {@code interval} is not set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Predicate<String> liveTasks;
    private volatile SchedulerMeterBinder binder;

    /** The exporter as {@link java.util.ServiceLoader} creates it: it binds to {@link Metrics#globalRegistry}. */
    public MicrometerExporter() {
        this(Metrics.globalRegistry, name -> true, Map.of());
    }

    MicrometerExporter(MeterRegistry registry, Predicate<String> liveTasks, Map<String, String> settingsInCode) {
        super(NAME, Optional.of(DEFAULT_INTERVAL), settingsInCode);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.liveTasks = Objects.requireNonNull(liveTasks, "liveTasks");
    }

    /** A builder that sets the registry and the settings in code. */
    public static MicrometerExporterBuilder builder() {
        return new MicrometerExporterBuilder();
    }

    /** The registry the meters go to. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    protected MicrometerSettings read(ExporterConfig config) {
        return MicrometerSettings.read(config);
    }

    @Override
    public void start(ExporterContext context) {
        SchedulerMeterBinder started =
                new SchedulerMeterBinder(context::snapshot, settings().maxSnapshotAge(), liveTasks, true);
        started.bindTo(registry);
        binder = started;
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        SchedulerMeterBinder current = binder;
        if (current != null) {
            current.offer(snapshot);
        }
    }

    /** Records the run into its task's duration timer; ignored before {@link #start} and after {@link #close}. */
    @Override
    public void runEnded(String taskName, ExecutionOutcome outcome, long durationNanos, Instant periodStart) {
        SchedulerMeterBinder current = binder;
        if (current != null) {
            current.runEnded(taskName, durationNanos, periodStart);
        }
    }

    @Override
    public void close() {
        SchedulerMeterBinder current = binder;
        binder = null;
        if (current != null) {
            current.close();
        }
    }
}
