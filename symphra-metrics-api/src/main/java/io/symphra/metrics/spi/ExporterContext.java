package io.symphra.metrics.spi;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What the scheduler gives an exporter when it starts it. Valid until the exporter is closed. The exporter's
 * configuration is not here: it came once, validated, through {@link MetricsExporter#configure}.
 */
public interface ExporterContext {

    /**
     * How often the scheduler calls {@link MetricsExporter#export}, as it decided from the {@code interval} key and
     * {@link MetricsExporter#defaultInterval()}; empty for an exporter that is only pulled. An exporter that must
     * finish a push within one interval reads it here rather than parsing the key again.
     */
    Optional<Duration> pushInterval();

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
