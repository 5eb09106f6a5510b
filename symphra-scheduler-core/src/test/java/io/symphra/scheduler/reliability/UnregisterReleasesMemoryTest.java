package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Daily and monthly tasks registered and unregistered long before they are due: the scheduler must let go of them
 * at once, not when their fire comes due. Weak references to the tasks must clear after a GC, their (empty)
 * metrics must leave the snapshot, and a task that stays registered keeps firing.
 */
class UnregisterReleasesMemoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:30:00Z");
    private static final int TASKS = 20_000;
    private static final Runnable NOTHING = () -> {};

    @Test
    void unregisteredTasksBecomeUnreachableBeforeTheirNextFire() {
        ManualClock clock = new ManualClock(T0);
        AtomicInteger keptRuns = new AtomicInteger();
        try (Scheduler scheduler = Scheduler.builder()
                .clock(clock)
                .enableMetrics(true)
                .discoverExporters(false)
                .build()) {
            scheduler.schedule("kept", Triggers.every(Duration.ofMinutes(1)), keptRuns::incrementAndGet);
            scheduler.start();
            List<WeakReference<Task>> removed = new ArrayList<>(TASKS);
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < TASKS; i++) {
                    String name = "daily-" + i;
                    Task task = scheduler.schedule(Task.builder(name)
                            .trigger(i % 2 == 0 ? Triggers.daily(0, 0) : Triggers.monthly(1, 0, 0))
                            .run(NOTHING)
                            .build());
                    removed.add(new WeakReference<>(task));
                }
                for (int i = 0; i < TASKS; i++) {
                    assertThat(scheduler.unregister("daily-" + i)).isTrue();
                }
            }
            assertThat(scheduler.tasks()).extracting(Task::name).containsExactly("kept");
            // Their metrics cells went too: they had recorded nothing.
            assertThat(scheduler.snapshot().tasks().keySet()).containsExactly("kept");

            await("every unregistered task collected")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        System.gc();
                        return removed.stream().allMatch(ref -> ref.get() == null);
                    });

            int before = keptRuns.get();
            clock.advance(Duration.ofMinutes(1));
            await("the task that stayed fires").atMost(Duration.ofSeconds(10)).until(() -> keptRuns.get() > before);
        }
    }
}
