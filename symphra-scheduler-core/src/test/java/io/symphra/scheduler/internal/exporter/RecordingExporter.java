package io.symphra.scheduler.internal.exporter;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A push exporter found through {@code META-INF/services} of the test classpath. Disabled unless configured, so
 * it does not disturb other tests. Behaviour is chosen by its {@code mode} key: {@code ok}, {@code fail} or
 * {@code block}.
 */
public class RecordingExporter implements MetricsExporter {

    static final List<RecordingExporter> INSTANCES = new CopyOnWriteArrayList<>();

    final List<MetricsSnapshot> pushes = new CopyOnWriteArrayList<>();
    volatile String mode;
    volatile String greeting;
    volatile ExporterContext context;
    volatile boolean closed;
    volatile String pushThread;

    public RecordingExporter() {
        INSTANCES.add(this);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Optional<Duration> defaultInterval() {
        // The first push comes at a random point within the interval: a century keeps it out of the test.
        return Optional.of(Duration.ofDays(36_500));
    }

    @Override
    public void configure(ExporterConfig config) {
        mode = config.string("mode", "ok");
        if (!List.of("ok", "fail", "block").contains(mode)) {
            throw config.invalid("mode", "expected ok, fail or block");
        }
        greeting = config.string("greeting", "none");
    }

    @Override
    public void start(ExporterContext context) {
        this.context = context;
    }

    @Override
    public void export(MetricsSnapshot snapshot) throws Exception {
        pushThread = Thread.currentThread().getName();
        if (mode.equals("block")) {
            Thread.sleep(Long.MAX_VALUE); // a backend that never answers; interrupted at close
        }
        pushes.add(snapshot);
        if (mode.equals("fail")) {
            throw new java.io.IOException("backend down");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
