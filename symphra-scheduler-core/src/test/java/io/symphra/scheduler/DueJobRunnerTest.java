package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DueJobRunnerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void deadlinesOrderAsInstantsAndSaturateBeyondTheLongRange() {
        assertThat(DueJobRunner.epochNanos(T0)).isLessThan(DueJobRunner.epochNanos(T0.plusNanos(1)));
        assertThat(DueJobRunner.epochNanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(DueJobRunner.epochNanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
        assertThat(DueJobRunner.epochNanos(Instant.EPOCH.minusNanos(1))).isEqualTo(-1);
    }

    @Test
    void runsEveryDueJobInOrderAcrossBatchesAndSkipsOnesCancelledInTheSameBatch() {
        ManualClock clock = new ManualClock(T0);
        DueJobRunner timer = new DueJobRunner(clock, "test-timer");
        clock.onAdvance(timer::wake);
        timer.start();
        try {
            List<Integer> ran = new CopyOnWriteArrayList<>();
            for (int i = 999; i >= 0; i--) {
                int n = i;
                timer.schedule(T0.plusMillis(1 + i), () -> ran.add(n));
            }
            AtomicReference<DueJobRunner.Job> victim = new AtomicReference<>();
            AtomicInteger victimRuns = new AtomicInteger();
            timer.schedule(T0.plusSeconds(5), () -> victim.get().cancel());
            victim.set(timer.schedule(T0.plusSeconds(5).plusNanos(1), victimRuns::incrementAndGet));
            AtomicInteger last = new AtomicInteger();
            timer.schedule(T0.plusSeconds(5).plusNanos(2), last::incrementAndGet);

            clock.advance(Duration.ofSeconds(10)); // everything is due at once: several batches of 256
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1000 && last.get() == 1);
            assertThat(ran).isSorted();
            assertThat(victimRuns.get()).isZero();
            assertThat(timer.queued()).isZero();
        } finally {
            timer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void removedJobsNeverOutnumberTheLiveOnesInTheQueueAndLeaveItWhenAllAreRemoved() {
        ManualClock clock = new ManualClock(T0);
        DueJobRunner timer = new DueJobRunner(clock, "test-timer");
        timer.start();
        try {
            long dayAhead = DueJobRunner.epochNanos(T0.plus(Duration.ofDays(1)));
            AtomicInteger live = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                timer.schedule(
                        new DueJobRunner.Job() {
                            @Override
                            void run(long tag) {
                                live.incrementAndGet();
                            }
                        },
                        dayAhead,
                        1);
            }
            List<DueJobRunner.Job> removed = new java.util.ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                DueJobRunner.Job job = new DueJobRunner.Job();
                timer.schedule(job, dayAhead + i, 1);
                // Queued twice, as a fire job replanned before it came due.
                timer.schedule(job, dayAhead + i + 1, 2);
                removed.add(job);
            }
            assertThat(timer.queued()).isEqualTo(20_010);
            for (int i = 0; i < removed.size(); i++) {
                timer.remove(removed.get(i));
                int liveEntries = 10 + 2 * (removed.size() - i - 1);
                assertThat(timer.queued()).isBetween(liveEntries, 2 * liveEntries);
            }
            assertThat(timer.queued())
                    .as("removed entries left beside 10 live ones")
                    .isBetween(10, 20);

            clock.advance(Duration.ofDays(2));
            timer.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> live.get() == 10);
            assertThat(timer.queued()).isZero();
        } finally {
            timer.stop(Duration.ofSeconds(1));
        }
    }
}
