package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pausing, resuming and re-planning a task moves its one fire entry in the queue: however often it happens, the
 * queue holds at most one fire per task, and none for a paused or unregistered one.
 */
class OneQueuedFirePerTaskTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void pauseResumeAndUnregisterLeaveNoStaleFiresInTheQueue() {
        ManualClock clock = new ManualClock(T0);
        TaskEngine engine = new TaskEngine(clock, ZoneOffset.UTC, null, 2, new Listeners(List.of()));
        int tasks = 100;
        for (int i = 0; i < tasks; i++) {
            engine.register(Task.builder("t" + i)
                    .trigger(Triggers.every(Duration.ofHours(1)))
                    .startAt(T0.plusSeconds(60))
                    .run(() -> {})
                    .build());
        }
        engine.start();
        try {
            assertThat(engine.queuedFires()).isEqualTo(tasks);
            for (int round = 0; round < 100; round++) {
                for (int i = 0; i < tasks; i++) {
                    engine.pause("t" + i);
                    engine.resume("t" + i);
                }
                engine.pauseAll();
                assertThat(engine.queuedFires()).isZero();
                engine.resumeAll();
                assertThat(engine.queuedFires()).isEqualTo(tasks);
            }
            for (int i = 0; i < tasks / 2; i++) {
                engine.pause("t" + i);
            }
            assertThat(engine.queuedFires()).isEqualTo(tasks / 2);
            for (int i = tasks / 2; i < tasks; i++) {
                assertThat(engine.unregister("t" + i)).isTrue();
            }
            assertThat(engine.queuedFires()).isZero();
        } finally {
            engine.shutdown(Duration.ofSeconds(1));
        }
    }
}
