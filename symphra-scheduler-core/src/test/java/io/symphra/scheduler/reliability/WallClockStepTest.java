package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wall clock steps, as NTP steps and VM resumes make it do, under a scheduler on the real system clock: the
 * scheduler must notice each step within a bounded time and plan again, so that a task neither stalls for the size
 * of a backward step nor waits out a forward one, a timeout keeps its length, and a calendar task keeps its wall
 * time.
 */
class WallClockStepTest {

    private static final Duration STEP = Duration.ofMinutes(10);
    /** Generous for a loaded 2-core machine; a stall for the size of the step (10 minutes) cannot pass it. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** The system clock plus an offset that the test steps. */
    static final class SteppedClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void step(Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    private final SteppedClock clock = new SteppedClock();
    private final Scheduler scheduler = Scheduler.builder()
            .clock(clock)
            .workerThreads(2)
            .discoverExporters(false)
            .build();

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private static void awaitRuns(String what, AtomicInteger runs, int atLeast) {
        await(what).atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> runs.get() >= atLeast);
    }

    @Test
    void aFrequentTaskKeepsRunningWhenTheClockStepsBackAndIsRestoredAndStepsForward() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("every-200ms", Triggers.every(Duration.ofMillis(200)), runs::incrementAndGet);
        scheduler.start();
        awaitRuns("runs before any step", runs, 3);

        clock.step(STEP.negated());
        awaitRuns("runs after the clock stepped back " + STEP, runs, runs.get() + 3);

        clock.step(STEP);
        awaitRuns("runs after the clock was restored", runs, runs.get() + 3);

        clock.step(STEP);
        awaitRuns("runs after the clock stepped forward " + STEP, runs, runs.get() + 3);
        assertThat(scheduler.nextFireTime("every-200ms").orElseThrow())
                .isBetween(clock.instant().minus(BOUND), clock.instant().plus(BOUND));
    }

    @Test
    void aFireThatAForwardStepMadeDueRunsWithoutWaitingOutTheOldDelay() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule(
                "in-five-minutes", Triggers.once(clock.instant().plus(Duration.ofMinutes(5))), runs::incrementAndGet);
        scheduler.start();
        assertThat(runs).hasValue(0);

        clock.step(STEP);
        awaitRuns("the fire the step made due", runs, 1);
    }

    @Test
    void aCalendarTaskKeepsItsWallClockTimeAcrossABackwardStep() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("hourly", Triggers.cron("0 * * * *"), runs::incrementAndGet);
        scheduler.schedule("every-200ms", Triggers.every(Duration.ofMillis(200)), () -> {});
        scheduler.start();
        Instant planned = scheduler.nextFireTime("hourly").orElseThrow();

        clock.step(STEP.negated());
        AtomicInteger ticks = new AtomicInteger();
        scheduler.schedule("probe", Triggers.every(Duration.ofMillis(200)), ticks::incrementAndGet);
        awaitRuns("runs after the clock stepped back", ticks, 3);
        assertThat(scheduler.nextFireTime("hourly")).contains(planned);
    }

    @Test
    void aTimeoutKeepsItsLengthWhenTheClockStepsBack() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger timeouts = new AtomicInteger();
        Scheduler withListener = Scheduler.builder()
                .clock(clock)
                .workerThreads(2)
                .discoverExporters(false)
                .listener(new TaskListener() {
                    @Override
                    public void onTimeout(ExecutionEvent event, long durationNanos) {
                        timeouts.incrementAndGet();
                    }
                })
                .build();
        try (withListener) {
            withListener.schedule(Task.builder("hangs")
                    .trigger(Triggers.once(clock.instant()))
                    .timeout(Duration.ofSeconds(2))
                    .run(() -> {
                        started.countDown();
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    })
                    .build());
            withListener.start();
            await().atMost(BOUND).until(() -> started.getCount() == 0);

            clock.step(STEP.negated());
            awaitRuns("the 2 s timeout after the clock stepped back " + STEP, timeouts, 1);
        }
    }
}
