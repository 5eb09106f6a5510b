package io.symphra.metrics.testkit;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An {@link ExporterContext} for driving an exporter in a test without a scheduler: the test sets the snapshot
 * that {@link #snapshot()} returns and closes the context to stop the executor.
 */
public final class TestExporterContext implements ExporterContext, AutoCloseable {

    private final ExporterConfig config;
    private final AtomicReference<Supplier<MetricsSnapshot>> snapshots;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicInteger threads = new AtomicInteger();

    public TestExporterContext(ExporterConfig config, MetricsSnapshot snapshot) {
        this(config, () -> snapshot, Clock.systemUTC());
    }

    public TestExporterContext(ExporterConfig config, Supplier<MetricsSnapshot> snapshots, Clock clock) {
        this.config = config;
        this.snapshots = new AtomicReference<>(snapshots);
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(threadFactory());
    }

    /** A context for exporter {@code name} configured with relative keys. */
    public static TestExporterContext of(String name, Map<String, String> config, MetricsSnapshot snapshot) {
        return new TestExporterContext(ExporterConfig.of(name, config), snapshot);
    }

    /** Replaces what {@link #snapshot()} returns from now on. */
    public void setSnapshot(MetricsSnapshot snapshot) {
        snapshots.set(() -> snapshot);
    }

    /** The configuration the test hands to the exporter's {@code configure}, as the scheduler would once. */
    public ExporterConfig config() {
        return config;
    }

    /** The configuration's {@code interval}, as the scheduler would have decided it; empty when not set. */
    @Override
    public Optional<Duration> pushInterval() {
        return config.duration("interval");
    }

    @Override
    public MetricsSnapshot snapshot() {
        return snapshots.get().get();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r, "test-exporter-" + config.exporterName() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public Optional<MetricsFormat> format(String name) {
        return MetricsFormat.find(name, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
