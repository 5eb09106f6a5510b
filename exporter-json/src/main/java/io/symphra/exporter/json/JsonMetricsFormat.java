package io.symphra.exporter.json;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The {@code json} format: a snapshot as one JSON document in UTF-8, described by the JSON Schema at
 * {@link #SCHEMA_RESOURCE} in this jar.
 *
 * <p>The document carries the keys of {@code getMetrics()} ({@link MetricsSnapshot#toMap()}), with the same names and
 * units (seconds as numbers), plus {@code schema_version}, {@code timestamp}, {@code start_time}, {@code labels},
 * the extra per-task statistics (timeouts, skipped, retries, running, last success and failure, last outcome, a
 * cumulative duration histogram and start lateness) and the push exporters' health. Keys always come in the same
 * order. What this class promises:
 * <ul>
 *   <li>the output is always valid JSON and valid UTF-8, compact, on one line: control characters in strings
 *       are escaped, so the document never holds a raw line break;</li>
 *   <li>a number that is not finite (NaN, infinity) is written as {@code null}, never as a bare token;</li>
 *   <li>every task name and label comes back unchanged through a JSON parser, except that a lone UTF-16
 *       surrogate (which is not text) is replaced by U+FFFD;</li>
 *   <li>a failure half way never leaves a document that looks complete.</li>
 * </ul>
 * Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the name {@value #NAME}.
 */
public final class JsonMetricsFormat implements MetricsFormat {

    /** The format's name, as {@code exportMetrics("json")} and the HTTP endpoints know it. */
    public static final String NAME = "json";

    /** The HTTP content type of the document. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /**
     * The version of the document's layout, written as {@code schema_version}. It goes up only when a key is
     * removed, renamed or changes its type or unit; new keys may be added within a version.
     */
    public static final int SCHEMA_VERSION = 1;

    /** Where the JSON Schema of the document lies in this jar, for {@link Class#getResourceAsStream}. */
    public static final String SCHEMA_RESOURCE = "/io/symphra/exporter/json/metrics.schema.json";

    private final DocumentWriter writer = DocumentWriter.shared();

    /** The format, as {@link java.util.ServiceLoader} creates it. */
    public JsonMetricsFormat() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void write(MetricsSnapshot snapshot, OutputStream out) throws IOException {
        writer.write(snapshot, out);
    }

    /** The document as UTF-8 bytes, ready for a file, a log line or an HTTP body. */
    public byte[] toBytes(MetricsSnapshot snapshot) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(1024 + 512 * snapshot.tasks().size());
        try {
            writer.write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "JsonMetricsFormat[" + CONTENT_TYPE + ", schema_version " + SCHEMA_VERSION + "]";
    }
}
