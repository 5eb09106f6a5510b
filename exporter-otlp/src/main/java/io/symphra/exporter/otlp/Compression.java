package io.symphra.exporter.otlp;

import java.util.Locale;

/**
 * Request body compression, by the names the OTLP specification uses; chosen with
 * {@code symphra.exporter.otlp.compression} or {@link OtlpExporterBuilder#compression}.
 */
public enum Compression {
    /** Bodies are gzipped ({@code Content-Encoding: gzip}). */
    GZIP,
    /** Bodies are sent as they are: the default. */
    NONE;

    /** The name the SDK exporter builders accept. */
    String sdkName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
