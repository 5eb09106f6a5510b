package io.symphra.exporter.statsd;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real {@link StatsdExporter}, registered in the scheduler under its own name, that also notes the cumulative
 * executions of every push it handed to the UDP sender. A daemon that missed some pushes (UDP to nowhere) must hold
 * exactly {@code total - sent(k)} for some push k: a lost prefix, never a count twice or a hole in the middle.
 */
final class SentCounts implements MetricsExporter {

    private final StatsdExporter delegate = new StatsdExporter();
    private final List<Long> sentExecutions = new CopyOnWriteArrayList<>();

    StatsdExporter exporter() {
        return delegate;
    }

    /** The snapshot's total executions at every push whose datagrams were handed to the sender, in order. */
    List<Long> sentExecutions() {
        return List.copyOf(sentExecutions);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean enabledByDefault() {
        return delegate.enabledByDefault();
    }

    @Override
    public Optional<Duration> defaultInterval() {
        return delegate.defaultInterval();
    }

    @Override
    public void configure(ExporterConfig config) {
        delegate.configure(config);
    }

    @Override
    public void start(ExporterContext context) {
        delegate.start(context);
    }

    @Override
    public void export(MetricsSnapshot snapshot) {
        delegate.export(snapshot);
        StatsdExporter.PushResult push = delegate.lastPush();
        if (push != null && push.sent()) {
            sentExecutions.add(snapshot.totals().executions());
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
