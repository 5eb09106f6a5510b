package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StatsdExporterBuilder} through the real scheduler: what it sets wins over system properties, and a bad
 * value fails the build as the same key would, with {@code (from code)} as its origin.
 */
class StatsdExporterBuilderTest {

    @Test
    void valuesSetInCodeWinOverSystemProperties() throws Exception {
        try (UdpReceiver receiver = new UdpReceiver()) {
            // Port 9 (discard) would receive nothing here; a property prefix would show in every line.
            Map<String, String> properties = Map.of(
                    "symphra.exporter.statsd.port", "9",
                    "symphra.exporter.statsd.prefix", "from.property",
                    "symphra.exporter.statsd.flavor", "etsy");
            StatsdExporter exporter = StatsdExporter.builder()
                    .port(receiver.port())
                    .prefix("from.code")
                    .flavor(Flavor.TELEGRAF)
                    .interval(Duration.ofHours(1))
                    .build();
            OneShotRuns.runAndClose(exporter, properties, 1);
            await("the final push")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.packets().isEmpty());

            List<String> lines =
                    receiver.lines().stream().filter(l -> !l.isEmpty()).toList();
            assertThat(lines).allMatch(l -> l.startsWith("from.code."), "every line under the prefix set in code");
            assertThat(lines)
                    .as("the flavor set in code: the task is a tag")
                    .anyMatch(l -> l.startsWith("from.code.task.executions,task=once-0") && l.endsWith(":1|c"));
        }
    }

    @Test
    void aBadValueSetInCodeFailsTheBuildNamingTheKeyAndCode() {
        StatsdExporter exporter = StatsdExporter.builder().maxPacketSize(100).build();

        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(exporter).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.statsd.max-packet-size = '100' (from code): expected an integer from 512"
                        + " to 65507");
    }

    @Test
    void aNullIsRefusedAtOnceNamingTheKey() {
        assertThatThrownBy(() -> StatsdExporter.builder().host(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must not be null");
        assertThatThrownBy(() -> StatsdExporter.builder().flavor(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flavor must not be null");
    }
}
