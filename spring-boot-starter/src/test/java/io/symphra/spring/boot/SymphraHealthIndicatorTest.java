package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.CountingExporter;
import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class SymphraHealthIndicatorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @Test
    void downWhenTheSchedulerIsNotRunning() {
        try (Scheduler scheduler = Scheduler.builder().discoverExporters(false).build()) {
            SymphraHealthIndicator health = new SymphraHealthIndicator(scheduler, Duration.ofMinutes(5));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

            scheduler.start();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            scheduler.close();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void downWhenAnExporterHasFailedLongerThanTheTimeout() {
        try (Scheduler scheduler = Scheduler.builder()
                .clock(clock)
                .enableMetrics(true)
                .discoverExporters(false)
                .exporter(new CountingExporter(
                        "failing",
                        Duration.ofMillis(100),
                        call -> new IllegalStateException("expected by the test: the backend is down")))
                .build()) {
            scheduler.start();
            SymphraHealthIndicator health = new SymphraHealthIndicator(scheduler, Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scheduler.snapshot().exporters().get(0).failures() > 0);
            assertThat(health.health().getStatus())
                    .as("failing, but not for long")
                    .isEqualTo(Status.UP);

            clock.advance(Duration.ofMinutes(6));

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsKey("exporter.failing");
        }
    }
}
