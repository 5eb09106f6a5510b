package io.symphra.micrometer;

import static io.symphra.metrics.testkit.SnapshotBuilder.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerMeterBinderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<MetricsSnapshot> current = new AtomicReference<>();
    private final AtomicInteger taken = new AtomicInteger();
    /** Never stale within a test: every refresh is the test's own call. */
    private final SchedulerMeterBinder binder = new SchedulerMeterBinder(
            () -> {
                taken.incrementAndGet();
                return current.get();
            },
            Duration.ofHours(1),
            name -> true);
    /** The same, told of runs as the exporter tells it; "gone" is not a live task. */
    private final SchedulerMeterBinder fed = new SchedulerMeterBinder(
            () -> {
                taken.incrementAndGet();
                return current.get();
            },
            Duration.ofHours(1),
            name -> !name.equals("gone"),
            true);

    @AfterEach
    void tearDown() {
        binder.close();
        fed.close();
        registry.close();
    }

    @Test
    void everyValueOfATaskReadsTheSnapshot() {
        current.set(snapshot()
                .label("service", "billing")
                .task("report", new long[] {10, 10, 300}, new long[] {20, 5000}, 1, 4, 2, 1)
                .build());
        binder.bindTo(registry);
        TaskStats stats = current.get().tasks().get("report");

        assertThat(counter(MeterNames.TASK_EXECUTIONS, "outcome", "success")).isEqualTo(3);
        assertThat(counter(MeterNames.TASK_EXECUTIONS, "outcome", "failure")).isEqualTo(2);
        assertThat(registry.get(MeterNames.TASK_TIMEOUTS).functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get(MeterNames.TASK_SKIPPED).functionCounter().count())
                .isEqualTo(4);
        assertThat(registry.get(MeterNames.TASK_RETRIES).functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get(MeterNames.TASK_RUNNING).gauge().value()).isEqualTo(1);
        FunctionTimer duration = registry.get(MeterNames.TASK_DURATION).functionTimer();
        assertThat(duration.count()).isEqualTo(5);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(5340, within(1e-6));
        assertThat(registry.get(MeterNames.TASK_DURATION_MAX).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(5000);
        assertThat(registry.get(MeterNames.TASK_DURATION_MIN).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(10);
        assertThat(registry.get(MeterNames.TASK_LAST_SUCCESS).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(stats.lastSuccess().toEpochMilli());
        assertThat(registry.get(MeterNames.TASK_LATENESS).functionTimer().count())
                .isEqualTo(stats.lateness().count());
        assertThat(registry.get(MeterNames.TASK_LATENESS_MAX).timeGauge().value(TimeUnit.NANOSECONDS))
                .isEqualTo(stats.lateness().maxNanos());
        assertThat(registry.get(MeterNames.METRICS_START).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(current.get().startTime().toEpochMilli());
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTag("service"))
                    .as(meter.getId().toString())
                    .isEqualTo("billing");
        }
    }

    @Test
    void theScheduleSignalsClusterClaimsAndWorkerGaugesReadTheSnapshot() {
        Instant next = Instant.parse("2026-12-02T07:00:00.250Z");
        current.set(snapshot()
                .task("report", 3, 1)
                .task("done", 1, 0)
                .signals(
                        "report",
                        new ScheduleSignals(next, 4, 2_500_000_000L),
                        new ClusterClaims(7, 5, 1, 2, 3, 17, 34_000_000L, 9_000_000L))
                .scheduler(new SchedulerState("1.2.3", 2, 6, false))
                .build());
        binder.bindTo(registry);

        assertThat(registry.get(MeterNames.TASK_NEXT_FIRE)
                        .tag("task", "report")
                        .timeGauge()
                        .value(TimeUnit.MILLISECONDS))
                .isEqualTo(next.toEpochMilli());
        assertThat(registry.get(MeterNames.TASK_NEXT_FIRE)
                        .tag("task", "done")
                        .timeGauge()
                        .value(TimeUnit.MILLISECONDS))
                .isNaN();
        assertThat(taskCounter(MeterNames.TASK_MISSED_FIRES)).isEqualTo(4);
        assertThat(registry.get(MeterNames.TASK_OLDEST_RUN_AGE)
                        .tag("task", "report")
                        .timeGauge()
                        .value(TimeUnit.MILLISECONDS))
                .isEqualTo(2500);
        assertThat(taskCounter(MeterNames.TASK_CLAIMED)).isEqualTo(7);
        assertThat(taskCounter(MeterNames.TASK_RAN_ELSEWHERE)).isEqualTo(5);
        assertThat(taskCounter(MeterNames.TASK_ABANDONED)).isEqualTo(1);
        assertThat(registry.get(MeterNames.TASK_CLAIM_ERRORS)
                        .tags("task", "report", "fire", "skipped")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MeterNames.TASK_CLAIM_ERRORS)
                        .tags("task", "report", "fire", "ran_here")
                        .functionCounter()
                        .count())
                .isEqualTo(3);
        FunctionTimer claims = registry.get(MeterNames.TASK_CLAIM_DURATION)
                .tag("task", "report")
                .functionTimer();
        assertThat(claims.count()).isEqualTo(17);
        assertThat(claims.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(34, within(1e-9));
        assertThat(registry.get(MeterNames.TASK_CLAIM_DURATION_MAX)
                        .tag("task", "report")
                        .timeGauge()
                        .value(TimeUnit.MILLISECONDS))
                .isEqualTo(9);
        assertThat(registry.get(MeterNames.WORKERS_BUSY).gauge().value()).isEqualTo(2);
        assertThat(registry.get(MeterNames.FIRES_WAITING).gauge().value()).isEqualTo(6);
    }

    private double taskCounter(String name) {
        return registry.get(name).tag("task", "report").functionCounter().count();
    }

    @Test
    void withoutRunsTheDurationIsAFunctionTimerAndThereAreNoBuckets() {
        current.set(snapshot().task("report", 3, 1).build());
        binder.bindTo(registry);

        assertThat(registry.get(MeterNames.TASK_DURATION).functionTimer().count())
                .isEqualTo(4);
        assertThat(registry.find(MeterNames.TASK_DURATION).timers()).isEmpty();
    }

    @Test
    void fedRunsGoToATimerWhoseObjectivesAreTheHistogramBounds() {
        current.set(snapshot().task("report", 0, 0).build());
        fed.bindTo(registry);
        Instant start = current.get().startTime();
        long[] runs = {1_000_000, 5_000_000, 5_000_001, 700_000_000, 90_000_000_000L};
        for (long nanos : runs) {
            fed.runEnded("report", nanos, start);
        }

        Timer timer =
                registry.get(MeterNames.TASK_DURATION).tag("task", "report").timer();
        assertThat(registry.find(MeterNames.TASK_DURATION).functionTimers()).isEmpty();
        assertThat(timer.count()).isEqualTo(runs.length);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(90_711_000_001.0);
        var histogram = current.get().tasks().get("report").durations();
        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(histogram.bucketCount() - 1);
        for (int i = 0; i < buckets.length; i++) {
            long bound = Math.round(histogram.upperBound(i) * 1e9);
            assertThat(buckets[i].bucket(TimeUnit.NANOSECONDS)).isEqualTo(bound);
            long within = java.util.Arrays.stream(runs).filter(n -> n <= bound).count();
            assertThat(buckets[i].count()).as("le " + histogram.upperBound(i)).isEqualTo(within);
        }
    }

    @Test
    void aRunOfATaskTheMetersDoNotShowYetBringsTheTaskInFirst() {
        current.set(snapshot().task("a", 0, 0).build());
        fed.bindTo(registry);
        current.set(snapshot().task("a", 0, 0).task("new", 1, 0).build());

        fed.runEnded("new", 2_000_000, current.get().startTime());

        assertThat(registry.get(MeterNames.TASK_DURATION)
                        .tag("task", "new")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRunOfANewPeriodStartsTheTimersAfreshAndALateRunOfTheOldOneCountsNowhere() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MetricsSnapshot ended = snapshot().startTime(start).task("a", 2, 0).build();
        current.set(ended);
        fed.bindTo(registry);
        fed.runEnded("a", 1_000, start);
        fed.runEnded("a", 1_000, start);
        Timer before = registry.get(MeterNames.TASK_DURATION).timer();
        assertThat(before.count()).isEqualTo(2);

        Instant reset = start.plusSeconds(30);
        current.set(snapshot().startTime(reset).task("a", 1, 0).build());
        fed.runEnded("a", 1_000, reset);
        fed.runEnded("a", 1_000, start);
        fed.offer(ended); // the reset's last snapshot of the ended period, pushed late

        Timer after = registry.get(MeterNames.TASK_DURATION).timer();
        assertThat(after).isNotSameAs(before);
        assertThat(after.count()).isEqualTo(1);
        assertThat(registry.get(MeterNames.METRICS_START).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(reset.toEpochMilli());
    }

    @Test
    void aRunOfATaskWhoseMetersAreGoneCountsNowhere() {
        current.set(snapshot().task("a", 0, 0).task("gone", 1, 0).build());
        fed.bindTo(registry);

        fed.runEnded("gone", 1_000, current.get().startTime());
        int before = taken.get();
        fed.runEnded("gone", 1_000, current.get().startTime());

        assertThat(taken.get() - before).as("snapshots taken by a second run").isZero();
        assertThat(registry.find(MeterNames.TASK_DURATION).tag("task", "gone").meters())
                .isEmpty();
        assertThat(registry.get(MeterNames.TASK_DURATION)
                        .tag("task", "a")
                        .timer()
                        .count())
                .isZero();
    }

    @Test
    void oneCollectionOfEveryMeterTakesOneSnapshot() {
        current.set(snapshot().task("a", 3, 1).task("b", 2, 0).build());
        binder.bindTo(registry);
        int before = taken.get();

        registry.getMeters().forEach(meter -> meter.measure().forEach(m -> m.getValue()));

        assertThat(taken.get() - before).isZero();
        assertThat(registry.getMeters()).hasSizeGreaterThan(20);
    }

    @Test
    void countersFollowTheSnapshotWithoutCopies() {
        current.set(snapshot().task("a", 3, 1).build());
        binder.bindTo(registry);
        assertThat(counter(MeterNames.TASK_EXECUTIONS, "outcome", "success")).isEqualTo(3);

        current.set(snapshot().task("a", 7, 1).build());
        binder.refresh();

        assertThat(counter(MeterNames.TASK_EXECUTIONS, "outcome", "success")).isEqualTo(7);
    }

    @Test
    void tasksAddedAndRemovedAtRunTimeAppearAndDisappear() {
        current.set(snapshot().task("a", 1, 0).build());
        binder.bindTo(registry);
        assertThat(registry.find(MeterNames.TASK_EXECUTIONS).tag("task", "b").meters())
                .isEmpty();

        current.set(snapshot().task("a", 1, 0).task("b", 2, 0).build());
        binder.refresh();
        assertThat(registry.get(MeterNames.TASK_EXECUTIONS)
                        .tags("task", "b", "outcome", "success")
                        .functionCounter()
                        .count())
                .isEqualTo(2);

        current.set(snapshot().task("b", 2, 0).build());
        binder.refresh();
        assertThat(registry.getMeters())
                .noneMatch(m -> "a".equals(m.getId().getTag("task")))
                .anyMatch(m -> "b".equals(m.getId().getTag("task")));
    }

    @Test
    void aResetRegistersTheTaskMetersAnewSoTheCounterStartsAgain() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        current.set(snapshot().startTime(start).task("a", 9, 0).build());
        binder.bindTo(registry);
        FunctionCounter before = registry.get(MeterNames.TASK_EXECUTIONS)
                .tag("outcome", "success")
                .functionCounter();

        current.set(snapshot().startTime(start.plusSeconds(30)).task("a", 1, 0).build());
        binder.refresh();

        FunctionCounter after = registry.get(MeterNames.TASK_EXECUTIONS)
                .tag("outcome", "success")
                .functionCounter();
        assertThat(after).isNotSameAs(before);
        assertThat(after.count()).isEqualTo(1);
        assertThat(registry.get(MeterNames.METRICS_START).timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(start.plusSeconds(30).toEpochMilli());
    }

    @Test
    void pushExportersHealthIsCountedByOutcome() {
        current.set(snapshot()
                .exporter(new ExporterStats("statsd", 5, 2, 1, null, null))
                .build());
        binder.bindTo(registry);

        assertThat(registry.get(MeterNames.EXPORTER_PUSHES)
                        .tags("exporter", "statsd", "outcome", "success")
                        .functionCounter()
                        .count())
                .isEqualTo(5);
        assertThat(registry.get(MeterNames.EXPORTER_PUSHES)
                        .tags("exporter", "statsd", "outcome", "failure")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MeterNames.EXPORTER_PUSHES)
                        .tags("exporter", "statsd", "outcome", "skipped")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void closeRemovesEveryMeter() {
        current.set(snapshot().task("a", 1, 0).build());
        binder.bindTo(registry);
        assertThat(registry.getMeters()).isNotEmpty();

        binder.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    private double counter(String name, String key, String value) {
        return registry.get(name).tag(key, value).functionCounter().count();
    }
}
