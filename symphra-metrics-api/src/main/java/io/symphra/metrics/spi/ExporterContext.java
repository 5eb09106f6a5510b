package io.symphra.metrics.spi;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What the scheduler gives an exporter when it starts it. Valid until the exporter is closed.
 */
public interface ExporterContext {

    /** The exporter's configuration, already validated once by {@link MetricsExporter#configure}. */
    ExporterConfig config();

    /** Takes a fresh snapshot of the scheduler's metrics. Cheap enough to call on every scrape. */
    MetricsSnapshot snapshot();

    /** The scheduler's clock, for timestamps; never use it to measure durations. */
    Clock clock();

    /**
     * A single-threaded executor that belongs to this exporter alone: the scheduler runs its pushes on it, and the
     * exporter may schedule its own follow-up work there (a retry, a flush). Shut down by the scheduler after
     * {@link MetricsExporter#close()}.
     */
    ScheduledExecutorService executor();

    /**
     * A factory of daemon threads named after the exporter, for exporters that need threads of their own (an
     * HTTP server's pool). The exporter stops them in {@link MetricsExporter#close()}.
     */
    ThreadFactory threadFactory();

    /** The {@link MetricsFormat} of that name on the scheduler's class path, if there is one. */
    Optional<MetricsFormat> format(String name);
}
