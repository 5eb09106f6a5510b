package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One configured exporter and its health: pushes it, counts outcomes, keeps one push at a time. */
final class ExporterSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterRuntime.LOGGER);

    final MetricsExporter exporter;
    final Optional<Duration> interval;
    final FailureLog failures;
    private final AtomicBoolean pushing = new AtomicBoolean();
    private final Queue<Handover> handovers = new ConcurrentLinkedQueue<>();
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    volatile ScheduledExecutorService executor;
    volatile boolean started;

    ExporterSlot(MetricsExporter exporter, Optional<Duration> interval) {
        this.exporter = exporter;
        this.interval = interval;
        this.failures = new FailureLog(LOG, exporter.name(), Duration.ofMinutes(1));
    }

    String name() {
        return exporter.name();
    }

    /** Ticker: submit a push unless the previous one is still running. */
    void tick(Supplier<MetricsSnapshot> snapshots, Object cut, Clock clock) {
        if (!pushing.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            failures.skipped(interval.orElse(Duration.ZERO));
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    pushCurrent(snapshots, cut, clock);
                } finally {
                    pushing.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pushing.set(false);
        }
    }

    /**
     * Queues the last snapshot of a period that a reset ended; {@code delivered} completes once it was pushed
     * (or the push failed). Called under the runtime's cut lock, so that no snapshot of the new period is taken
     * for this exporter before the handover is queued.
     */
    void handOver(MetricsSnapshot last, CompletableFuture<Void> delivered) {
        handovers.add(new Handover(last, delivered));
    }

    /**
     * Runs on the exporter's own thread: pushes the snapshots handed over by resets, oldest first, then the
     * current one. Both are taken under {@code cut}, the lock a reset holds while it zeroes the counters and
     * hands over, so a snapshot of a new period never goes out before the last one of the period before; the
     * pushes themselves happen outside it, so a slow backend holds up neither resets nor other exporters.
     */
    void pushCurrent(Supplier<MetricsSnapshot> snapshots, Object cut, Clock clock) {
        List<Handover> ended = new ArrayList<>(0);
        MetricsSnapshot current;
        synchronized (cut) {
            for (Handover h; (h = handovers.poll()) != null; ) {
                ended.add(h);
            }
            current = snapshots.get();
        }
        ended.forEach(h -> deliver(h, clock));
        push(current, clock);
    }

    /** Runs on the exporter's own thread: pushes every snapshot handed over by a reset and not yet pushed. */
    void pushHandovers(Clock clock) {
        for (Handover h; (h = handovers.poll()) != null; ) {
            deliver(h, clock);
        }
    }

    private void deliver(Handover h, Clock clock) {
        try {
            push(h.snapshot, clock);
        } finally {
            h.delivered.complete(null);
        }
    }

    /** Runs on the exporter's own thread. */
    private void push(MetricsSnapshot snapshot, Clock clock) {
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

    /** The last snapshot of a period a reset ended, and who waits for its push. */
    private record Handover(MetricsSnapshot snapshot, CompletableFuture<Void> delivered) {}
}
