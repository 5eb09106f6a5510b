package io.symphra.scheduler.exporter;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One configured exporter and its health: pushes it, counts outcomes, keeps one push at a time. */
final class ExporterSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterRuntime.class);

    final MetricsExporter exporter;
    final ExporterConfig config;
    final Optional<Duration> interval;
    final FailureLog failures;
    private final AtomicBoolean pushing = new AtomicBoolean();
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    volatile ScheduledExecutorService executor;
    volatile boolean started;

    ExporterSlot(MetricsExporter exporter, ExporterConfig config, Optional<Duration> interval) {
        this.exporter = exporter;
        this.config = config;
        this.interval = interval;
        this.failures = new FailureLog(LOG, exporter.name(), Duration.ofMinutes(1));
    }

    String name() {
        return exporter.name();
    }

    /** Ticker: submit a push unless the previous one is still running. */
    void tick(Supplier<MetricsSnapshot> snapshots, Clock clock) {
        if (!pushing.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            failures.skipped(interval.orElse(Duration.ZERO));
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    push(snapshots.get(), clock);
                } finally {
                    pushing.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pushing.set(false);
        }
    }

    /** Runs on the exporter's own thread. */
    void push(MetricsSnapshot snapshot, Clock clock) {
        try {
            exporter.export(snapshot);
            exports.incrementAndGet();
            lastSuccess.set(clock.instant());
            failures.success();
        } catch (Throwable e) {
            // An Error (a failed assert, a stack overflow) is the exporter's bug, not the scheduler's: a failed push.
            failed.incrementAndGet();
            lastFailure.set(clock.instant());
            failures.failure(e);
            Failures.rethrowIfFatal(e);
        }
    }

    ExporterStats stats() {
        return new ExporterStats(
                name(), exports.get(), failed.get(), skipped.get(), lastSuccess.get(), lastFailure.get());
    }
}
