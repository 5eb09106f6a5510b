package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@code openmetrics} {@link MetricsFormat}: OpenMetrics 1.0.0 text ending in {@code # EOF}, content type
 * {@code application/openmetrics-text; version=1.0.0; charset=utf-8}. Found by {@link java.util.ServiceLoader}.
 */
public final class OpenMetricsTextFormat implements MetricsFormat {

    private final PrometheusRenderer renderer = PrometheusRenderer.of(ExpositionFormat.OPENMETRICS);

    @Override
    public String name() {
        return ExpositionFormat.OPENMETRICS.formatName();
    }

    @Override
    public String contentType() {
        return renderer.contentType();
    }

    @Override
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        renderer.write(snapshot, out);
    }
}
