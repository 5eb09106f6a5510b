package io.symphra.exporter.prometheus;

/**
 * The {@code prometheus} {@link io.symphra.metrics.spi.MetricsFormat}: Prometheus text format 0.0.4, content type
 * {@code text/plain; version=0.0.4; charset=utf-8}. Found by {@link java.util.ServiceLoader}.
 */
public final class PrometheusTextFormat extends RendererFormat {

    /** The format as {@link java.util.ServiceLoader} creates it. */
    public PrometheusTextFormat() {
        this(FamilySelection.BOTH);
    }

    /** The format writing only the selected families, as the endpoint's {@code families} key asks. */
    PrometheusTextFormat(FamilySelection families) {
        super(ExpositionFormat.PROMETHEUS_TEXT, families);
    }
}
