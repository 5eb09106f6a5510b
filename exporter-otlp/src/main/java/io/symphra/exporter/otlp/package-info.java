/**
 * The OTLP exporter: pushes scheduler metrics snapshots to an OpenTelemetry Collector or any OTLP metrics
 * receiver, over OTLP/HTTP (protobuf) or OTLP/gRPC, through the OpenTelemetry SDK's OTLP exporters.
 *
 * <p>{@link io.symphra.exporter.otlp.OtlpExporter} is the only public type; it is found by
 * {@link java.util.ServiceLoader} under the name {@code otlp}. Everything else in the package is internal: the
 * settings reader, the snapshot-to-{@code MetricData} translation and the transport that bounds each push.
 */
package io.symphra.exporter.otlp;
