package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A format that fails halfway through its output, registered for the tests only. */
public final class TestBrokenFormat implements MetricsFormat {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String contentType() {
        return "text/x-broken; charset=utf-8";
    }

    @Override
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        out.write("first half\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new IllegalStateException("broken halfway");
    }
}
