package io.symphra.scheduler.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.Attempt;
import io.symphra.scheduler.AttemptScope;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.RunInterceptor;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.testkit.CapturedStderr;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run hook: what each interceptor sees, in which order, on which thread, and that one that throws is harmless. */
class RunInterceptorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Writes down every call it gets, prefixed with its name, with the thread of the call. */
    private static class Recorder implements RunInterceptor {
        final String name;
        final List<String> calls;
        final List<Thread> exitThreads = new CopyOnWriteArrayList<>();
        final List<Thread> endThreads = new CopyOnWriteArrayList<>();

        Recorder(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public AttemptScope enter(Attempt a) {
            calls.add(name + ".enter " + a.taskName() + " " + a.plannedTime() + " #" + a.number() + " run " + a.runId()
                    + (a.isRetry() ? " retry" : ""));
            return new AttemptScope() {
                @Override
                public void exit() {
                    exitThreads.add(Thread.currentThread());
                    calls.add(name + ".exit");
                }

                @Override
                public void ended(ExecutionOutcome outcome, Throwable error, boolean retrying) {
                    endThreads.add(Thread.currentThread());
                    calls.add(name + ".ended " + outcome
                            + (error != null ? " " + error.getClass().getSimpleName() : "")
                            + (retrying ? " retrying" : ""));
                }
            };
        }

        @Override
        public void skipped(String taskName, long plannedEpochNanos) {
            calls.add(name + ".skipped " + taskName);
        }
    }

    private static Scheduler.Builder builder(ManualClock clock) {
        return Scheduler.builder().clock(clock).discoverExporters(false).mdc(false);
    }

    @Test
    void interceptorsNestInTheOrderTheyWereAddedAroundTheActionAndSeeTheFire() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Recorder outer = new Recorder("a", calls);
        Recorder inner = new Recorder("b", calls);
        try (Scheduler scheduler = builder(new ManualClock(T0))
                .interceptor(outer)
                .interceptor(inner)
                .build()) {
            scheduler.schedule("job", Triggers.once(T0), () -> calls.add("action"));
            scheduler.start();
            await().atMost(BOUND).until(() -> calls.size() == 7);
        }
        assertThat(calls)
                .containsExactly(
                        "a.enter job 2026-03-01T00:00:00Z #1 run 1",
                        "b.enter job 2026-03-01T00:00:00Z #1 run 1",
                        "action",
                        "b.ended SUCCESS",
                        "a.ended SUCCESS",
                        "b.exit",
                        "a.exit");
    }

    @Test
    void retriesAreAttemptsOfTheSameRunAndOnlyTheLastOneIsNotFollowed() {
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        try (Scheduler scheduler = builder(new ManualClock(T0))
                .interceptor(new Recorder("a", calls))
                .build()) {
            scheduler.schedule(Task.builder("flaky")
                    .trigger(Triggers.once(T0))
                    .run(() -> {
                        if (attempts.incrementAndGet() < 3) {
                            throw new IllegalStateException("on purpose");
                        }
                    })
                    .retry(RetryPolicy.of(3, Backoff.fixed(Duration.ZERO)))
                    .build());
            scheduler.start();
            await().atMost(BOUND).until(() -> calls.size() == 9);
        }
        // An attempt ends before its scope exits, and the retry may enter on another worker in between.
        assertThat(calls.stream().filter(c -> !c.equals("a.exit")))
                .containsExactly(
                        "a.enter flaky 2026-03-01T00:00:00Z #1 run 1",
                        "a.ended FAILURE IllegalStateException retrying",
                        "a.enter flaky 2026-03-01T00:00:00Z #2 run 1 retry",
                        "a.ended FAILURE IllegalStateException retrying",
                        "a.enter flaky 2026-03-01T00:00:00Z #3 run 1 retry",
                        "a.ended SUCCESS");
        assertThat(calls).filteredOn("a.exit"::equals).hasSize(3);
        assertThat(calls.get(8)).isEqualTo("a.exit");
    }

    @Test
    void eachFireHasARunIdOfItsOwn() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock(T0);
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler scheduler =
                builder(clock).interceptor(new Recorder("a", calls)).build()) {
            scheduler.schedule("tick", Triggers.every(Duration.ofSeconds(1)), runs::incrementAndGet);
            scheduler.start();
            await().atMost(BOUND).until(() -> runs.get() == 1);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(BOUND).until(() -> runs.get() == 2);
        }
        assertThat(calls.stream().filter(c -> c.contains("enter")))
                .containsExactly(
                        "a.enter tick 2026-03-01T00:00:00Z #1 run 1", "a.enter tick 2026-03-01T00:00:01Z #1 run 2");
    }

    @Test
    void aTimeoutEndsTheAttemptOnTheTimerThreadAndTheActionStillExitsOnItsOwn() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder("a", calls);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Scheduler scheduler = Scheduler.builder()
                .discoverExporters(false)
                .mdc(false)
                .interceptor(recorder)
                .build()) {
            scheduler.schedule(Task.builder("slow")
                    .trigger(Triggers.once(Instant.now()))
                    .run(() -> {
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                        }
                    })
                    .timeout(Duration.ofMillis(50))
                    .build());
            scheduler.start();
            assertThat(interrupted.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            await().atMost(BOUND).until(() -> calls.size() == 3);
        }
        assertThat(calls.get(0)).startsWith("a.enter slow");
        assertThat(calls.subList(1, 3)).containsExactlyInAnyOrder("a.ended TIMEOUT TimeoutException", "a.exit");
        assertThat(recorder.endThreads.get(0).getName()).isEqualTo("symphra-timer");
    }

    @Test
    void anAsyncAttemptExitsWhenItsActionReturnsAndEndsWhenItsStageCompletesOnTheCompletingThread() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder("a", calls);
        CompletableFuture<String> stage = new CompletableFuture<>();
        try (Scheduler scheduler =
                builder(new ManualClock(T0)).interceptor(recorder).build()) {
            scheduler.schedule(Task.builder("async")
                    .trigger(Triggers.once(T0))
                    .async(() -> stage)
                    .build());
            scheduler.start();
            await().atMost(BOUND).until(() -> calls.size() == 2);
            assertThat(calls).containsExactly("a.enter async 2026-03-01T00:00:00Z #1 run 1", "a.exit");

            Thread completer = new Thread(() -> stage.complete("done"), "completer");
            completer.start();
            await().atMost(BOUND).until(() -> calls.size() == 3);
            assertThat(calls.get(2)).isEqualTo("a.ended SUCCESS");
            assertThat(recorder.endThreads).containsExactly(completer);
            assertThat(recorder.exitThreads).doesNotContain(completer);
        }
    }

    @Test
    void aSkippedFireIsToldAndEntersNoAttempt() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock(T0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger skipped = new AtomicInteger();
        try (Scheduler scheduler = builder(clock)
                .interceptor(new Recorder("a", calls))
                .listener(new TaskListener() {
                    @Override
                    public void onSkipped(ExecutionEvent event) {
                        skipped.incrementAndGet();
                    }
                })
                .build()) {
            scheduler.schedule(Task.builder("busy")
                    .trigger(Triggers.every(Duration.ofSeconds(1)))
                    .call(() -> release.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .build());
            scheduler.start();
            await().atMost(BOUND).until(() -> calls.size() == 1);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(BOUND).until(() -> skipped.get() == 1);
            release.countDown();
            await().atMost(BOUND).until(() -> calls.size() == 4);
        }
        assertThat(calls)
                .containsExactly(
                        "a.enter busy 2026-03-01T00:00:00Z #1 run 1", "a.skipped busy", "a.ended SUCCESS", "a.exit");
    }

    @Test
    void anInterceptorThatThrowsBreaksNeitherTheRunNorTheOtherInterceptorsAndIsLogged() {
        List<String> calls = new CopyOnWriteArrayList<>();
        RunInterceptor throwsOnEnter = attempt -> {
            throw new IllegalStateException("enter on purpose");
        };
        RunInterceptor throwsOnExit = attempt -> new AttemptScope() {
            @Override
            public void exit() {
                throw new IllegalStateException("exit on purpose");
            }
        };
        RunInterceptor throwsOnEnded = attempt -> new AttemptScope() {
            @Override
            public void ended(ExecutionOutcome outcome, Throwable error, boolean retrying) {
                throw new IllegalStateException("ended on purpose");
            }
        };
        RunInterceptor returnsNull = attempt -> null;
        AtomicInteger successes = new AtomicInteger();
        List<String> lines;
        try (CapturedStderr log = new CapturedStderr()) {
            try (Scheduler scheduler = builder(new ManualClock(T0))
                    .interceptor(throwsOnEnter)
                    .interceptor(throwsOnExit)
                    .interceptor(throwsOnEnded)
                    .interceptor(returnsNull)
                    .interceptor(new Recorder("last", calls))
                    .listener(new TaskListener() {
                        @Override
                        public void onSuccess(ExecutionEvent event, long durationNanos) {
                            successes.incrementAndGet();
                        }
                    })
                    .build()) {
                scheduler.schedule("job", Triggers.once(T0), () -> calls.add("action"));
                scheduler.start();
                // The scopes exit after the outcome is reported.
                await().atMost(BOUND).until(() -> successes.get() == 1 && calls.size() == 4);
            }
            lines = log.lines();
        }
        assertThat(calls)
                .containsExactly(
                        "last.enter job 2026-03-01T00:00:00Z #1 run 1", "action", "last.ended SUCCESS", "last.exit");
        assertThat(lines.stream().filter(l -> l.contains("WARN") && l.contains("Run interceptor")))
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).contains(" threw in enter"))
                .anySatisfy(l -> assertThat(l).contains(" threw in exit"))
                .anySatisfy(l -> assertThat(l).contains(" threw in ended"));
    }

    @Test
    void theTraceIdOfAFiresLastAttemptBecomesTheExemplarOfItsDurationBucket() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        // Attempt n runs in trace "trace-n": only the last attempt's id may be kept.
        RunInterceptor traced = attempt -> {
            String id = "trace-" + attempt.number();
            return new AttemptScope() {
                @Override
                public void ended(ExecutionOutcome outcome, Throwable error, boolean retrying) {
                    ended.incrementAndGet();
                }

                @Override
                public String traceId() {
                    return id;
                }
            };
        };
        RunInterceptor untraced = attempt -> AttemptScope.NONE;
        try (Scheduler scheduler = builder(new ManualClock(T0))
                .enableMetrics(true)
                .interceptor(untraced)
                .interceptor(traced)
                .build()) {
            scheduler.schedule(Task.builder("flaky")
                    .trigger(Triggers.once(T0))
                    .run(() -> {
                        if (attempts.incrementAndGet() < 2) {
                            throw new IllegalStateException("on purpose");
                        }
                    })
                    .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ZERO)))
                    .build());
            scheduler.start();
            await().atMost(BOUND)
                    .until(() -> scheduler.snapshot().tasks().get("flaky").executions() == 1);
            var durations = scheduler.snapshot().tasks().get("flaky").durations();
            assertThat(durations.hasExemplars()).isTrue();
            int bucket = 0;
            while (durations.bucketCount(bucket) == 0) {
                bucket++;
            }
            assertThat(durations.exemplar(bucket).labels()).containsExactly(Map.entry("trace_id", "trace-2"));
            assertThat(durations.exemplar(bucket).valueSeconds()).isLessThanOrEqualTo(durations.upperBound(bucket));
            assertThat(ended).hasValue(2);
        }
    }

    @Test
    void scopesWithoutATraceIdLeaveTheHistogramWithoutExemplars() {
        try (Scheduler scheduler = builder(new ManualClock(T0))
                .enableMetrics(true)
                .interceptor(new Recorder("a", new CopyOnWriteArrayList<>()))
                .build()) {
            scheduler.schedule("plain", Triggers.once(T0), () -> {});
            scheduler.start();
            await().atMost(BOUND)
                    .until(() -> scheduler.snapshot().tasks().get("plain").executions() == 1);
            assertThat(scheduler.snapshot().tasks().get("plain").durations().hasExemplars())
                    .isFalse();
        }
    }

    @Test
    void aRetryTheExecutorRejectsIsToldAsAbandonedWithItsRunIdAndTheRunEndsFailed() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        AtomicInteger handedOver = new AtomicInteger();
        // Takes the fire, rejects its retry.
        Executor firstOnly = command -> {
            if (handedOver.incrementAndGet() > 1) {
                throw new RejectedExecutionException("full on purpose");
            }
            worker.execute(command);
        };
        RunInterceptor recorder = new Recorder("a", calls) {
            @Override
            public void abandoned(String taskName, long runId, Throwable reason) {
                calls.add("a.abandoned " + taskName + " run " + runId + " "
                        + reason.getClass().getSimpleName());
            }

            @Override
            public void stopped(int abandonedRuns) {
                calls.add("a.stopped");
            }
        };
        try {
            try (Scheduler scheduler = builder(new ManualClock(T0))
                    .enableMetrics(true)
                    .workerExecutor(firstOnly)
                    .shutdownTimeout(Duration.ofMillis(100))
                    .interceptor(recorder)
                    .build()) {
                scheduler.schedule(Task.builder("flaky")
                        .trigger(Triggers.every(Duration.ofHours(1)))
                        .run(() -> {
                            throw new IllegalStateException("on purpose");
                        })
                        .retry(RetryPolicy.of(2, Backoff.fixed(Duration.ZERO)))
                        .build());
                scheduler.start();
                await().atMost(BOUND).until(() -> calls.contains("a.abandoned flaky run 1 RejectedExecutionException"));
                // The run gives back its slot and its count in flight: failed once, nothing left running.
                await().atMost(BOUND)
                        .until(() -> scheduler.snapshot().tasks().get("flaky").failures() == 1);
                assertThat(scheduler.snapshot().tasks().get("flaky").running()).isZero();
                assertThat(scheduler.snapshot().tasks().get("flaky").lastOutcome())
                        .isEqualTo(io.symphra.metrics.snapshot.ExecutionOutcome.FAILURE);
            }
            assertThat(calls.get(calls.size() - 1)).isEqualTo("a.stopped");
            assertThat(calls).filteredOn(c -> c.startsWith("a.enter")).hasSize(1);
        } finally {
            worker.shutdownNow();
        }
    }
}
