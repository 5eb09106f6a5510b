package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task that closes its own scheduler: {@code close()} must not wait the shutdown timeout for the run that called
 * it, yet must still wait for the other runs in flight. The shutdown timeout is 60 s, so a close that waits for
 * itself cannot pass the 10 s bound.
 */
class CloseFromInsideATaskTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration LONG_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final ManualClock clock = new ManualClock(T0);
    private final CountDownLatch otherStarted = new CountDownLatch(1);
    private final CountDownLatch releaseOther = new CountDownLatch(1);
    private final AtomicBoolean otherFinished = new AtomicBoolean();
    private final AtomicBoolean closeEntered = new AtomicBoolean();
    private final CountDownLatch closeReturned = new CountDownLatch(1);
    private final AtomicLong closeNanos = new AtomicLong();
    private final AtomicBoolean otherFinishedBeforeCloseReturned = new AtomicBoolean();
    private ExecutorService executor;

    @AfterEach
    void tearDown() {
        releaseOther.countDown();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void closeFromATaskOnTheSchedulersOwnThreadsWaitsForTheOthersButNotForItself() throws Exception {
        closeFromInsideATask(Scheduler.builder().workerThreads(3));
    }

    @Test
    void closeFromATaskOnAWorkerExecutorWaitsForTheOthersButNotForItself() throws Exception {
        executor = Executors.newFixedThreadPool(3);
        closeFromInsideATask(Scheduler.builder().workerExecutor(executor));
    }

    private void closeFromInsideATask(Scheduler.Builder builder) throws Exception {
        Scheduler scheduler = builder.clock(clock)
                .shutdownTimeout(LONG_SHUTDOWN_TIMEOUT)
                .discoverExporters(false)
                .build();
        scheduler.schedule("other", Triggers.once(T0), () -> {
            otherStarted.countDown();
            awaitUninterruptibly(releaseOther);
            otherFinished.set(true);
        });
        scheduler.schedule("closer", Triggers.once(T0.plusSeconds(1)), () -> {
            closeEntered.set(true);
            long start = System.nanoTime();
            scheduler.close();
            closeNanos.set(System.nanoTime() - start);
            otherFinishedBeforeCloseReturned.set(otherFinished.get());
            closeReturned.countDown();
        });
        scheduler.start();
        assertThat(otherStarted.await(10, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        await("the task calls close()").atMost(Duration.ofSeconds(10)).untilTrue(closeEntered);
        releaseOther.countDown();

        assertThat(closeReturned.await(10, TimeUnit.SECONDS))
                .as("close() called from a task returned well within the shutdown timeout of %s", LONG_SHUTDOWN_TIMEOUT)
                .isTrue();
        assertThat(Duration.ofNanos(closeNanos.get())).isLessThan(Duration.ofSeconds(10));
        assertThat(otherFinishedBeforeCloseReturned)
                .as("close() waited for the other run")
                .isTrue();
        assertThat(scheduler.isRunning()).isFalse();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
