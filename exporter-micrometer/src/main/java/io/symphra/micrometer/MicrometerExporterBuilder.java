package io.symphra.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Configures a {@link MicrometerExporter} in code, for {@code Scheduler.builder().exporter(...)}:
 *
 * <pre>{@code
 * Scheduler.builder().exporter(MicrometerExporter.builder().registry(meterRegistry).build())
 * }</pre>
 *
 * Settings made here win over the same keys as system properties or environment variables and are validated when
 * the scheduler is built, naming the key.
 */
public final class MicrometerExporterBuilder extends ExporterBuilder<MicrometerExporterBuilder> {

    private MeterRegistry registry = Metrics.globalRegistry;
    private Predicate<String> liveTasks = name -> true;

    MicrometerExporterBuilder() {}

    /** The registry the meters go to; default {@link Metrics#globalRegistry}. */
    public MicrometerExporterBuilder registry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Whether a task is still registered, such as {@code name -> scheduler.task(name).isPresent()}: the meters of
     * a task it rejects are removed at once instead of at the next metrics reset. Default: every task in the
     * snapshot is live. The aggregate of {@code aggregateMetrics} ({@link MetricsSnapshot#AGGREGATED_TASK}) is
     * live while it is in a snapshot, whatever the test says.
     */
    public MicrometerExporterBuilder liveTasks(Predicate<String> liveTasks) {
        this.liveTasks = Objects.requireNonNull(liveTasks, "liveTasks");
        return this;
    }

    /** How long one snapshot serves readings; key {@code snapshot-max-age}, default 1 s, at most 1 m. */
    public MicrometerExporterBuilder snapshotMaxAge(Duration age) {
        return set(MicrometerSettings.SNAPSHOT_MAX_AGE, age);
    }

    public MicrometerExporter build() {
        return new MicrometerExporter(registry, liveTasks, settings());
    }
}
