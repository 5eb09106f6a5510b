package io.symphra.scheduler.internal.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExporterRuntimeTest {

    @BeforeEach
    void clear() {
        RecordingExporter.INSTANCES.clear();
    }

    /** A push exporter registered in code, counting its pushes. */
    static class CodeExporter implements MetricsExporter {
        final String name;
        final List<MetricsSnapshot> pushes = new CopyOnWriteArrayList<>();

        CodeExporter(String name) {
            this.name = name;
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
            return Optional.of(Duration.ofMillis(20));
        }

        @Override
        public void start(ExporterContext context) {}

        @Override
        public void export(MetricsSnapshot snapshot) {
            pushes.add(snapshot);
        }

        @Override
        public void close() {}
    }

    private static Scheduler.Builder builder() {
        return Scheduler.builder()
                .enableMetrics(true)
                // Test-only: these tests push every 10 or 20 ms, below the 100 ms floor.
                .exporterProperty("symphra.exporter.minimum-interval", "1ms")
                .environment(Map.of())
                .systemProperties(new java.util.Properties());
    }

    @Test
    void aServiceLoaderExporterIsDiscoveredConfiguredStartedPushedToAndClosed() {
        Scheduler scheduler = builder()
                .exporterProperty("symphra.exporter.recording.enabled", "true")
                .exporterProperty("symphra.exporter.recording.interval", "20ms")
                .exporterProperty("symphra.exporter.recording.greeting", "hello")
                .build();
        RecordingExporter exporter = RecordingExporter.INSTANCES.get(RecordingExporter.INSTANCES.size() - 1);
        assertThat(exporter.greeting).isEqualTo("hello");
        assertThat(scheduler.exporterNames()).containsExactly("recording");

        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("job", Triggers.every(Duration.ofMillis(5)), runs::incrementAndGet);
        scheduler.start();
        // A push is counted once export() has returned, just after the exporter saw it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> exporter.pushes.size() >= 3
                        && scheduler.snapshot().exporters().get(0).exports() >= 3);
        assertThat(exporter.pushThread).startsWith("symphra-exporter-recording");
        ExporterStats stats = scheduler.snapshot().exporters().get(0);
        assertThat(stats.name()).isEqualTo("recording");
        assertThat(stats.exports()).isGreaterThanOrEqualTo(3);

        scheduler.close();
        assertThat(exporter.closed).isTrue();
        MetricsSnapshot last = exporter.pushes.get(exporter.pushes.size() - 1);
        assertThat(last.tasks()).containsKey("job");
        assertThat(last.timestamp()).isAfterOrEqualTo(exporter.pushes.get(0).timestamp());
    }

    @Test
    void aResetPushesTheLastSnapshotOfItsPeriodBeforeAnyOfTheNextSoEveryRunIsPushedOnce() {
        Scheduler scheduler = builder()
                .exporterProperty("symphra.exporter.recording.enabled", "true")
                .exporterProperty("symphra.exporter.recording.interval", "5ms")
                .build();
        RecordingExporter exporter = RecordingExporter.INSTANCES.get(RecordingExporter.INSTANCES.size() - 1);
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("job", Triggers.every(Duration.ofMillis(1)), runs::incrementAndGet);
        scheduler.start();
        for (int r = 0; r < 30; r++) {
            int before = runs.get();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> runs.get() >= before + 3);
            java.time.Instant ended = scheduler.snapshot().startTime();
            scheduler.resetMetrics();
            // resetMetrics() returned after the push of the period it ended.
            assertThat(exporter.pushes).anyMatch(p -> p.startTime().equals(ended));
        }
        scheduler.close();

        // Snapshots of one period are cumulative: the last one pushed holds all its runs.
        Map<java.time.Instant, Long> lastOfPeriod = new java.util.LinkedHashMap<>();
        java.time.Instant previousStart = java.time.Instant.MIN;
        for (MetricsSnapshot push : exporter.pushes) {
            assertThat(push.startTime())
                    .as("no push of a period after one of the next")
                    .isAfterOrEqualTo(previousStart);
            previousStart = push.startTime();
            lastOfPeriod.put(push.startTime(), push.totals().executions());
        }
        assertThat(lastOfPeriod).hasSize(31);
        assertThat(lastOfPeriod.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(runs.get());
    }

    @Test
    void systemPropertiesAndEnvironmentConfigureExportersToo() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("symphra.exporter.recording.greeting", "from-props");
        Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(props)
                .environment(Map.of("SYMPHRA_EXPORTER_RECORDING_ENABLED", "true"))
                .build();
        try (scheduler) {
            RecordingExporter exporter = RecordingExporter.INSTANCES.get(RecordingExporter.INSTANCES.size() - 1);
            assertThat(scheduler.exporterNames()).containsExactly("recording");
            assertThat(exporter.greeting).isEqualTo("from-props");
        }
    }

    @Test
    void disabledByDefaultMeansNotStarted() {
        try (Scheduler scheduler = builder().build()) {
            assertThat(scheduler.exporterNames()).isEmpty();
        }
    }

    @Test
    void aFailingExporterAffectsNeitherTasksNorAnotherExporter() {
        CodeExporter healthy = new CodeExporter("healthy");
        Scheduler scheduler = builder()
                .exporterProperty("symphra.exporter.recording.enabled", "true")
                .exporterProperty("symphra.exporter.recording.interval", "10ms")
                .exporterProperty("symphra.exporter.recording.mode", "fail")
                .exporter(healthy)
                .build();
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("job", Triggers.every(Duration.ofMillis(5)), runs::incrementAndGet);
        try (scheduler) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            healthy.pushes.size() >= 5 && failures(scheduler, "recording") >= 5 && runs.get() >= 5);
            assertThat(scheduler.snapshot().exporters())
                    .extracting(ExporterStats::name)
                    .containsExactly("healthy", "recording");
            assertThat(scheduler.snapshot().exporters().get(0).failures()).isZero();
        }
    }

    @Test
    void aPushStillRunningWhenTheNextIsDueIsSkippedAndCloseStaysBounded() {
        CodeExporter healthy = new CodeExporter("healthy");
        Scheduler scheduler = builder()
                .exporterProperty("symphra.exporter.recording.enabled", "true")
                .exporterProperty("symphra.exporter.recording.interval", "10ms")
                .exporterProperty("symphra.exporter.recording.mode", "block")
                .exporter(healthy)
                .shutdownTimeout(Duration.ofMillis(200))
                .build();
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("job", Triggers.every(Duration.ofMillis(5)), runs::incrementAndGet);
        scheduler.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> skipped(scheduler, "recording") >= 3 && healthy.pushes.size() >= 3 && runs.get() >= 3);
        long t = System.nanoTime();
        scheduler.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void theFinalPushOnCloseCarriesTheLastExecutions() {
        CodeExporter exporter = new CodeExporter("final") {
            @Override
            public Optional<Duration> defaultInterval() {
                // The first push comes at a random point within the interval: a century keeps it out of the test.
                return Optional.of(Duration.ofDays(36_500));
            }
        };
        Scheduler scheduler =
                builder().discoverExporters(false).exporter(exporter).build();
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            scheduler.schedule(Task.builder("once-" + i)
                    .trigger(Triggers.once(java.time.Instant.EPOCH))
                    .run(runs::incrementAndGet)
                    .build());
        }
        scheduler.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.snapshot().tasks().size() == 5 && runs.get() == 5);
        scheduler.close();
        assertThat(exporter.pushes).hasSize(1);
        assertThat(exporter.pushes.get(0).tasks()).hasSize(5);
    }

    @Test
    void badConfigurationFailsAtBuildNamingKeyAndValue() {
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.recording.enabled", "true")
                        .exporterProperty("symphra.exporter.recording.interval", "-5s")
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.recording.interval = '-5s'");
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.recording.enabled", "yes")
                        .build())
                .hasMessageContaining("symphra.exporter.recording.enabled = 'yes'");
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.recording.enabled", "true")
                        .exporterProperty("symphra.exporter.recording.mode", "explode")
                        .build())
                .hasMessageContaining("symphra.exporter.recording.mode = 'explode'");
        assertThatThrownBy(() -> Scheduler.builder()
                        .enableMetrics(true)
                        .environment(Map.of(
                                "SYMPHRA_EXPORTER_RECORDING_ENABLED",
                                "true",
                                "SYMPHRA_EXPORTER_RECORDING_INTERVAL",
                                "soon"))
                        .build())
                .hasMessageContaining("environment variable SYMPHRA_EXPORTER_RECORDING_INTERVAL");
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.graphite.host", "x")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symphra.exporter.graphite.host")
                .hasMessageContaining("io.symphra:symphra-exporter-graphite");
    }

    @Test
    void anExporterThatFailsToStartFailsTheStartAndIsClosed() {
        CodeExporter broken = new CodeExporter("broken") {
            @Override
            public void start(ExporterContext context) {
                throw new IllegalStateException("port in use");
            }
        };
        try (Scheduler scheduler =
                builder().discoverExporters(false).exporter(broken).build()) {
            assertThatThrownBy(scheduler::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'broken'")
                    .hasMessageContaining("port in use");
        }
    }

    @Test
    void exporterConfigNeverPrintsValues() {
        ExporterConfig config = ExporterConfig.of("recording", Map.of("token", "t0p-secret"));
        assertThat(config.toString()).doesNotContain("t0p-secret");
    }

    private static long failures(Scheduler s, String name) {
        return s.snapshot().exporters().stream()
                .filter(e -> e.name().equals(name))
                .mapToLong(ExporterStats::failures)
                .sum();
    }

    private static long skipped(Scheduler s, String name) {
        return s.snapshot().exporters().stream()
                .filter(e -> e.name().equals(name))
                .mapToLong(ExporterStats::skipped)
                .sum();
    }
}
