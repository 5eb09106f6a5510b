package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link TimerQueue#pool}: threads with a queue each that take one another's due jobs when free, as the scheduler's own workers. */
class WorkerPoolTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aLongJobDoesNotHoldUpTheOtherDueJobs() throws InterruptedException {
        ManualClock clock = new ManualClock(T0);
        TimerQueue pool = TimerQueue.pool(clock, "test-worker-", 2);
        clock.onAdvance(pool::wake);
        pool.start();
        CountDownLatch release = new CountDownLatch(1);
        try {
            AtomicInteger quick = new AtomicInteger();
            // While one thread is busy, the other takes the long job first and blocks in it; the first thread,
            // once free, must take every other due job and run it.
            CountDownLatch otherBusy = new CountDownLatch(1);
            CountDownLatch letOtherGo = new CountDownLatch(1);
            pool.execute(() -> {
                otherBusy.countDown();
                awaitQuietly(letOtherGo);
            });
            assertThat(otherBusy.await(10, TimeUnit.SECONDS)).isTrue();
            pool.schedule(EpochNanos.of(T0.plusSeconds(1)), () -> awaitQuietly(release));
            for (int i = 0; i < 20; i++) {
                pool.schedule(EpochNanos.of(T0.plusSeconds(1)), quick::incrementAndGet);
            }
            clock.advance(Duration.ofSeconds(1));
            letOtherGo.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> quick.get() == 20);
        } finally {
            release.countDown();
            pool.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void theQueueOfAThreadHeldUpInALongJobIsNotLeftBehindWhileTheOtherThreadAlwaysHasWorkOfItsOwn()
            throws InterruptedException {
        ManualClock clock = new ManualClock(T0);
        TimerQueue pool = TimerQueue.pool(clock, "test-worker-", 2);
        pool.start();
        CountDownLatch release = new CountDownLatch(1);
        try {
            // New entries go to the queues in turn: the first queue gets the job that blocks its thread and then
            // the late ones, the second one an entry due again as soon as it is taken, so that its thread never
            // runs dry.
            long now = EpochNanos.of(T0);
            CountDownLatch blocked = new CountDownLatch(1);
            pool.schedule(now, () -> {
                blocked.countDown();
                awaitQuietly(release);
            });
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            pool.schedule(
                    new TimerQueue.Entry(() -> {}) {
                        @Override
                        long nextDueAtTake(long dueNanos, long nowNanos) {
                            return dueNanos;
                        }
                    },
                    now);
            AtomicInteger late = new AtomicInteger();
            pool.schedule(new TimerQueue.Entry(late::incrementAndGet), now - 10_000_000);
            pool.schedule(new TimerQueue.Entry(() -> {}), now);
            pool.schedule(new TimerQueue.Entry(late::incrementAndGet), now - 10_000_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> late.get() == 2);
        } finally {
            release.countDown();
            pool.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void everyJobScheduledFromManyThreadsRunsExactlyOnceAndNeverBeforeItIsDue() throws InterruptedException {
        Clock clock = Clock.systemUTC();
        TimerQueue pool = TimerQueue.pool(clock, "test-worker-", 3);
        pool.start();
        try {
            int producers = 4;
            int perProducer = 5_000;
            ConcurrentHashMap<Integer, Integer> runs = new ConcurrentHashMap<>();
            AtomicInteger early = new AtomicInteger();
            Thread[] threads = new Thread[producers];
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                threads[p] = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int id = base + i;
                        Instant due = clock.instant().plusNanos((id % 7) * 100_000L);
                        pool.schedule(EpochNanos.of(due), () -> {
                            if (clock.instant().isBefore(due)) {
                                early.incrementAndGet();
                            }
                            runs.merge(id, 1, Integer::sum);
                        });
                    }
                });
                threads[p].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == producers * perProducer);
            assertThat(runs.values()).allMatch(n -> n == 1);
            assertThat(early.get()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.queued() == 0);
        } finally {
            pool.stop(Duration.ofSeconds(1));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
