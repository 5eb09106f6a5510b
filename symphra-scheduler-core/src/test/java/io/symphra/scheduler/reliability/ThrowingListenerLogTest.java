package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.testkit.CapturedStderr;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws on every event of 200 runs: the scheduler logs its stack trace once and then throttled
 * one-line warnings, not a stack trace per event, and the task keeps running.
 */
class ThrowingListenerLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int RUNS = 200;
    private static final String MESSAGE = "listener failure on purpose";

    /** Throws on every start and every success; a class of its own, so that its log lines can be told apart. */
    static final class AlwaysThrowingListener implements TaskListener {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onStart(ExecutionEvent event) {
            calls.incrementAndGet();
            throw new IllegalStateException(MESSAGE);
        }

        @Override
        public void onSuccess(ExecutionEvent event, long durationNanos) {
            calls.incrementAndGet();
            throw new IllegalStateException(MESSAGE);
        }
    }

    @Test
    void aListenerThatThrowsOnEveryEventLogsOneStackTraceAndABoundedNumberOfLines() {
        ManualClock clock = new ManualClock(T0);
        AlwaysThrowingListener listener = new AlwaysThrowingListener();
        AtomicInteger runs = new AtomicInteger();
        List<String> lines;
        try (CapturedStderr log = new CapturedStderr();
                Scheduler scheduler = Scheduler.builder()
                        .clock(clock)
                        .listener(listener)
                        .discoverExporters(false)
                        .build()) {
            scheduler.schedule("ticking", Triggers.every(Duration.ofSeconds(1)), runs::incrementAndGet);
            scheduler.start();
            for (int run = 1; run <= RUNS; run++) {
                if (run > 1) {
                    clock.advance(Duration.ofSeconds(1));
                }
                int expected = run;
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> listener.calls.get() == 2 * expected);
            }
            lines = log.lines();
        }

        assertThat(runs).hasValue(RUNS);
        List<String> stackTraceHeads = lines.stream()
                .filter(l -> l.startsWith(IllegalStateException.class.getName() + ": " + MESSAGE))
                .toList();
        assertThat(stackTraceHeads)
                .as("stack traces logged for %s events", 2 * RUNS)
                .hasSize(1);
        List<String> aboutTheListener = lines.stream()
                .filter(l -> l.contains(AlwaysThrowingListener.class.getName()))
                .toList();
        assertThat(aboutTheListener)
                .as("lines naming the listener")
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(3);
        assertThat(lines.stream().filter(l -> l.contains(MESSAGE))).hasSizeLessThanOrEqualTo(3);
    }
}
