package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.scheduler.cluster.FireClaim;
import io.symphra.scheduler.cluster.FireCoordinator;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Next fire, missed fires, the oldest run's age and the workers' load, as snapshots show them. */
class ScheduleSignalsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static Scheduler.Builder builder(ManualClock clock) {
        return Scheduler.builder()
                .enableMetrics(true)
                .clock(clock)
                .discoverExporters(false)
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    private static TaskStats stats(Scheduler s, String task) {
        return s.snapshot().tasks().get(task);
    }

    @Test
    void aClockThatJumpsCountsTheFixedRateInstantsItJumpedOverAndPlansTheNextOnTheGrid() {
        ManualClock clock = new ManualClock(T0);
        try (Scheduler s = builder(clock).build()) {
            s.schedule("tick", Triggers.every(Duration.ofSeconds(10)), () -> {});
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(s, "tick").successes() == 1);
            assertThat(stats(s, "tick").schedule().nextFire()).isEqualTo(T0.plusSeconds(10));
            assertThat(stats(s, "tick").schedule().missedFires()).isZero();

            clock.advance(Duration.ofSeconds(55)); // the process was paused from 0 s to 55 s

            await().atMost(Duration.ofSeconds(10)).until(() -> stats(s, "tick").successes() == 2);
            TaskStats tick = stats(s, "tick");
            // Planned at 10 s, run late at 55 s; 20, 30, 40 and 50 s never ran.
            assertThat(tick.schedule().missedFires()).isEqualTo(4);
            assertThat(tick.skipped()).isZero();
            assertThat(tick.schedule().nextFire()).isEqualTo(T0.plusSeconds(60));
        }
    }

    @Test
    void aForcedStallShowsMissedFiresEqualToThePlannedInstantsItSwallowed() {
        ManualClock clock = new ManualClock(T0);
        CountDownLatch release = new CountDownLatch(1);
        try (Scheduler s = builder(clock).workerThreads(1).build()) {
            s.schedule(Task.builder("stuck")
                    .trigger(Triggers.every(Duration.ofSeconds(10)))
                    .run(() -> {
                        if (release.getCount() > 0) {
                            SchedulerTest.awaitQuietly(release);
                        }
                    })
                    .build());
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(s, "stuck").running() == 1);

            clock.advance(Duration.ofSeconds(35)); // the only worker is stuck in the first run from 0 s to 35 s

            MetricsSnapshot during = s.snapshot();
            TaskStats stuck = during.tasks().get("stuck");
            assertThat(stuck.schedule().oldestRunAgeNanos())
                    .isEqualTo(Duration.ofSeconds(35).toNanos());
            assertThat(during.scheduler().busyWorkers()).isEqualTo(1);
            assertThat(during.scheduler().waitingFires()).isEqualTo(1); // the fire due at 10 s, no thread free

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(s, "stuck").successes() == 2);
            TaskStats after = stats(s, "stuck");
            // The fire due at 10 s ran late at 35 s; those of 20 and 30 s were swallowed by the stall.
            assertThat(after.schedule().missedFires()).isEqualTo(2);
            assertThat(after.skipped()).isZero();
            assertThat(after.schedule().oldestRunAgeNanos()).isZero();
            assertThat(after.schedule().nextFire()).isEqualTo(T0.plusSeconds(40));
            MetricsSnapshot idle = s.snapshot();
            assertThat(idle.scheduler().busyWorkers()).isZero();
            assertThat(idle.scheduler().waitingFires()).isZero();
        }
    }

    @Test
    void aLateCronFireCountsTheInstantsItJumpedOver() {
        ManualClock clock = new ManualClock(T0);
        try (Scheduler s = builder(clock).build()) {
            s.schedule("minutely", Triggers.cron("0 * * * * *"), () -> {});
            s.start();
            assertThat(stats(s, "minutely").schedule().nextFire()).isEqualTo(T0.plusSeconds(60));

            clock.advance(Duration.ofSeconds(4 * 60 + 30)); // planned 00:01, run at 00:04:30

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(s, "minutely").successes() == 1);
            TaskStats minutely = stats(s, "minutely");
            assertThat(minutely.schedule().missedFires()).isEqualTo(3); // 00:02, 00:03, 00:04
            assertThat(minutely.schedule().nextFire()).isEqualTo(T0.plusSeconds(5 * 60));
        }
    }

    @Test
    void aFinishedOneShotAndAPausedTaskHaveNoNextFireAndMissNothing() {
        ManualClock clock = new ManualClock(T0);
        try (Scheduler s = builder(clock).build()) {
            s.schedule("once", Triggers.once(T0.plusSeconds(5)), () -> {});
            s.schedule("paused", Triggers.every(Duration.ofSeconds(10)), () -> {});
            s.start();
            assertThat(stats(s, "once").schedule().nextFire()).isEqualTo(T0.plusSeconds(5));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stats(s, "paused").successes() == 1);
            s.pause("paused");
            clock.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(s, "once").successes() == 1);
            assertThat(stats(s, "once").schedule().nextFire()).isNull();
            // A pause the user asked for is not a miss: the task was told not to fire.
            assertThat(stats(s, "paused").schedule().nextFire()).isNull();
            assertThat(stats(s, "paused").schedule().missedFires()).isZero();
            s.unregister("paused");
            TaskStats gone = s.snapshot().tasks().get("paused");
            assertThat(gone == null || gone.schedule().nextFire() == null).isTrue();
        }
    }

    @Test
    void firesHandedToAWorkerExecutorWaitUntilItStartsThem() {
        ManualClock clock = new ManualClock(T0);
        Queue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
        Executor holding = handedOver::add;
        try (Scheduler s = builder(clock).workerExecutor(holding).build()) {
            s.schedule("held", Triggers.every(Duration.ofSeconds(10)), () -> {});
            s.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> s.snapshot().scheduler().waitingFires() == 1);
            assertThat(s.snapshot().scheduler().busyWorkers()).isZero();
            handedOver.poll().run();
            MetricsSnapshot after = s.snapshot();
            assertThat(after.scheduler().waitingFires()).isZero();
            assertThat(after.tasks().get("held").successes()).isEqualTo(1);
        }
    }

    @Test
    void theInfoCarriesTheBuildsVersionAndTheInstanceBecomesACommonLabel() {
        ManualClock clock = new ManualClock(T0);
        try (Scheduler named = builder(clock).instance("replica-1").build();
                Scheduler unnamed = builder(clock).build();
                Scheduler labelled = builder(clock)
                        .instance("replica-2")
                        .commonLabel("instance", "set-by-hand")
                        .build();
                Scheduler clustered = builder(clock).coordinator(ownsAll()).build()) {
            String version = named.snapshot().scheduler().version();
            assertThat(version).isNotEqualTo(SchedulerState.UNKNOWN_VERSION).matches("\\d+\\.\\d+.*");
            assertThat(named.snapshot().commonLabels()).containsEntry("instance", "replica-1");
            assertThat(unnamed.snapshot().commonLabels()).doesNotContainKey("instance");
            assertThat(labelled.snapshot().commonLabels()).containsEntry("instance", "set-by-hand");
            assertThat(clustered.snapshot().commonLabels().get("instance"))
                    .endsWith("-" + ProcessHandle.current().pid());
        }
    }

    private static FireCoordinator ownsAll() {
        return (task, planned) -> new FireClaim() {
            @Override
            public boolean owned() {
                return true;
            }

            @Override
            public void ended(ExecutionOutcome outcome) {}
        };
    }
}
