package io.symphra.scheduler.internal.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.CountingExporter;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An {@code Error} from {@code export()} is a failed push like an exception: counted, and the pushes go on. */
class ExporterErrorTest {

    @Test
    void anAssertionErrorAndAStackOverflowAreCountedAsFailedPushesAndPushingGoesOn() {
        CountingExporter exporter = new CountingExporter("erring", Duration.ofMillis(100), call -> switch (call) {
            case 1 -> new AssertionError("an exporter's own assert");
            case 2 -> new StackOverflowError();
            case 3 -> new AssertionError("again");
            default -> null;
        });
        try (Scheduler scheduler =
                IsolatedScheduler.builder().exporter(exporter).build()) {
            scheduler.start();
            await("three failed pushes, then two good ones")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> stats(scheduler).exports() >= 2);
            ExporterStats stats = stats(scheduler);
            assertThat(stats.failures()).isEqualTo(3);
            assertThat(stats.lastFailure()).isNotNull();
            assertThat(stats.lastSuccess()).isAfterOrEqualTo(stats.lastFailure());
            assertThat(exporter.calls()).isGreaterThanOrEqualTo(5);
        }
    }

    private static ExporterStats stats(Scheduler scheduler) {
        return scheduler.snapshot().exporters().stream()
                .filter(e -> e.name().equals("erring"))
                .findFirst()
                .orElseThrow();
    }
}
