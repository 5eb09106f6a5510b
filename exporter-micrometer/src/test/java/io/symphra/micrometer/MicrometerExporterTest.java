package io.symphra.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MicrometerExporterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(MetricsExporter.class).stream().map(ServiceLoader.Provider::type))
                .contains(MicrometerExporter.class);
    }

    @Test
    void aBadSnapshotAgeFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .discoverExporters(false)
                        .exporter(MicrometerExporter.builder()
                                .registry(new SimpleMeterRegistry())
                                .build())
                        .exporterProperty("symphra.exporter.micrometer.snapshot-max-age", "2h")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.micrometer.snapshot-max-age")
                .hasMessageContaining("2h");
    }

    @Test
    void theRegistryShowsTheSameValuesAsGetMetricsAfterNRuns() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Scheduler scheduler = schedulerOn(MicrometerExporter.builder().registry(registry))
                .commonLabel("service", "demo")
                .build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.schedule("bad", Triggers.every(Duration.ofSeconds(1)), () -> {
                throw new IllegalStateException("expected by the test");
            });
            scheduler.start();
            for (int i = 1; i < 5; i++) {
                int runs = i;
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> scheduler.snapshot().totals().executions() == 2L * runs);
                clock.advance(Duration.ofSeconds(1));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().totals().executions() == 10);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().totals().executions() == 10
                            && registry.find(MeterNames.TASK_EXECUTIONS)
                                            .meters()
                                            .size()
                                    == 4);

            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> tasks =
                    (Map<String, Map<String, Object>>) scheduler.getMetrics().get("task_stats");
            for (String task : new String[] {"ok", "bad"}) {
                Map<String, Object> expected = tasks.get(task);
                assertThat(registry.get(MeterNames.TASK_EXECUTIONS)
                                .tags("task", task, "outcome", "success", "service", "demo")
                                .functionCounter()
                                .count())
                        .isEqualTo(((Number) expected.get("successes")).doubleValue());
                assertThat(registry.get(MeterNames.TASK_EXECUTIONS)
                                .tags("task", task, "outcome", "failure")
                                .functionCounter()
                                .count())
                        .isEqualTo(((Number) expected.get("failures")).doubleValue());
                assertThat(registry.get(MeterNames.TASK_DURATION)
                                .tag("task", task)
                                .functionTimer()
                                .count())
                        .isEqualTo(((Number) expected.get("executions")).doubleValue());
                assertThat(registry.get(MeterNames.TASK_DURATION)
                                .tag("task", task)
                                .functionTimer()
                                .totalTime(TimeUnit.SECONDS))
                        .isEqualTo(((Number) expected.get("total_duration")).doubleValue());
            }
            assertThat(tasks.get("ok").get("successes")).isEqualTo(5L);
            assertThat(tasks.get("bad").get("failures")).isEqualTo(5L);
        }
        assertThat(registry.getMeters()).as("removed when the scheduler closes").isEmpty();
    }

    @Test
    void prometheusScrapesATaskAddedAtRunTimeAndNotOneRemoved() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<Scheduler> live = new AtomicReference<>();
        try (Scheduler scheduler = schedulerOn(MicrometerExporter.builder()
                        .registry(registry)
                        .liveTasks(name -> live.get().task(name).isPresent()))
                .build()) {
            live.set(scheduler);
            scheduler.schedule("first", Triggers.every(Duration.ofHours(1)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.scrape().contains("task=\"first\""));

            scheduler.schedule("added", Triggers.every(Duration.ofHours(1)), () -> {});
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.scrape()
                            .contains(
                                    "symphra_scheduler_task_executions_total{outcome=\"success\",task=\"added\"} 1.0"));

            scheduler.unregister("first");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !registry.scrape().contains("task=\"first\""));
            assertThat(registry.scrape())
                    .contains("# TYPE symphra_scheduler_task_duration_within_total counter")
                    .contains("symphra_scheduler_task_duration_within_total{bound=\"+Inf\",task=\"added\"} 1.0");
        }
    }

    @Test
    void withoutALiveTaskTestARemovedTaskKeepsItsMetersUntilTheReset() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Scheduler scheduler =
                schedulerOn(MicrometerExporter.builder().registry(registry)).build()) {
            scheduler.schedule("gone", Triggers.every(Duration.ofHours(1)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().totals().executions() == 1);
            scheduler.unregister("gone");

            scheduler.resetMetrics();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            registry.find(MeterNames.TASK_DURATION).meters().isEmpty()
                                    && registry.find(MeterNames.METRICS_START).timeGauge() != null
                                    && registry.get(MeterNames.METRICS_START)
                                                    .timeGauge()
                                                    .value(TimeUnit.MILLISECONDS)
                                            == scheduler.snapshot().startTime().toEpochMilli());
        }
    }

    /** A scheduler on the manual clock whose Micrometer exporter reads a fresh snapshot at every collection. */
    private Scheduler.Builder schedulerOn(MicrometerExporterBuilder exporter) {
        return Scheduler.builder()
                .clock(clock)
                .enableMetrics(true)
                .discoverExporters(false)
                .exporter(exporter.snapshotMaxAge(Duration.ofMillis(1)).build());
    }
}
