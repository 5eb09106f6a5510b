package io.symphra.scheduler.internal.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.CountingExporter;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Push intervals have a floor of 100 ms, so that a typo such as {@code 1ns} cannot keep the push threads busy; the
 * test-only key {@code symphra.exporter.minimum-interval} lowers it for tests that need fast pushes.
 */
class MinimumIntervalTest {

    private static Scheduler.Builder builder() {
        return IsolatedScheduler.builder().exporter(CountingExporter.healthy("probe", Duration.ofSeconds(10)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ns", "1us", "99ms", "PT0.099999999S"})
    void anIntervalBelowTheMinimumFailsTheBuildNamingKeyValueAndMinimum(String value) {
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.probe.interval", value)
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.probe.interval = '" + value + "' (from builder)")
                .hasMessageContaining("at least 100ms");
    }

    @Test
    void theMinimumItselfIsAccepted() {
        try (Scheduler scheduler = builder()
                .exporterProperty("symphra.exporter.probe.interval", "100ms")
                .build()) {
            assertThat(scheduler.exporterNames()).containsExactly("probe");
        }
    }

    @Test
    void anExportersDefaultIntervalBelowTheMinimumFailsTheBuildNamingTheExporter() {
        assertThatThrownBy(() -> IsolatedScheduler.builder()
                        .exporter(CountingExporter.healthy("hasty", Duration.ofNanos(1)))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hasty'")
                .hasMessageContaining("PT0.000000001S")
                .hasMessageContaining("at least 100ms")
                .hasMessageContaining("symphra.exporter.hasty.interval");
    }

    @Test
    void theTestOnlyKeyLowersTheMinimumFromASystemProperty() {
        Properties props = new Properties();
        props.setProperty("symphra.exporter.minimum-interval", "1ms");
        CountingExporter fast = CountingExporter.healthy("fast", Duration.ofMillis(2));
        try (Scheduler scheduler = IsolatedScheduler.builder()
                .systemProperties(props)
                .exporter(fast)
                .build()) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> fast.calls() >= 20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"101ms", "1s", "0ms", "soon", "١ms"})
    void theTestOnlyKeyCanOnlyLowerTheMinimum(String value) {
        assertThatThrownBy(() -> builder()
                        .exporterProperty("symphra.exporter.minimum-interval", value)
                        .build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.minimum-interval = '" + value + "' (from builder)")
                .hasMessageContaining("at most 100ms");
    }
}
