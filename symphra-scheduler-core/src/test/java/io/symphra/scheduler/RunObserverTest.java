package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.spi.RunObserver;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An exporter that implements {@link RunObserver} hears of exactly the runs the metrics count. */
class RunObserverTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void anObservingExporterHearsEveryCountedRunUnderItsCountedName() {
        ManualClock clock = new ManualClock(T0);
        ObservingExporter observer = new ObservingExporter("observing");
        try (Scheduler scheduler =
                scheduler(clock, observer).aggregateMetrics("batch-*").build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(10)), () -> {});
            scheduler.schedule("batch-1", Triggers.once(T0), () -> {});
            scheduler.schedule("batch-2", Triggers.once(T0), () -> {});
            scheduler.schedule(TestTasks.failsOnce("boom", T0));
            scheduler.schedule(TestTasks.hangsOnce("hang", T0, Duration.ofSeconds(5)));
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.runs.size() == 4);
            clock.advance(Duration.ofSeconds(10)); // "ok" fires again, "hang" times out
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.runs.size() == 6);

            MetricsSnapshot snapshot = scheduler.snapshot();
            assertThat(byName(observer.runs).keySet()).containsExactlyInAnyOrder("ok", "_aggregated", "boom", "hang");
            byName(observer.runs).forEach((name, runs) -> {
                TaskStats stats = snapshot.tasks().get(name);
                assertThat(runs).as(name).hasSize((int) stats.executions());
                assertThat(count(runs, ExecutionOutcome.SUCCESS)).as(name).isEqualTo(stats.successes());
                assertThat(count(runs, ExecutionOutcome.FAILURE) + count(runs, ExecutionOutcome.TIMEOUT))
                        .as(name)
                        .isEqualTo(stats.failures());
                assertThat(count(runs, ExecutionOutcome.TIMEOUT)).as(name).isEqualTo(stats.timeouts());
                assertThat(runs.stream().mapToLong(Run::durationNanos).sum())
                        .as(name)
                        .isEqualTo(stats.totalDurationNanos());
                assertThat(runs).allSatisfy(run -> assertThat(run.periodStart()).isEqualTo(snapshot.startTime()));
            });
        }
    }

    @Test
    void aRunAfterAResetCarriesTheNewStartTime() {
        ManualClock clock = new ManualClock(T0);
        ObservingExporter observer = new ObservingExporter("observing");
        try (Scheduler scheduler = scheduler(clock, observer).build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(10)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.runs.size() == 1);
            Instant before = scheduler.snapshot().startTime();
            clock.advance(Duration.ofSeconds(1));
            scheduler.resetMetrics();
            clock.advance(Duration.ofSeconds(9));
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.runs.size() == 2);

            List<Run> runs = List.copyOf(observer.runs);
            assertThat(runs.get(0).periodStart()).isEqualTo(before);
            assertThat(runs.get(1).periodStart())
                    .isEqualTo(scheduler.snapshot().startTime())
                    .isAfter(before);
        }
    }

    @Test
    void aThrowingObserverBreaksNeitherTheRunNorTheOtherObservers() {
        ManualClock clock = new ManualClock(T0);
        ObservingExporter throwing = new ObservingExporter("throwing") {
            @Override
            public void runEnded(String taskName, ExecutionOutcome outcome, long durationNanos, Instant start) {
                throw new IllegalStateException("observer bug");
            }
        };
        ObservingExporter healthy = new ObservingExporter("healthy");
        try (Scheduler scheduler = scheduler(clock, throwing).exporter(healthy).build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(10)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.runs.size() == 1);
            clock.advance(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.runs.size() == 2);
            assertThat(scheduler.snapshot().tasks().get("ok").successes()).isEqualTo(2);
        }
    }

    @Test
    void aDisabledExporterIsNotAnObserver() {
        ManualClock clock = new ManualClock(T0);
        ObservingExporter observer = new ObservingExporter("observing");
        try (Scheduler scheduler = scheduler(clock, observer)
                .exporterProperty("symphra.exporter.observing.enabled", "false")
                .build()) {
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(10)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.snapshot().tasks().get("ok").successes() == 1);
            assertThat(observer.runs).isEmpty();
        }
    }

    private static Scheduler.Builder scheduler(ManualClock clock, ObservingExporter observer) {
        return Scheduler.builder()
                .enableMetrics(true)
                .clock(clock)
                .discoverExporters(false)
                .workerThreads(4)
                .shutdownTimeout(Duration.ofSeconds(2))
                .exporter(observer);
    }

    private static Map<String, List<Run>> byName(ConcurrentLinkedQueue<Run> runs) {
        return runs.stream().collect(Collectors.groupingBy(Run::taskName));
    }

    private static long count(List<Run> runs, ExecutionOutcome outcome) {
        return runs.stream().filter(run -> run.outcome() == outcome).count();
    }

    record Run(String taskName, ExecutionOutcome outcome, long durationNanos, Instant periodStart) {}

    /** A pull exporter that keeps every run it hears of. */
    static class ObservingExporter implements MetricsExporter, RunObserver {
        private final String name;
        final ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();

        ObservingExporter(String name) {
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
        public void start(ExporterContext context) {}

        @Override
        public void export(MetricsSnapshot snapshot) {}

        @Override
        public void close() {}

        @Override
        public void runEnded(String taskName, ExecutionOutcome outcome, long durationNanos, Instant periodStart) {
            runs.add(new Run(taskName, outcome, durationNanos, periodStart));
        }
    }
}
