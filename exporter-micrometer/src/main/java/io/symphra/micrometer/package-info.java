/**
 * The Micrometer binding: publishes the scheduler's metrics snapshots into any Micrometer
 * {@link io.micrometer.core.instrument.MeterRegistry} as function-based meters, so that every registry (Prometheus,
 * Datadog, CloudWatch, OTLP, StatsD, ...) gets them. Two ways in: {@link io.symphra.micrometer.SchedulerMeterBinder}
 * over any snapshot supplier ({@code scheduler::snapshot}), and {@link io.symphra.micrometer.MicrometerExporter}, found
 * by {@link java.util.ServiceLoader} and configured with {@code symphra.exporter.micrometer.*}. Those two, the
 * exporter's builder and {@link io.symphra.micrometer.MeterNames} are the only public classes.
 */
package io.symphra.micrometer;
