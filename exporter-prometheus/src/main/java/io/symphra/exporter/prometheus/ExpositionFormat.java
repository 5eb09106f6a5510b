package io.symphra.exporter.prometheus;

/**
 * The two text expositions this module writes. Both carry the same samples under the same sample names; they
 * differ in the metadata lines (OpenMetrics names a counter family without its {@code _total} suffix, adds
 * {@code # UNIT} lines and ends with {@code # EOF}) and in their content type.
 */
public enum ExpositionFormat {

    /** The Prometheus text format 0.0.4, as every Prometheus server since 2.0 reads it. */
    PROMETHEUS_TEXT("prometheus", "text/plain; version=0.0.4; charset=utf-8"),

    /** OpenMetrics 1.0.0 text, which Prometheus asks for first when it scrapes. */
    OPENMETRICS("openmetrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String formatName;
    private final String contentType;

    ExpositionFormat(String formatName, String contentType) {
        this.formatName = formatName;
        this.contentType = contentType;
    }

    /** The name of the matching {@link io.symphra.metrics.spi.MetricsFormat}: {@code prometheus} or {@code openmetrics}. */
    public String formatName() {
        return formatName;
    }

    /** The HTTP {@code Content-Type} of the exposition, with its version and charset. */
    public String contentType() {
        return contentType;
    }
}
