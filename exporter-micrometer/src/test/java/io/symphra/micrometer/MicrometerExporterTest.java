package io.symphra.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                                    == 4
                            && timedRuns(registry) == 10);

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
                Timer durations =
                        registry.get(MeterNames.TASK_DURATION).tag("task", task).timer();
                assertThat(durations.count()).isEqualTo(((Number) expected.get("executions")).longValue());
                assertThat(durations.totalTime(TimeUnit.SECONDS))
                        .isCloseTo(((Number) expected.get("total_duration")).doubleValue(), within(1e-9));
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
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.scrape()
                            .contains("symphra_scheduler_task_duration_seconds_bucket{task=\"added\",le=\"+Inf\"} 1"));
            assertThat(registry.scrape()).contains("# TYPE symphra_scheduler_task_duration_seconds histogram");
        }
    }

    @Test
    void theAggregateKeepsItsMetersUnderALiveTaskTestByRegistration() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<Scheduler> live = new AtomicReference<>();
        try (Scheduler scheduler = schedulerOn(MicrometerExporter.builder()
                        .registry(registry)
                        .liveTasks(name -> live.get().task(name).isPresent()))
                .aggregateMetrics("batch-*")
                .build()) {
            live.set(scheduler);
            scheduler.schedule("batch-1", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.schedule("batch-2", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.start();
            for (int i = 1; i <= 3; i++) {
                long expected = 2L * i;
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> scheduler.snapshot().totals().executions() == expected
                                && timedRuns(registry) == expected);
                if (i < 3) {
                    clock.advance(Duration.ofSeconds(1));
                }
            }

            assertThat(scheduler.task(MetricsSnapshot.AGGREGATED_TASK)).isEmpty();
            assertThat(registry.get(MeterNames.TASK_DURATION)
                            .tag("task", MetricsSnapshot.AGGREGATED_TASK)
                            .timer()
                            .count())
                    .isEqualTo(6);
            assertThat(registry.get(MeterNames.TASK_EXECUTIONS)
                            .tags("task", MetricsSnapshot.AGGREGATED_TASK, "outcome", "success")
                            .functionCounter()
                            .count())
                    .isEqualTo(6.0);
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

    @Test
    void prometheusServesTheSchedulersHistogramAsTheTimersBuckets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Bounds around what a run of a few microseconds takes, so that the runs spread over the buckets.
        try (Scheduler scheduler = schedulerOn(MicrometerExporter.builder().registry(registry))
                .histogramBuckets(0.000_002, 0.000_01, 0.000_05, 0.000_2, 0.001)
                .build()) {
            scheduler.schedule("fast", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.schedule("spin", Triggers.every(Duration.ofSeconds(1)), MicrometerExporterTest::spin);
            scheduler.start();
            runTimes(scheduler, registry, RUNS);

            MetricsSnapshot snapshot = scheduler.snapshot();
            String scrape = registry.scrape();
            for (String task : new String[] {"fast", "spin"}) {
                DurationHistogram histogram = snapshot.tasks().get(task).durations();
                Map<Double, Long> buckets = buckets(scrape, task);
                assertThat(buckets).as(task).hasSize(histogram.bucketCount());
                for (int i = 0; i < histogram.bucketCount(); i++) {
                    assertThat(buckets.get(histogram.upperBound(i)))
                            .as(task + " le=" + histogram.upperBound(i))
                            .isEqualTo(histogram.cumulativeCount(i));
                }
                assertThat(scrape)
                        .contains("symphra_scheduler_task_duration_seconds_count{task=\"" + task + "\"} " + RUNS);
            }
        }
    }

    @Test
    void percentilesAndMoreBucketsComeFromTheRegistrysConfiguration() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .serviceLevelObjectives(Duration.ofMillis(250).toNanos())
                        .build()
                        .merge(config);
            }
        });
        try (Scheduler scheduler =
                schedulerOn(MicrometerExporter.builder().registry(registry)).build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.start();
            runTimes(scheduler, registry, 3);

            HistogramSnapshot durations = registry.get(MeterNames.TASK_DURATION)
                    .tag("task", "ok")
                    .timer()
                    .takeSnapshot();
            assertThat(durations.count()).isEqualTo(3);
            assertThat(durations.percentileValues())
                    .extracting(ValueAtPercentile::percentile)
                    .containsExactly(0.5, 0.99);
            assertThat(durations.histogramCounts())
                    .as("the registry's objectives replace the scheduler's bounds")
                    .extracting(bucket -> bucket.bucket(TimeUnit.MILLISECONDS))
                    .containsExactly(250.0);
            assertThat(durations.histogramCounts()[0].count()).isEqualTo(3);
        }
    }

    @Test
    void aResetStartsTheTimerAfreshAndItCountsTheNewPeriodExactly() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Scheduler scheduler =
                schedulerOn(MicrometerExporter.builder().registry(registry)).build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.start();
            runTimes(scheduler, registry, 3);
            Timer before = registry.get(MeterNames.TASK_DURATION).timer();

            scheduler.resetMetrics();
            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().totals().executions() == 1 && timedRuns(registry) == 1);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().totals().executions() == 2 && timedRuns(registry) == 2);

            assertThat(registry.get(MeterNames.TASK_DURATION).timer()).isNotSameAs(before);
            assertThat(registry.scrape())
                    .contains("symphra_scheduler_task_duration_seconds_count{task=\"ok\"} 2")
                    .contains("symphra_scheduler_task_duration_seconds_bucket{task=\"ok\",le=\"+Inf\"} 2");
        }
    }

    private static final int RUNS = 20;

    /** Lets every task of {@code scheduler} (all every 1 s) run {@code runs} times, in the snapshot and the timers. */
    private void runTimes(Scheduler scheduler, MeterRegistry registry, int runs) {
        int tasks = scheduler.snapshot().tasks().size();
        for (int i = 1; i <= runs; i++) {
            long expected = (long) tasks * i;
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            scheduler.snapshot().totals().executions() == expected && timedRuns(registry) == expected);
            if (i < runs) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    /** The runs every duration timer of the registry has recorded. */
    private static long timedRuns(MeterRegistry registry) {
        return registry.find(MeterNames.TASK_DURATION).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /** Busy for a few microseconds, a different number each run: work, not a wait. */
    private static void spin() {
        long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000, 300_000);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** The {@code _bucket} lines of one task's duration in a Prometheus text scrape: upper bound to count. */
    private static Map<Double, Long> buckets(String scrape, String task) {
        Pattern line = Pattern.compile("symphra_scheduler_task_duration_seconds_bucket\\{task=\"" + Pattern.quote(task)
                + "\",le=\"([^\"]+)\"} (\\S+)");
        Map<Double, Long> buckets = new TreeMap<>();
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, (long) Double.parseDouble(m.group(2)));
        }
        return buckets;
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
