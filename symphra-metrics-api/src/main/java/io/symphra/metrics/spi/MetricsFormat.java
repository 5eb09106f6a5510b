package io.symphra.metrics.spi;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A text rendering of a snapshot, such as Prometheus text, OpenMetrics, JSON or Influx line protocol.
 *
 * <p>Implementations are stateless and thread-safe, have a public no-argument constructor, and are listed in
 * {@code META-INF/services/io.symphra.metrics.spi.MetricsFormat}. Names are lower case and unique; the scheduler's
 * {@code exportMetrics(name)} and HTTP endpoints look formats up by name.
 */
public interface MetricsFormat {

    /** The format's unique, lower-case name, such as {@code prometheus} or {@code json}. */
    String name();

    /** The HTTP content type of the rendering, with its charset, such as {@code application/json}. */
    String contentType();

    /**
     * Writes the snapshot to {@code out} as UTF-8 text. Does not close the stream. Must accept every task name,
     * escaping or sanitizing it by the format's rules.
     */
    void write(MetricsSnapshot snapshot, OutputStream out) throws IOException;

    /** The rendering as a string. */
    default String render(MetricsSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every format on the class path of the given loader. */
    static List<MetricsFormat> available(ClassLoader loader) {
        List<MetricsFormat> formats = new ArrayList<>();
        ServiceLoader.load(MetricsFormat.class, loader).forEach(formats::add);
        return formats;
    }

    /** The format of that name on the class path of the given loader, if one is there. */
    static Optional<MetricsFormat> find(String name, ClassLoader loader) {
        for (MetricsFormat format : ServiceLoader.load(MetricsFormat.class, loader)) {
            if (format.name().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
