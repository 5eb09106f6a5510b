package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingListener events = new RecordingListener();
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        scheduler = Scheduler.builder()
                .clock(clock)
                .workerThreads(4)
                .listener(events)
                .shutdownTimeout(Duration.ofSeconds(2))
                .discoverExporters(false)
                .build();
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private static void awaitThat(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(condition);
    }

    @Test
    void fixedRateFiresOnItsGridAndDoesNotCatchUpAfterAStall() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("tick", Triggers.every(Duration.ofSeconds(10)), runs::incrementAndGet);
        scheduler.start();
        awaitThat(() -> runs.get() == 1);
        assertThat(scheduler.nextFireTime("tick")).contains(T0.plusSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        awaitThat(() -> runs.get() == 2);

        // A stall of 35 s: one run, then back on the 10 s grid.
        clock.advance(Duration.ofSeconds(35));
        awaitThat(() -> runs.get() == 3);
        awaitThat(() -> scheduler.nextFireTime("tick").equals(java.util.Optional.of(T0.plusSeconds(50))));
        assertThat(runs.get()).isEqualTo(3);
        ExecutionEvent late = events.last("start", "tick").source();
        assertThat(late.scheduledTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(late.latenessNanos()).isEqualTo(Duration.ofSeconds(25).toNanos());
    }

    @Test
    void initialDelayPostponesTheFirstFire() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule(
                "later", Triggers.fixedRate(Duration.ofSeconds(5), Duration.ofSeconds(30)), runs::incrementAndGet);
        scheduler.start();
        assertThat(scheduler.nextFireTime("later")).contains(T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(runs.get()).isZero();
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> runs.get() == 1);
    }

    @Test
    void fixedDelayPlansFromTheEndOfEachRun() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("delay", Triggers.fixedDelay(Duration.ofSeconds(5)), () -> {
            runs.incrementAndGet();
            clock.advance(Duration.ofSeconds(2)); // the run "takes" two seconds of clock time
        });
        scheduler.start();
        // The successor is planned once the run has ended: until then the next fire time is the current one.
        awaitThat(() -> runs.get() == 1 && scheduler.nextFireTime("delay").equals(Optional.of(T0.plusSeconds(7))));
        clock.advance(Duration.ofSeconds(5));
        awaitThat(() -> runs.get() == 2
                && scheduler.nextFireTime("delay").isPresent()
                && scheduler.nextFireTime("delay").get().equals(T0.plusSeconds(14)));
    }

    @Test
    void onceFiresOnceAtItsInstant() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("once", Triggers.once(T0.plusSeconds(3600)), runs::incrementAndGet);
        scheduler.start();
        assertThat(scheduler.nextFireTime("once")).contains(T0.plusSeconds(3600));
        clock.advance(Duration.ofHours(2));
        awaitThat(() -> runs.get() == 1);
        awaitThat(() -> scheduler.nextFireTime("once").isEmpty());
        clock.advance(Duration.ofHours(2));
        assertThat(runs.get()).isEqualTo(1);
        assertThat(events.last("start", "once").source().latenessNanos())
                .isEqualTo(Duration.ofHours(1).toNanos());
    }

    @Test
    void overlappingFiresBeyondMaxInstancesAreSkippedNotRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        scheduler.schedule(Task.builder("slow")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .run(() -> {
                    started.incrementAndGet();
                    awaitQuietly(release);
                })
                .build());
        scheduler.start();
        awaitThat(() -> started.get() == 1);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("skipped", "slow") == 1);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("skipped", "slow") == 2);
        release.countDown();
        awaitThat(() -> events.count("success", "slow") == 1);
        assertThat(started.get()).isEqualTo(1);
        assertThat(events.last("skipped", "slow").source().startTime()).isNull();
    }

    @Test
    void maxInstancesAllowsThatManyRunsAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        scheduler.schedule(Task.builder("pair")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .maxInstances(2)
                .run(() -> {
                    started.incrementAndGet();
                    awaitQuietly(release);
                })
                .build());
        scheduler.start();
        awaitThat(() -> started.get() == 1);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> started.get() == 2);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("skipped", "pair") == 1);
        release.countDown();
        awaitThat(() -> events.count("success", "pair") == 2);
    }

    @Test
    void anAttemptThatExceedsItsTimeoutIsInterruptedAndReportedAsTimeout() {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        scheduler.schedule(Task.builder("hang")
                .trigger(Triggers.once(T0))
                .timeout(Duration.ofSeconds(5))
                .run(() -> {
                    started.incrementAndGet();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                })
                .build());
        scheduler.start();
        awaitThat(() -> started.get() == 1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(events.count("timeout", "hang")).isZero();
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("timeout", "hang") == 1 && interrupted.get());
        assertThat(events.kinds("hang")).containsExactly("start", "timeout");
    }

    @Test
    void asyncRunsAreMeasuredUntilTheirStageCompletes() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        scheduler.schedule(Task.builder("async")
                .trigger(Triggers.once(T0))
                .async(() -> pending)
                .build());
        scheduler.start();
        awaitThat(() -> events.count("start", "async") == 1);
        long before = System.nanoTime();
        await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(events.count("success", "async")).isZero();
        pending.complete("done");
        awaitThat(() -> events.count("success", "async") == 1);
        assertThat(events.last("success", "async").durationNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos()
                        - (System.nanoTime() - before)
                        + Duration.ofMillis(50).toNanos());
    }

    @Test
    void asyncStageThatNeverCompletesTimesOutAndIsCancelled() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        scheduler.schedule(Task.builder("never")
                .trigger(Triggers.once(T0))
                .timeout(Duration.ofSeconds(1))
                .async(() -> never)
                .build());
        scheduler.start();
        awaitThat(() -> events.count("start", "never") == 1);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("timeout", "never") == 1);
        assertThat(never).isCancelled();
    }

    @Test
    void aTimeoutCountsFromTheStartOfTheAttemptHoweverLongTheStartListenersTake() {
        // A listener that takes a second of clock time: the watchdog still counts from the attempt's start.
        Scheduler s = Scheduler.builder()
                .clock(clock)
                .workerThreads(2)
                .discoverExporters(false)
                .shutdownTimeout(Duration.ofSeconds(2))
                .listener(new TaskListener() {
                    @Override
                    public void onStart(ExecutionEvent event) {
                        clock.advance(Duration.ofSeconds(1));
                    }
                })
                .listener(events)
                .build();
        try (s) {
            AtomicInteger supplied = new AtomicInteger();
            s.schedule(Task.builder("slow-start")
                    .trigger(Triggers.once(T0))
                    .timeout(Duration.ofSeconds(2))
                    .async(() -> {
                        supplied.incrementAndGet();
                        return new CompletableFuture<Void>();
                    })
                    .build());
            s.start();
            awaitThat(() -> supplied.get() == 1);
            clock.advance(Duration.ofSeconds(1)); // T0 + 2 s: the timeout is due
            awaitThat(() -> events.count("timeout", "slow-start") == 1);
        }
    }

    @Test
    void aRetryWaitCountsFromTheFailureHoweverLongTheRetryListenersTake() {
        Scheduler s = Scheduler.builder()
                .clock(clock)
                .workerThreads(2)
                .discoverExporters(false)
                .shutdownTimeout(Duration.ofSeconds(2))
                .listener(new TaskListener() {
                    @Override
                    public void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {
                        clock.advance(Duration.ofSeconds(1));
                    }
                })
                .listener(events)
                .build();
        try (s) {
            AtomicInteger attempts = new AtomicInteger();
            s.schedule(Task.builder("slow-retry")
                    .trigger(Triggers.once(T0))
                    .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ofSeconds(2))))
                    .run(() -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new IllegalStateException("first attempt fails");
                        }
                    })
                    .build());
            s.start();
            awaitThat(() -> events.count("retry", "slow-retry") == 1);
            clock.advance(Duration.ofSeconds(1)); // T0 + 2 s: the retry is due
            awaitThat(() -> events.count("success", "slow-retry") == 1);
            assertThat(attempts.get()).isEqualTo(2);
        }
    }

    @Test
    void closeWaitsForASkipListenerThatIsStillRunning() throws Exception {
        CountDownLatch inSkipListener = new CountDownLatch(1);
        CountDownLatch finishSkipListener = new CountDownLatch(1);
        AtomicBoolean skipListenerDone = new AtomicBoolean();
        Scheduler s = Scheduler.builder()
                .clock(clock)
                .workerThreads(2)
                .discoverExporters(false)
                .shutdownTimeout(Duration.ofSeconds(10))
                .listener(new TaskListener() {
                    @Override
                    public void onSkipped(ExecutionEvent event) {
                        inSkipListener.countDown();
                        awaitQuietly(finishSkipListener);
                        skipListenerDone.set(true);
                    }
                })
                .listener(events)
                .build();
        CountDownLatch busyGo = new CountDownLatch(1);
        s.schedule(Task.builder("busy")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .run(() -> awaitQuietly(busyGo))
                .build());
        s.start();
        awaitThat(() -> events.count("start", "busy") == 1);
        clock.advance(Duration.ofSeconds(1)); // the second fire finds the first run going: skipped
        assertThat(inSkipListener.await(10, TimeUnit.SECONDS)).isTrue();
        busyGo.countDown();
        awaitThat(() -> events.count("success", "busy") == 1);

        CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> {
            s.close();
            return skipListenerDone.get();
        });
        // Bounded: a close() that did not wait would return well within this.
        assertThatThrownBy(() -> closing.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        finishSkipListener.countDown();
        assertThat(closing.get(10, TimeUnit.SECONDS))
                .as("skip listener done when close() returned")
                .isTrue();
    }

    @Test
    void asyncFailureIsAFailure() {
        scheduler.schedule(Task.builder("async-fail")
                .trigger(Triggers.once(T0))
                .async(() -> CompletableFuture.failedFuture(new IllegalStateException("boom")))
                .build());
        scheduler.start();
        awaitThat(() -> events.count("failure", "async-fail") == 1);
        assertThat(events.last("failure", "async-fail").error()).hasMessage("boom");
    }

    @Test
    void retriesFollowThePolicyAndCountOnceWithTheFinalOutcome() {
        AtomicInteger attempts = new AtomicInteger();
        scheduler.schedule(Task.builder("flaky")
                .trigger(Triggers.once(T0))
                .retry(RetryPolicy.of(3, Backoff.fixed(Duration.ofSeconds(2))))
                .run(() -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("attempt " + attempts.get());
                    }
                })
                .build());
        scheduler.start();
        awaitThat(() -> events.count("retry", "flaky") == 1);
        assertThat(attempts.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        awaitThat(() -> events.count("retry", "flaky") == 2);
        clock.advance(Duration.ofSeconds(2));
        awaitThat(() -> events.count("success", "flaky") == 1);
        assertThat(events.kinds("flaky")).containsExactly("start", "retry", "retry", "success");
        assertThat(events.last("success", "flaky").attempt()).isEqualTo(3);
    }

    @Test
    void retriesStopAtMaxAttemptsAndOnlyForListedExceptions() {
        scheduler.schedule(Task.builder("always")
                .trigger(Triggers.once(T0))
                .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ZERO)))
                .run(() -> {
                    throw new IllegalStateException("always");
                })
                .build());
        scheduler.schedule(Task.builder("fatal")
                .trigger(Triggers.once(T0))
                .retry(RetryPolicy.of(5, Backoff.fixed(Duration.ZERO)).retryingOn(java.io.IOException.class))
                .run(() -> {
                    throw new IllegalArgumentException("not retried");
                })
                .build());
        scheduler.start();
        awaitThat(() -> events.count("failure", "always") == 1 && events.count("failure", "fatal") == 1);
        assertThat(events.kinds("always")).containsExactly("start", "retry", "failure");
        assertThat(events.kinds("fatal")).containsExactly("start", "failure");
    }

    @Test
    void timedOutAttemptsAreRetriedWhenThePolicyCoversTimeouts() {
        AtomicInteger attempts = new AtomicInteger();
        scheduler.schedule(Task.builder("slow-then-fast")
                .trigger(Triggers.once(T0))
                .timeout(Duration.ofSeconds(1))
                .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ZERO)).retryingOn(TimeoutException.class))
                .run(() -> {
                    if (attempts.incrementAndGet() == 1) {
                        awaitQuietly(new CountDownLatch(1));
                    }
                })
                .build());
        scheduler.start();
        awaitThat(() -> attempts.get() == 1);
        clock.advance(Duration.ofSeconds(1));
        awaitThat(() -> events.count("success", "slow-then-fast") == 1);
        assertThat(events.kinds("slow-then-fast")).containsExactly("start", "retry", "success");
        assertThat(events.last("retry", "slow-then-fast").error()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void pauseAndResumeOneTaskAndTheWholeScheduler() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule("p", Triggers.every(Duration.ofSeconds(10)), runs::incrementAndGet);
        scheduler.start();
        awaitThat(() -> runs.get() == 1);

        scheduler.pause("p");
        assertThat(scheduler.isPaused("p")).isTrue();
        assertThat(scheduler.nextFireTime("p")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(runs.get()).isEqualTo(1);

        scheduler.resume("p");
        awaitThat(() -> runs.get() == 2); // resumes from now, once
        clock.advance(Duration.ofSeconds(10));
        awaitThat(() -> runs.get() == 3);

        scheduler.pauseAll();
        assertThat(scheduler.isPausedAll()).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(runs.get()).isEqualTo(3);
        scheduler.resumeAll();
        awaitThat(() -> runs.get() == 4);
    }

    @Test
    void tasksCanBeRegisteredListedAndRemovedWhileRunning() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.start();
        scheduler.schedule("b", Triggers.every(Duration.ofSeconds(1)), runs::incrementAndGet);
        scheduler.schedule("a", Triggers.every(Duration.ofHours(1)), () -> {});
        assertThat(scheduler.tasks()).extracting(Task::name).containsExactly("a", "b");
        assertThat(scheduler.task("a")).isPresent();
        awaitThat(() -> runs.get() == 1);
        assertThat(scheduler.unregister("b")).isTrue();
        assertThat(scheduler.unregister("b")).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(runs.get()).isEqualTo(1);
        assertThat(scheduler.task("b")).isEmpty();
    }

    @Test
    void windowAndEnabledFlagLimitFires() {
        AtomicInteger windowed = new AtomicInteger();
        AtomicInteger disabled = new AtomicInteger();
        scheduler.schedule(Task.builder("window")
                .trigger(Triggers.every(Duration.ofSeconds(10)))
                .startAt(T0.plusSeconds(20))
                .endAt(T0.plusSeconds(40))
                .run(windowed::incrementAndGet)
                .build());
        scheduler.schedule(Task.builder("off")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .enabled(false)
                .run(disabled::incrementAndGet)
                .build());
        scheduler.start();
        assertThat(scheduler.nextFireTime("window")).contains(T0.plusSeconds(20));
        clock.advance(Duration.ofSeconds(19));
        assertThat(windowed.get()).isZero();
        for (int expected = 1; expected <= 3; expected++) {
            clock.advance(Duration.ofSeconds(expected == 1 ? 1 : 10));
            int runs = expected;
            awaitThat(() -> windowed.get() == runs);
        }
        clock.advance(Duration.ofSeconds(30));
        awaitThat(() -> windowed.get() == 3);
        assertThat(scheduler.nextFireTime("window")).isEmpty();
        assertThat(disabled.get()).isZero();
    }

    @Test
    void closeWaitsForRunningTasksThenInterruptsAndNeverHangs() {
        Scheduler s = Scheduler.builder()
                .clock(clock)
                .listener(events)
                .shutdownTimeout(Duration.ofMillis(300))
                .discoverExporters(false)
                .build();
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean release = new AtomicBoolean();
        s.schedule(Task.builder("stubborn")
                .trigger(Triggers.once(T0))
                .run(() -> {
                    started.incrementAndGet();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!release.get() && System.nanoTime() < end) {
                        Thread.onSpinWait(); // ignores interrupts on purpose
                    }
                })
                .build());
        s.start();
        try {
            awaitThat(() -> started.get() == 1);
            long t = System.nanoTime();
            s.close();
            s.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(5));
            assertThat(s.isRunning()).isFalse();
        } finally {
            // The abandoned thread would otherwise hold a core for 20 s while the next tests run.
            release.set(true);
        }
        assertThatThrownBy(() -> s.schedule("x", Triggers.every(Duration.ofSeconds(1)), () -> {}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeLetsARunFinishWithinTheTimeout() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler.schedule(Task.builder("finisher")
                .trigger(Triggers.once(T0))
                .run(() -> {
                    running.countDown();
                    awaitQuietly(release);
                })
                .build());
        scheduler.start();
        awaitQuietly(running);
        Thread closer = new Thread(scheduler::close);
        closer.start();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !closer.isAlive());
        assertThat(events.kinds("finisher")).containsExactly("start", "success");
    }

    @Test
    void badInputIsRejectedWhenTheTaskIsDefined() {
        assertThatThrownBy(() -> Task.builder(null)).hasMessageContaining("null");
        assertThatThrownBy(() -> Task.builder("  ")).hasMessageContaining("'  '");
        assertThatThrownBy(() -> Triggers.every(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> Triggers.every(Duration.ofSeconds(-5))).hasMessageContaining("PT-5S");
        assertThatThrownBy(() -> Triggers.fixedDelay(Duration.ofMillis(-1))).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> Task.builder("w")
                        .trigger(Triggers.every(Duration.ofSeconds(1)))
                        .run(() -> {})
                        .startAt(T0)
                        .endAt(T0.minusSeconds(1))
                        .build())
                .hasMessageContaining("end " + T0.minusSeconds(1))
                .hasMessageContaining("start " + T0);
        assertThatThrownBy(() -> Task.builder("t")
                        .trigger(Triggers.every(Duration.ofSeconds(1)))
                        .run(() -> {})
                        .timeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("timeout must be positive, got PT0S");
        assertThatThrownBy(() -> RetryPolicy.of(0, Backoff.fixed(Duration.ZERO)))
                .hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> Task.builder("m")
                        .trigger(Triggers.every(Duration.ofSeconds(1)))
                        .run(() -> {})
                        .maxInstances(0)
                        .build())
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> Task.builder("n").run(() -> {}).build()).hasMessageContaining("no trigger");
        assertThatThrownBy(() -> Triggers.daily(24, 0)).hasMessageContaining("got 24");
        assertThatThrownBy(() -> Triggers.monthly(0, 0, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 0.5, Duration.ofSeconds(1)))
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> Triggers.cron("")).isInstanceOf(IllegalArgumentException.class);

        scheduler.schedule("dup", Triggers.every(Duration.ofSeconds(1)), () -> {});
        assertThatThrownBy(() -> scheduler.schedule("dup", Triggers.every(Duration.ofSeconds(2)), () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dup'");
        assertThatThrownBy(() -> scheduler.pause("missing")).hasMessageContaining("'missing'");
    }

    @Test
    void backoffsGrowAndStayInBounds() {
        Backoff exp = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
        assertThat(List.of(exp.delayBefore(2), exp.delayBefore(3), exp.delayBefore(4), exp.delayBefore(5)))
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        Backoff random = Backoff.random(Duration.ofMillis(100), Duration.ofMillis(200));
        for (int i = 0; i < 100; i++) {
            assertThat(random.delayBefore(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void aThrowingListenerBreaksNothing() {
        Scheduler s = Scheduler.builder()
                .clock(clock)
                .discoverExporters(false)
                .listener(new TaskListener() {
                    @Override
                    public void onStart(ExecutionEvent event) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(events)
                .build();
        try (s) {
            s.schedule("ok", Triggers.once(T0), () -> {});
            s.start();
            awaitThat(() -> events.count("success", "ok") == 1);
        }
    }

    @Test
    void cronAndCalendarShortcutsFireInTheTasksZone() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.schedule(Task.builder("berlin-0230")
                .trigger(Triggers.daily(2, 30))
                .zone(java.time.ZoneId.of("Europe/Berlin"))
                .run(runs::incrementAndGet)
                .build());
        scheduler.schedule("every-5s", Triggers.cron("*/5 * * * * *"), () -> {});
        scheduler.schedule("monday", Triggers.weekly(java.time.DayOfWeek.MONDAY, 9, 0), () -> {});
        scheduler.schedule("first", Triggers.monthly(1, 6, 0), () -> {});
        scheduler.schedule("hourly", Triggers.hourly(15), () -> {});
        scheduler.start();
        // 2026-03-01 is a Sunday; Berlin is UTC+1 in winter.
        assertThat(scheduler.nextFireTime("berlin-0230")).contains(Instant.parse("2026-03-01T01:30:00Z"));
        assertThat(scheduler.nextFireTime("every-5s")).contains(T0.plusSeconds(5));
        assertThat(scheduler.nextFireTime("monday")).contains(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(scheduler.nextFireTime("first")).contains(Instant.parse("2026-03-01T06:00:00Z"));
        assertThat(scheduler.nextFireTime("hourly")).contains(T0.plusSeconds(15 * 60));

        clock.advanceTo(Instant.parse("2026-03-01T01:30:00Z"));
        awaitThat(() -> runs.get() == 1);
        awaitThat(() -> scheduler
                .nextFireTime("berlin-0230")
                .equals(java.util.Optional.of(Instant.parse("2026-03-02T01:30:00Z"))));
        // A stall of three days: one run, then the next time after now.
        clock.advanceTo(Instant.parse("2026-03-05T12:00:00Z"));
        awaitThat(() -> runs.get() == 2);
        awaitThat(() -> scheduler
                .nextFireTime("berlin-0230")
                .equals(java.util.Optional.of(Instant.parse("2026-03-06T01:30:00Z"))));
    }

    @Test
    void cronInsideASpringForwardGapFiresOnceWhenTheGapEnds() {
        AtomicInteger runs = new AtomicInteger();
        ManualClock dstClock = new ManualClock(Instant.parse("2026-03-28T12:00:00Z"));
        try (Scheduler s = Scheduler.builder()
                .clock(dstClock)
                .zone(java.time.ZoneId.of("Europe/Berlin"))
                .discoverExporters(false)
                .build()) {
            s.schedule("0230", Triggers.cron("30 2 * * *"), runs::incrementAndGet);
            s.start();
            // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist; it fires at 03:00 CEST = 01:00Z.
            assertThat(s.nextFireTime("0230")).contains(Instant.parse("2026-03-29T01:00:00Z"));
            dstClock.advanceTo(Instant.parse("2026-03-29T01:00:00Z"));
            awaitThat(() -> runs.get() == 1);
            awaitThat(
                    () -> s.nextFireTime("0230").equals(java.util.Optional.of(Instant.parse("2026-03-30T00:30:00Z"))));
        }
    }

    @Test
    void holdsOneHundredThousandTasksOnOneTimer() {
        for (int i = 0; i < 100_000; i++) {
            scheduler.schedule(Task.builder("t" + i)
                    .trigger(Triggers.fixedRate(Duration.ofHours(1), Duration.ofSeconds(1 + i % 3600)))
                    .run(() -> {})
                    .build());
        }
        scheduler.start();
        assertThat(scheduler.tasks()).hasSize(100_000);
        assertThat(scheduler.nextFireTime("t99999")).contains(T0.plusSeconds(1 + 99_999 % 3600));
        AtomicInteger before = new AtomicInteger(events.events.size());
        clock.advance(Duration.ofSeconds(2)); // t0 (1 s) and t1 (2 s) and every 3600th task after them are due
        awaitThat(() -> events.count("success", "t0") == 1 && events.count("success", "t1") == 1);
        // 28 tasks each at 1 s and at 2 s (i % 3600 == 0 or 1): 56 runs, a start and a success each
        awaitThat(() -> events.events.size() - before.get() == 112);
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
