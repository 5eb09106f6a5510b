package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four shared HTTP push keys, as a builder records them and an exporter's configuration reads them back. */
class HttpPushExporterBuilderTest {

    /** The smallest concrete builder, exposing what it recorded. */
    static final class PushBuilder extends HttpPushExporterBuilder<PushBuilder> {
        Map<String, String> recorded() {
            return settings();
        }
    }

    @Test
    void theFourKeysReadBackAsTheValuesSetInCode() {
        Map<String, String> recorded = new PushBuilder()
                .timeout(Duration.ofMillis(2500))
                .maxAttempts(7)
                .backoff(Duration.ofMillis(250))
                .maxBackoff(Duration.ofMinutes(2))
                .recorded();

        assertThat(recorded)
                .containsOnlyKeys("enabled", "timeout", "max-attempts", "backoff", "max-backoff")
                .containsEntry("enabled", "true");
        ExporterConfig config = ExporterConfig.of("push", recorded);
        assertThat(config.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.integer("max-attempts", 3, 1, 100)).isEqualTo(7);
        assertThat(config.duration("backoff", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.duration("max-backoff", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aNullDurationIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new PushBuilder().maxBackoff(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-backoff must not be null");
    }
}
