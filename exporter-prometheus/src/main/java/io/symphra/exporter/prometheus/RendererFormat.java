package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;

/** A {@link MetricsFormat} written by the {@link PrometheusRenderer} in one {@link ExpositionFormat}. */
abstract class RendererFormat implements MetricsFormat {

    private final ExpositionFormat format;
    private final PrometheusRenderer renderer;

    RendererFormat(PrometheusRenderer renderer) {
        this.format = renderer.format();
        this.renderer = renderer;
    }

    @Override
    public final String name() {
        return format.formatName();
    }

    @Override
    public final String contentType() {
        return renderer.contentType();
    }

    @Override
    public final void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        renderer.write(snapshot, out);
    }
}
