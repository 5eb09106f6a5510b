package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A task's one fire entry in the queue. Pausing, resuming and re-planning a task moves it: however often it happens,
 * the queue holds at most one fire per task, and none for a paused or unregistered one. A fire that a worker took
 * from the queue, and that was cancelled or re-planned before the worker got to handle it, does not run: only the
 * re-planned fire does, once. An attempt that ends before its timeout takes its watchdog out of the timer's queue.
 */
class FireEntryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);

    /** An engine on the test's clock with {@code workers} threads of its own, woken when the clock moves. */
    private TaskEngine engine(int workers) {
        TaskEngine engine = new TaskEngine(clock, ZoneOffset.UTC, null, workers, null, null, null, null, null, null);
        clock.onAdvance(engine::wake);
        return engine;
    }

    /**
     * Run objects are reused whichever of the overlapping runs ends last, so a task makes no more of them than it
     * had runs at once. Before the reuse flag, only the run that ended last was kept for reuse, and every round of
     * two overlapping runs made one more.
     */
    @Test
    void overlappingRunsReuseTheirRunObjects() {
        TaskEngine engine = engine(1);
        engine.register(Task.builder("overlapping")
                .trigger(Triggers.every(Duration.ofHours(1)))
                .maxInstances(2)
                .run(() -> {})
                .build());
        RegisteredTask task = engine.registered("overlapping");
        Set<TaskRun> made = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int round = 0; round < 10; round++) {
            TaskRun first = task.newRun(0);
            TaskRun second = task.newRun(0);
            assertThat(first).isNotSameAs(second);
            made.add(first);
            made.add(second);
            task.recycle(first);
            task.recycle(second);
        }
        assertThat(made).hasSize(2);
    }

    @Test
    void pauseResumeAndUnregisterLeaveNoStaleFiresInTheQueue() {
        TaskEngine engine = engine(2);
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

    /**
     * The test holds the task's monitor, which the worker needs to handle the fire, while it pauses and resumes the
     * task; one worker thread takes the fires in order, so a probe task due at the same time runs only after the
     * stale fire was handled.
     */
    @Test
    void aFireTakenAndThenCancelledAndReplannedRunsOnlyAsReplanned() {
        TaskEngine engine = engine(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Duration hour = Duration.ofHours(1);
        Duration second = Duration.ofSeconds(1);
        engine.register(Task.builder("a-task")
                .trigger(Triggers.fixedRate(hour, second))
                .run(runs::incrementAndGet)
                .build());
        engine.register(Task.builder("b-probe")
                .trigger(Triggers.fixedRate(hour, second))
                .run(probes::incrementAndGet)
                .build());
        engine.start();
        try {
            RegisteredTask task = engine.require("a-task");
            synchronized (task) {
                clock.advance(second);
                // Taking a fixed rate's fire plans the next one in the same step.
                await("the worker took the task's fire")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> engine.nextFireTime("a-task")
                                .equals(Optional.of(T0.plus(second).plus(hour))));
                engine.pause("a-task");
                engine.resume("a-task"); // re-planned from now: due in a second
            }
            await("the probe ran after the stale fire was handled")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> probes.get() == 1);
            assertThat(runs).as("the stale fire did not run").hasValue(0);
            assertThat(engine.nextFireTime("a-task")).contains(T0.plus(second).plus(second));

            clock.advance(second);
            await("the re-planned fire ran").atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            assertThat(engine.nextFireTime("a-task"))
                    .contains(T0.plus(second).plus(second).plus(hour));
            assertThat(engine.queuedFires()).isEqualTo(2);
        } finally {
            engine.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void anAttemptThatEndsBeforeItsTimeoutLeavesNoWatchdogInTheTimer() {
        TaskEngine engine = engine(2);
        AtomicInteger runs = new AtomicInteger();
        engine.register(Task.builder("quick")
                .trigger(Triggers.every(Duration.ofSeconds(1)))
                .timeout(Duration.ofHours(1))
                .run(runs::incrementAndGet)
                .build());
        engine.start();
        try {
            for (int i = 1; i <= 10; i++) {
                int expected = i;
                await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == expected);
                clock.advance(Duration.ofSeconds(1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 11);
            await("every watchdog left the timer's queue")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> engine.timer().queued() == 0);
        } finally {
            engine.shutdown(Duration.ofSeconds(1));
        }
    }
}
