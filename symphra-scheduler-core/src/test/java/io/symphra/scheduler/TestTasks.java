package io.symphra.scheduler;

import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** One-shot tasks that end each way a run can end but success, for the tests of what the scheduler counts. */
final class TestTasks {

    private TestTasks() {}

    /** Fires once at {@code at} and throws. */
    static Task failsOnce(String name, Instant at) {
        return Task.builder(name)
                .trigger(Triggers.once(at))
                .run(() -> {
                    throw new IllegalStateException(name);
                })
                .build();
    }

    /** Fires once at {@code at} and waits until its {@code timeout} cancels it. */
    static Task hangsOnce(String name, Instant at, Duration timeout) {
        return Task.builder(name)
                .trigger(Triggers.once(at))
                .timeout(timeout)
                .run(() -> SchedulerTest.awaitQuietly(new CountDownLatch(1)))
                .build();
    }
}
