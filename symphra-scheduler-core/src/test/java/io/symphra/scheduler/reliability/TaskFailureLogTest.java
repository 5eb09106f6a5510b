package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.testkit.CapturedStderr;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A task that fails again and again logs a few readable lines, not one per run: at most one WARN a minute of the
 * scheduler's (manual) clock, the next saying how many were held back, one stack trace, the attempt only when the
 * task retries, and one INFO line when it succeeds again.
 */
class TaskFailureLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String MESSAGE = "failure on purpose";

    /** Runs {@code task} once a second for {@code runs} seconds of the manual clock; returns the log lines. */
    private static List<String> runFor(int runs, Task task, AtomicInteger calls) {
        ManualClock clock = new ManualClock(T0);
        // Runs that have their outcome: the clock moves on only then, or the next fire could find the task still
        // busy and be skipped (the action counts a call before its run lets go of the task).
        AtomicInteger ended = new AtomicInteger();
        try (CapturedStderr log = new CapturedStderr();
                Scheduler scheduler = Scheduler.builder()
                        .clock(clock)
                        .discoverExporters(false)
                        .listener(new TaskListener() {
                            @Override
                            public void onSuccess(ExecutionEvent event, long durationNanos) {
                                ended.incrementAndGet();
                            }

                            @Override
                            public void onFailure(ExecutionEvent event, long durationNanos, Throwable error) {
                                ended.incrementAndGet();
                            }
                        })
                        .build()) {
            scheduler.schedule(task);
            scheduler.start();
            for (int run = 1; run <= runs; run++) {
                if (run > 1) {
                    clock.advance(Duration.ofSeconds(1));
                }
                int expected = run;
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> calls.get() >= expected && ended.get() >= expected);
            }
            // Waits for the last run, whose outcome is logged after its action returned.
            scheduler.close();
            return log.lines();
        }
    }

    private static Task every(Duration period, Callable<?> action, RetryPolicy retry) {
        return Task.builder("flaky")
                .trigger(Triggers.every(period))
                .call(action)
                .retry(retry)
                .build();
    }

    @Test
    void aTaskFailingOnEveryRunLogsOneWarningAMinuteWithOneStackTraceAndTheCountHeldBack() {
        AtomicInteger calls = new AtomicInteger();
        List<String> lines = runFor(
                200,
                every(
                        Duration.ofSeconds(1),
                        () -> {
                            calls.incrementAndGet();
                            throw new IllegalStateException(MESSAGE);
                        },
                        RetryPolicy.none()),
                calls);

        List<String> warnings = lines.stream()
                .filter(l -> l.contains("WARN") && l.contains("Task 'flaky' failed"))
                .toList();
        // 200 failures over 199 s of the clock: the first, then one a minute.
        assertThat(warnings).hasSizeBetween(3, 5);
        assertThat(warnings.get(0)).contains(IllegalStateException.class.getName() + ": " + MESSAGE);
        assertThat(warnings.subList(1, warnings.size()))
                .allSatisfy(w -> assertThat(w).contains("similar warning(s) held back"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("attempt"));
        assertThat(lines.stream().filter(l -> l.startsWith(IllegalStateException.class.getName() + ": " + MESSAGE)))
                .as("stack traces")
                .hasSize(1);
    }

    @Test
    void aTaskThatRetriesNamesTheAttemptAndOneThatRecoversSaysSoOnce() {
        AtomicInteger calls = new AtomicInteger();
        // Fails both attempts of the first run, then succeeds from the third call on.
        List<String> lines = runFor(
                3,
                every(
                        Duration.ofSeconds(1),
                        () -> {
                            if (calls.incrementAndGet() <= 2) {
                                throw new IllegalStateException(MESSAGE);
                            }
                            return null;
                        },
                        RetryPolicy.of(2, Backoff.fixed(Duration.ZERO))),
                calls);

        assertThat(lines.stream().filter(l -> l.contains("WARN") && l.contains("Task 'flaky' failed")))
                .singleElement()
                .satisfies(w -> assertThat(w).contains("on attempt 2 of 2"));
        assertThat(lines.stream().filter(l -> l.contains("INFO") && l.contains("Task 'flaky' succeeded again")))
                .hasSize(1);
    }
}
