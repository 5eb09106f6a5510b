/**
 * InfluxDB line protocol for Symphra's metrics: the {@code influx} text format
 * ({@link io.symphra.exporter.influx.InfluxLineProtocolFormat}) and the {@code influx} push exporter
 * ({@link io.symphra.exporter.influx.InfluxExporter}) for InfluxDB 2, InfluxDB 1.x and VictoriaMetrics, both
 * found by {@link java.util.ServiceLoader}; {@link io.symphra.exporter.influx.InfluxExporter#builder()} configures the
 * exporter in code. See {@code docs/influx.md} for the measurements, fields and settings.
 */
package io.symphra.exporter.influx;
