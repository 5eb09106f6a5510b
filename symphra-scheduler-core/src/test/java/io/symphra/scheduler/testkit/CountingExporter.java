package io.symphra.scheduler.testkit;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A push exporter registered in code that counts its starts, closes and export calls. Its {@code export()} throws
 * what {@code failure} returns for the call's number (1 for the first), or returns normally for {@code null}.
 */
public final class CountingExporter implements MetricsExporter {

    private final String name;
    private final Duration interval;
    private final IntFunction<Throwable> failure;
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public CountingExporter(String name, Duration interval, IntFunction<Throwable> failure) {
        this.name = name;
        this.interval = interval;
        this.failure = failure;
    }

    /** An exporter whose pushes all succeed. */
    public static CountingExporter healthy(String name, Duration interval) {
        return new CountingExporter(name, interval, call -> null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public Optional<Duration> defaultInterval() {
        return Optional.of(interval);
    }

    @Override
    public void start(ExporterContext context) {
        starts.incrementAndGet();
    }

    @Override
    public void export(MetricsSnapshot snapshot) throws Exception {
        Throwable thrown = failure.apply(calls.incrementAndGet());
        if (thrown instanceof Exception e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    public int starts() {
        return starts.get();
    }

    public int closes() {
        return closes.get();
    }

    /** Calls of {@code export()}, whatever they did. */
    public int calls() {
        return calls.get();
    }
}
