package io.symphra.exporter.otlp;

/**
 * How sums and histograms relate to earlier pushes; chosen with {@code symphra.exporter.otlp.temporality} or
 * {@link OtlpExporterBuilder#temporality}.
 */
public enum Temporality {
    /** Every point counts from the snapshot's start time (the last reset). */
    CUMULATIVE,
    /** Every point counts from the previous delivered push, or from the reset if one came since. */
    DELTA
}
