/**
 * The OTLP exporter: pushes scheduler metrics snapshots to an OpenTelemetry Collector or any OTLP metrics
 * receiver, over OTLP/HTTP (protobuf) or OTLP/gRPC, through the OpenTelemetry SDK's OTLP exporters.
 *
 * <p>{@link io.symphra.exporter.otlp.OtlpExporter} is found by {@link java.util.ServiceLoader} under the name
 * {@code otlp}; {@link io.symphra.exporter.otlp.OtlpExporter#builder()} configures it in code, with the enums
 * {@link io.symphra.exporter.otlp.OtlpProtocol}, {@link io.symphra.exporter.otlp.Compression} and
 * {@link io.symphra.exporter.otlp.Temporality}. Everything else in the package is internal: the
 * settings reader, the snapshot-to-{@code MetricData} translation and the transport that bounds each push.
 */
package io.symphra.exporter.otlp;
