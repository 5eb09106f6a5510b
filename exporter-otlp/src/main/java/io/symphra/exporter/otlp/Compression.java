package io.symphra.exporter.otlp;

import java.util.Locale;

/** Request body compression, by the names the OTLP specification uses. */
enum Compression {
    GZIP,
    NONE;

    /** The name the SDK exporter builders accept. */
    String sdkName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
