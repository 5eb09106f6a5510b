package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.testkit.FaultyEndpoint;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.SchedulerUnderLoad.Footprint;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A JVM that opens and closes schedulers with the OTLP exporter many times does not gain threads: after the first
 * cycles (which start the JVM-wide HTTP client), further cycles leave no thread behind, whether the final push was
 * answered or hung on a receiver that never answers. Exact and independent of garbage collection: no
 * {@code System.gc()}, so a thread that ends only once its client has been collected counts as left behind.
 */
class OtlpThreadsIT {

    private static final int CYCLES = 30;

    @Test
    void openingAndClosingTheExporterManyTimesAddsNoThread() throws Exception {
        try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
                FaultyEndpoint silent = FaultyEndpoint.silent(0)) {
            String silentUrl = "http://127.0.0.1:" + silent.port() + "/v1/metrics";
            cycle(receiver.metricsUrl());
            cycle(silentUrl);
            Set<Thread> afterWarmUp = Footprint.liveThreads();
            for (int i = 0; i < CYCLES; i++) {
                cycle(i % 3 == 2 ? silentUrl : receiver.metricsUrl());
            }
            // Threads of this test's own pools may still be ending; anything else must already be gone.
            await("threads of closed schedulers end")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Footprint.leftSince(afterWarmUp), List::isEmpty);
            assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(CYCLES * 2 / 3);
        }
    }

    /** A scheduler with the OTLP exporter runs one task and is closed, which makes its final push. */
    private static void cycle(String endpoint) throws Exception {
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .shutdownTimeout(Duration.ofSeconds(2))
                .exporterProperties(Map.of(
                        "symphra.exporter.otlp.enabled", "true",
                        "symphra.exporter.otlp.endpoint", endpoint,
                        "symphra.exporter.otlp.interval", "1h",
                        "symphra.exporter.otlp.timeout", "500ms"))
                .build()) {
            scheduler.schedule("once", Triggers.once(Instant.now()), () -> {});
            scheduler.start();
            await("the task ran")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> scheduler.snapshot().totals().executions() == 1);
        }
    }
}
