package io.symphra.exporter.prometheus;

/**
 * The {@code prometheus} {@link io.symphra.metrics.spi.MetricsFormat}: Prometheus text format 0.0.4, content type
 * {@code text/plain; version=0.0.4; charset=utf-8}. Found by {@link java.util.ServiceLoader}.
 */
public final class PrometheusTextFormat extends RendererFormat {

    /** The format as {@link java.util.ServiceLoader} creates it. */
    public PrometheusTextFormat() {
        this(FamilySelection.BOTH, DurationSeries.SUMMARY);
    }

    /** The format writing the selected families and durations, as the endpoint's keys ask. */
    PrometheusTextFormat(FamilySelection families, DurationSeries durations) {
        super(PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT, families, durations));
    }
}
