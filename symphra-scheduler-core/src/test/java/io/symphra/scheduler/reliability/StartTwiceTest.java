package io.symphra.scheduler.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.CountingExporter;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A second {@code start()} is refused and changes nothing: exporters, pushes and tasks go on as before. */
class StartTwiceTest {

    @Test
    void aSecondStartThrowsAndLeavesTheExportersAndTasksRunning() {
        CountingExporter exporter = CountingExporter.healthy("counting", Duration.ofMillis(100));
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler scheduler =
                IsolatedScheduler.builder().exporter(exporter).build()) {
            scheduler.schedule("job", Triggers.every(Duration.ofMillis(20)), runs::incrementAndGet);
            scheduler.start();
            assertThat(exporter.starts()).isEqualTo(1);

            assertThatThrownBy(scheduler::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");

            assertThat(exporter.starts()).isEqualTo(1);
            assertThat(exporter.closes()).isZero();
            assertThat(scheduler.isRunning()).isTrue();
            int callsThen = exporter.calls();
            int runsThen = runs.get();
            await("pushes and runs after the refused start")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> exporter.calls() >= callsThen + 2 && runs.get() >= runsThen + 2);
            assertThat(exporter.closes()).isZero();
        }
        assertThat(exporter.closes()).isEqualTo(1);
    }
}
