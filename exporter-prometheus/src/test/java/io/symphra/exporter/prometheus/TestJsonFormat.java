package io.symphra.exporter.prometheus;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stand-in for exporter-json's format, registered for the tests only, to prove other formats are served. */
public final class TestJsonFormat implements MetricsFormat {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        out.write(("{\"tasks\":" + snapshot.tasks().size() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
