package io.symphra.exporter.prometheus;

/**
 * The {@code openmetrics} {@link io.symphra.metrics.spi.MetricsFormat}: OpenMetrics 1.0.0 text ending in
 * {@code # EOF}, content type {@code application/openmetrics-text; version=1.0.0; charset=utf-8}. Found by
 * {@link java.util.ServiceLoader}.
 */
public final class OpenMetricsTextFormat extends RendererFormat {

    /** The format as {@link java.util.ServiceLoader} creates it. */
    public OpenMetricsTextFormat() {
        this(FamilySelection.BOTH, DurationSeries.SUMMARY);
    }

    /** The format writing the selected families and durations, as the endpoint's keys ask. */
    OpenMetricsTextFormat(FamilySelection families, DurationSeries durations) {
        super(PrometheusRenderer.of(ExpositionFormat.OPENMETRICS, families, durations));
    }
}
