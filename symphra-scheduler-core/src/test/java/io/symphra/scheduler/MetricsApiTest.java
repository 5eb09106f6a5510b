package io.symphra.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsApiTest {

    @Test
    void withMetricsOffEveryCallAnswersWithoutException() {
        try (Scheduler scheduler = Scheduler.builder().discoverExporters(false).build()) {
            scheduler.schedule("t", Triggers.every(Duration.ofHours(1)), () -> {});
            assertThat(scheduler.metricsEnabled()).isFalse();
            assertThat(scheduler.metricsCollector()).isEmpty();
            assertThat(scheduler.getMetrics()).isEmpty();
            assertThat(scheduler.snapshot().tasks()).isEmpty();
            scheduler.resetMetrics();
        }
    }

    @Test
    void aMissingFormatNamesTheArtifactToAdd() {
        try (Scheduler scheduler =
                Scheduler.builder().enableMetrics(true).discoverExporters(false).build()) {
            assertThatThrownBy(scheduler::exportPrometheusMetrics)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("io.symphra:symphra-exporter-prometheus");
            assertThatThrownBy(() -> scheduler.exportMetrics("influx"))
                    .hasMessageContaining("io.symphra:symphra-exporter-influx");
            assertThatThrownBy(() -> scheduler.exportMetrics("yaml"))
                    .hasMessageContaining("no metrics format named 'yaml'");
        }
    }
}
