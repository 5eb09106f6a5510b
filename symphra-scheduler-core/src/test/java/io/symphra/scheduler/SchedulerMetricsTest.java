package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every execution path of the scheduler records exactly one outcome into the metrics. */
class SchedulerMetricsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void everyPathRecordsExactlyOneOutcome() {
        ManualClock clock = new ManualClock(T0);
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .clock(clock)
                .discoverExporters(false)
                .workerThreads(8)
                .shutdownTimeout(Duration.ofSeconds(2))
                .commonLabel("service", "test")
                .build()) {
            CountDownLatch block = new CountDownLatch(1);
            AtomicInteger flakyAttempts = new AtomicInteger();
            scheduler.schedule("ok", Triggers.every(Duration.ofSeconds(10)), () -> {});
            scheduler.schedule(TestTasks.failsOnce("boom", T0));
            scheduler.schedule(TestTasks.hangsOnce("hang", T0, Duration.ofSeconds(5)));
            scheduler.schedule(Task.builder("busy")
                    .trigger(Triggers.every(Duration.ofSeconds(10)))
                    .run(() -> SchedulerTest.awaitQuietly(block))
                    .build());
            scheduler.schedule(Task.builder("flaky")
                    .trigger(Triggers.once(T0))
                    .retry(RetryPolicy.of(3, Backoff.fixed(Duration.ZERO)))
                    .run(() -> {
                        if (flakyAttempts.incrementAndGet() < 3) {
                            throw new IllegalStateException("not yet");
                        }
                    })
                    .build());
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "ok").successes() == 1
                            && stats(scheduler, "boom").failures() == 1
                            && stats(scheduler, "flaky").successes() == 1
                            && stats(scheduler, "busy").running() == 1
                            && stats(scheduler, "hang").running() == 1);
            clock.advance(Duration.ofSeconds(10)); // "busy" overlaps itself; "hang" times out after 5 s
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "ok").successes() == 2
                            && stats(scheduler, "busy").skipped() == 1
                            && stats(scheduler, "hang").timeouts() == 1);
            block.countDown();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "busy").successes() == 1);

            MetricsSnapshot snapshot = scheduler.snapshot();
            assertThat(stats(scheduler, "flaky").retries()).isEqualTo(2);
            assertThat(stats(scheduler, "flaky").executions()).isEqualTo(1);
            assertThat(stats(scheduler, "hang").failures()).isEqualTo(1);
            assertThat(stats(scheduler, "busy").executions()).isEqualTo(1);
            assertThat(stats(scheduler, "busy").running()).isZero();
            assertThat(snapshot.totals().executions()).isEqualTo(2 + 1 + 1 + 1 + 1);
            assertThat(snapshot.totals().skipped()).isEqualTo(1);
            assertThat(snapshot.commonLabels()).containsEntry("service", "test");
            assertThat(stats(scheduler, "ok").lateness().count()).isEqualTo(2);

            Map<String, Object> metrics = scheduler.getMetrics();
            assertThat(metrics.get("total_executions")).isEqualTo(6L);
            assertThat(metrics.get("failed_executions")).isEqualTo(2L);
            assertThat((double) metrics.get("success_rate")).isEqualTo(4.0 / 6);
            assertThat(metrics.get("uptime_seconds")).isEqualTo(10.0);

            Instant before = scheduler.snapshot().startTime();
            scheduler.resetMetrics();
            MetricsSnapshot reset = scheduler.snapshot();
            assertThat(reset.startTime()).isAfter(before);
            assertThat(reset.totals().executions()).isZero();
            assertThat(reset.tasks()).containsKeys("ok", "boom", "hang", "busy", "flaky");
        }
    }

    @Test
    void metricsBoundPerTaskKeepRecordingAcrossUnregisterResetAndRegisteringTheSameNameAgain() {
        ManualClock clock = new ManualClock(T0);
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskListener binding = new TaskListener() {
            @Override
            public void onSuccess(ExecutionEvent event, long durationNanos) {
                heard.add(event.taskName());
            }
        };
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .clock(clock)
                .discoverExporters(false)
                .listener(binding)
                .workerThreads(2)
                .build()) {
            scheduler.schedule("t", Triggers.every(Duration.ofSeconds(1)), () -> {});
            scheduler.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "t").successes() == 1);

            assertThat(scheduler.unregister("t")).isTrue();
            scheduler.resetMetrics(); // drops the unregistered task's metrics: its bound recorder must not keep them
            assertThat(scheduler.snapshot().tasks()).doesNotContainKey("t");

            scheduler.schedule("t", Triggers.every(Duration.ofSeconds(1)), () -> {});
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "t") != null
                            && stats(scheduler, "t").successes() == 1);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(scheduler, "t").successes() == 2);
            assertThat(scheduler.snapshot().totals().executions()).isEqualTo(2);
            // The metrics are recorded before the listeners hear of a run.
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 3);
            assertThat(heard).containsExactly("t", "t", "t");
        }
    }

    private static TaskStats stats(Scheduler scheduler, String task) {
        return scheduler.snapshot().tasks().get(task);
    }
}
