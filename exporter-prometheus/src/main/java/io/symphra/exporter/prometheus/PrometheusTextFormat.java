package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@code prometheus} {@link MetricsFormat}: Prometheus text format 0.0.4, content type
 * {@code text/plain; version=0.0.4; charset=utf-8}. Found by {@link java.util.ServiceLoader}.
 */
public final class PrometheusTextFormat implements MetricsFormat {

    private final PrometheusRenderer renderer = PrometheusRenderer.of(ExpositionFormat.PROMETHEUS_TEXT);

    @Override
    public String name() {
        return ExpositionFormat.PROMETHEUS_TEXT.formatName();
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
