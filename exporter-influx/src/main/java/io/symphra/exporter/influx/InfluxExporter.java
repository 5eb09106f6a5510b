package io.symphra.exporter.influx;

import io.symphra.exporter.support.PushOutcome;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes snapshots as line protocol to InfluxDB 2 (or anything else that accepts {@code /api/v2/write}, such as
 * VictoriaMetrics) or to InfluxDB 1.x's {@code /write} ({@code api=v1}, implied by {@code database}), under the
 * exporter name {@code influx}. Disabled unless
 * {@code symphra.exporter.influx.enabled=true}; pushes every 10 seconds unless {@code interval} says otherwise.
 *
 * <p>Each push renders the snapshot as {@link InfluxLineProtocolFormat} does, appends the points to a bounded
 * buffer and writes the buffer in batches of {@code batch-size} points. A write the server fails (or does not
 * answer) is retried within the push under the retry policy every Symphra HTTP exporter shares
 * ({@code max-attempts}, {@code backoff}, {@code max-backoff}, {@code Retry-After}); points still not written
 * after the last attempt stay buffered for the next push (the oldest are dropped beyond {@code buffer-limit}, with
 * a warning). Refused credentials (401, 403) and refused data (any other status) drop the batch instead of
 * retrying it forever. Every attempt is bounded by {@code timeout}, and a push stops writing (and waiting) after
 * one {@code interval}, so a push never holds the exporter's thread much longer than that. A push that could not
 * deliver throws {@link InfluxPushException}. Tokens and passwords never appear in a log, a message or
 * {@link #toString()}.
 */
public final class InfluxExporter extends ConfiguredExporter<InfluxSettings> {

    /** The exporter's name and configuration prefix: {@code symphra.exporter.influx.*}. */
    public static final String NAME = "influx";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxExporter.class);
    private static final Duration WARNING_WINDOW = Duration.ofMinutes(1);

    private final ReentrantLock pushLock = new ReentrantLock();
    /** How often the scheduler pushes: a push flushes for at most one interval. */
    private volatile Duration interval = InfluxSettings.DEFAULT_INTERVAL;

    private InfluxSender sender;
    private PointBuffer buffer;
    private final ThrottledLog overflowWarning = ThrottledLog.every(LOG, WARNING_WINDOW);
    private final ThrottledLog rejectedWarning = ThrottledLog.every(LOG, WARNING_WINDOW);
    private boolean closed;
    /** Opened by {@link #close()}: ends a wait between two attempts at once. */
    private volatile CountDownLatch closing = new CountDownLatch(1);
    /** Whether the last push ended with points the server did not take; then close does not try them again. */
    private boolean failing;

    /** Used by {@link java.util.ServiceLoader}. */
    public InfluxExporter() {
        this(Map.of());
    }

    /** The exporter made by {@link InfluxExporterBuilder}, with the settings it recorded. */
    InfluxExporter(Map<String, String> settingsInCode) {
        super(NAME, Optional.of(InfluxSettings.DEFAULT_INTERVAL), settingsInCode);
    }

    /** A builder that configures the exporter in code, without string keys. */
    public static InfluxExporterBuilder builder() {
        return new InfluxExporterBuilder();
    }

    @Override
    protected InfluxSettings read(ExporterConfig config) {
        return InfluxSettings.from(config);
    }

    @Override
    public void start(ExporterContext context) {
        pushLock.lock();
        try {
            InfluxSettings s = settings();
            interval = context.pushInterval().orElse(InfluxSettings.DEFAULT_INTERVAL);
            buffer = new PointBuffer(s.bufferLimit());
            sender = InfluxSender.open(s);
            closed = false;
            failing = false;
            closing = new CountDownLatch(1);
            LOG.info(
                    "Pushing metrics to {} ({}, {}) every {}",
                    s.url(),
                    s.target(),
                    s.credentials() == null ? "no credentials" : "with credentials",
                    interval);
        } finally {
            pushLock.unlock();
        }
    }

    @Override
    public void export(MetricsSnapshot snapshot) throws InfluxPushException {
        pushLock.lock();
        try {
            if (sender == null || closed) {
                throw new IllegalStateException("the influx exporter is not started");
            }
            int dropped = buffer.addAll(render(snapshot));
            if (dropped > 0) {
                overflowWarning.warn("InfluxDB at " + settings().url() + " is not taking points fast enough: dropped "
                        + dropped + " oldest points to stay within buffer-limit "
                        + settings().bufferLimit() + " ("
                        + buffer.droppedTotal() + " dropped in total)");
            }
            flush(System.nanoTime() + interval.toNanos());
        } finally {
            pushLock.unlock();
        }
    }

    /**
     * Stops the exporter. Points left by a push that ran out of time are written once more (one attempt, bounded by
     * {@code timeout}); points held back because the server is failing are not retried here, and their number is
     * logged. Does not wait for a push that is still running, and ends its wait between attempts at once.
     */
    @Override
    public void close() {
        closing.countDown();
        if (!pushLock.tryLock()) {
            LOG.warn("Closing the influx exporter while a push is still running; its points may be lost");
            closeSender();
            return;
        }
        try {
            if (closed || sender == null) {
                return;
            }
            if (buffer.size() > 0 && !failing) {
                try {
                    flush(System.nanoTime() + settings().timeout().toNanos());
                } catch (InfluxPushException e) {
                    LOG.warn("Last write at close failed: {}", e.getMessage());
                }
            }
            if (buffer.size() > 0) {
                LOG.warn(
                        "Closing the influx exporter with {} points not delivered to {}",
                        buffer.size(),
                        settings().url());
            }
            closed = true;
            closeSender();
        } finally {
            pushLock.unlock();
        }
    }

    /** Points waiting for the server, for tests and diagnostics. */
    int bufferedPoints() {
        return buffer == null ? 0 : buffer.size();
    }

    /** Points dropped because the buffer was full. */
    long droppedPoints() {
        return buffer == null ? 0 : buffer.droppedTotal();
    }

    @Override
    public String toString() {
        return "InfluxExporter[" + (isConfigured() ? settings().toString() : "not configured") + "]";
    }

    private void flush(long deadlineNanos) throws InfluxPushException {
        while (buffer.size() > 0) {
            if (System.nanoTime() - deadlineNanos > 0) {
                LOG.debug("Push ran out of time; {} points stay buffered for the next one", buffer.size());
                return;
            }
            List<String> batch = buffer.peek(settings().batchSize());
            Attempts result = write(batch, deadlineNanos);
            InfluxSender.Result last = result.last();
            switch (last.outcome()) {
                case DELIVERED -> buffer.removeFirst(batch.size());
                case REJECTED -> {
                    buffer.removeFirst(batch.size());
                    rejectedWarning.warn("InfluxDB at " + settings().url() + " rejected " + batch.size()
                            + " points with HTTP " + last.status() + " (" + last.detail() + "); they were dropped");
                }
                case CONFIGURATION_ERROR -> {
                    buffer.removeFirst(batch.size());
                    failing = true;
                    // Thrown, not logged: the scheduler logs a failed push, throttled, once.
                    throw new InfluxPushException("InfluxDB at " + settings().url()
                            + " refused the credentials with HTTP " + last.status() + " (" + last.detail()
                            + "): check " + credentialKeys() + "; dropped " + batch.size() + " points, "
                            + buffer.size() + " still buffered");
                }
                case RETRYABLE -> {
                    failing = true;
                    throw new InfluxPushException("InfluxDB at " + settings().url() + " is unavailable ("
                            + (last.status() == 0 ? "" : "HTTP " + last.status() + ", ") + last.detail()
                            + ") after " + result.count() + " attempt(s); " + buffer.size()
                            + " points kept for a later push");
                }
            }
        }
        failing = false;
    }

    /** How a batch's attempts ended: the last result and how many were made. */
    private record Attempts(InfluxSender.Result last, int count) {}

    /**
     * Writes one batch, retrying a retryable result under the retry policy, while the push has time left for the
     * wait and the exporter is not closing.
     */
    private Attempts write(List<String> batch, long deadlineNanos) {
        PushRetryPolicy retry = settings().retry();
        for (int attempt = 1; ; attempt++) {
            InfluxSender.Result result = sender.send(batch);
            if (result.outcome() != PushOutcome.RETRYABLE || attempt >= retry.maxAttempts()) {
                return new Attempts(result, attempt);
            }
            Duration wait = retry.waitBefore(attempt + 1, result.retryAfter());
            if (wait.toNanos() > deadlineNanos - System.nanoTime()) {
                // The wait would outlast the push: the points stay buffered for the next one instead.
                return new Attempts(result, attempt);
            }
            LOG.debug(
                    "InfluxDB at {}: attempt {}/{} failed ({}); retrying in {} ms",
                    settings().url(),
                    attempt,
                    retry.maxAttempts(),
                    result.status() == 0 ? result.detail() : "HTTP " + result.status(),
                    wait.toMillis());
            if (waitUnlessClosing(wait)) {
                return new Attempts(result, attempt);
            }
        }
    }

    /** Waits {@code wait}; true when the exporter started closing meanwhile. */
    private boolean waitUnlessClosing(Duration wait) {
        try {
            return closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private List<String> render(MetricsSnapshot snapshot) {
        LineCollector lines = new LineCollector();
        try {
            SnapshotLines.write(snapshot, settings().precision(), new LineProtocolWriter(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("a LineCollector never fails", e);
        }
        return lines.lines();
    }

    private String credentialKeys() {
        return settings().api() == InfluxSettings.Api.V2
                ? "symphra.exporter.influx.token and its permission to write to bucket '"
                        + settings().bucket() + "'"
                : "symphra.exporter.influx.username and symphra.exporter.influx.password";
    }

    private void closeSender() {
        InfluxSender s = sender;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the InfluxDB client failed: {}", e.toString());
            }
        }
    }
}
