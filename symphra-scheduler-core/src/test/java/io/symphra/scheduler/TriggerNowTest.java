package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TriggerNowTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final Scheduler scheduler = Scheduler.builder()
            .clock(clock)
            .workerThreads(2)
            .enableMetrics(true)
            .shutdownTimeout(Duration.ofSeconds(2))
            .discoverExporters(false)
            .build();

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void runsOnceNowCountedLikeAPlannedRunAndLeavesThePlanAlone() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("hourly", Triggers.every(Duration.ofHours(1)), runs::incrementAndGet);
        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);

        // One at a time: a second trigger while the first still runs would be skipped (maxInstances 1).
        scheduler.triggerNow("hourly");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.snapshot().tasks().get("hourly").successes() == 2);
        scheduler.triggerNow("hourly");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.snapshot().tasks().get("hourly").successes() == 3);
        assertThat(runs.get()).isEqualTo(3);
        assertThat(scheduler.snapshot().tasks().get("hourly").skipped()).isZero();
        assertThat(scheduler.nextFireTime("hourly")).contains(T0.plusSeconds(3600));
    }

    @Test
    void runsAPausedTaskWithoutResumingIt() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("paused", Triggers.every(Duration.ofHours(1)), runs::incrementAndGet);
        scheduler.pause("paused");
        scheduler.start();

        scheduler.triggerNow("paused");

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        assertThat(scheduler.isPaused("paused")).isTrue();
        assertThat(scheduler.nextFireTime("paused")).isEmpty();
    }

    @Test
    void aTaskAtItsMaxInstancesIsReportedSkipped() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        scheduler.schedule(Task.builder("busy")
                .trigger(Triggers.every(Duration.ofHours(1)))
                .run(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build());
        scheduler.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        scheduler.triggerNow("busy");
        release.countDown();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.snapshot().tasks().get("busy").successes() == 1);
        assertThat(scheduler.snapshot().tasks().get("busy").skipped()).isEqualTo(1);
    }

    @Test
    void anUnknownTaskIsNamed() {
        scheduler.start();
        assertThatThrownBy(() -> scheduler.triggerNow("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void aSchedulerNotRunningRefuses() {
        scheduler.schedule("idle", Triggers.every(Duration.ofHours(1)), () -> {});
        assertThatThrownBy(() -> scheduler.triggerNow("idle"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'idle'");
    }
}
