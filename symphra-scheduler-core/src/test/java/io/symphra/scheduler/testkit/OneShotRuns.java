package io.symphra.scheduler.testkit;

import static org.awaitility.Awaitility.await;

import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/** Runs of one-shot tasks on the real scheduler, for tests that look for them at an exporter's backend. */
public final class OneShotRuns {

    private OneShotRuns() {}

    /**
     * A builder of a scheduler with metrics that pushes to the bundled exporter {@code exporter} every {@code
     * interval}, configured with {@code settings} (keys without the {@code symphra.exporter.<exporter>.} prefix),
     * and gives the final push up to 5 s on close. Test-only: the interval may go below the 100 ms floor of push
     * intervals, down to 1 ms.
     */
    public static Scheduler.Builder pushingTo(String exporter, String interval, Map<String, String> settings) {
        String prefix = "symphra.exporter." + exporter + ".";
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .shutdownTimeout(Duration.ofSeconds(5))
                .exporterProperty("symphra.exporter.minimum-interval", "1ms")
                .exporterProperty(prefix + "enabled", "true")
                .exporterProperty(prefix + "interval", interval);
        settings.forEach((key, value) -> builder.exporterProperty(prefix + key, value));
        return builder;
    }

    /**
     * Schedules {@code runs} tasks named {@code once-0}, {@code once-1}, ... that fire now, starts the scheduler and
     * waits until its snapshot counts every run; closing the scheduler then hands them all to the final push.
     */
    public static void runAll(Scheduler scheduler, int runs) {
        for (int i = 0; i < runs; i++) {
            scheduler.schedule("once-" + i, Triggers.once(Instant.now()), () -> {});
        }
        scheduler.start();
        await("all " + runs + " runs in the snapshot")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> scheduler.snapshot().totals().executions() == runs);
    }

    /**
     * {@link #runAll Runs} them on an {@link IsolatedScheduler} that reads {@code systemProperties} (and nothing of the machine) and has
     * {@code exporter} as its only exporter, then closes it, which hands every run to the exporter's final push.
     */
    public static void runAndClose(MetricsExporter exporter, Map<String, String> systemProperties, int runs) {
        Properties properties = new Properties();
        properties.putAll(systemProperties);
        try (Scheduler scheduler = IsolatedScheduler.builder()
                .systemProperties(properties)
                .exporter(exporter)
                .build()) {
            runAll(scheduler, runs);
        }
    }
}
