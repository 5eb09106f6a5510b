package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.config.ExporterConfig;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code durations} choice reaches the endpoint from the key and from the builder; a summary by default. */
class DurationSeriesTest {

    @Test
    void theEndpointReadsTheKeyWithSummaryAsItsDefault() {
        assertThat(EndpointSettings.from(ExporterConfig.of("prometheus", Map.of()))
                        .durations())
                .isEqualTo(DurationSeries.SUMMARY);
        for (DurationSeries choice : DurationSeries.values()) {
            String value = choice.name().toLowerCase(Locale.ROOT);
            assertThat(EndpointSettings.from(ExporterConfig.of("prometheus", Map.of("durations", value)))
                            .durations())
                    .isEqualTo(choice);
        }
    }

    @Test
    void theBuilderSetsTheKey() {
        PrometheusExporter exporter =
                PrometheusExporter.builder().durations(DurationSeries.HISTOGRAM).build();
        assertThat(exporter.settingsInCode()).containsEntry("durations", "histogram");
        assertThat(EndpointSettings.from(ExporterConfig.of("prometheus", exporter.settingsInCode()))
                        .durations())
                .isEqualTo(DurationSeries.HISTOGRAM);
    }

    @Test
    void theRendererSaysWhatItWrites() {
        assertThat(PrometheusRenderer.of(ExpositionFormat.OPENMETRICS).durations())
                .isEqualTo(DurationSeries.SUMMARY);
        PrometheusRenderer histograms = PrometheusRenderer.of(
                ExpositionFormat.PROMETHEUS_TEXT, FamilySelection.IDIOMATIC, DurationSeries.HISTOGRAM);
        assertThat(histograms.durations()).isEqualTo(DurationSeries.HISTOGRAM);
        assertThat(histograms.families()).isEqualTo(FamilySelection.IDIOMATIC);
        assertThat(histograms).hasToString("PrometheusRenderer[prometheus, families=idiomatic, durations=histogram]");
    }
}
