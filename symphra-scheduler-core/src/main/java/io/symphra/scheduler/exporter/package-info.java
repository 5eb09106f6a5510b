/**
 * The exporter runtime: discovers {@link io.symphra.metrics.spi.MetricsExporter}s, configures them when the
 * scheduler is built, starts them, pushes to each on its own thread at its interval, and gives each a last
 * snapshot on shutdown.
 */
package io.symphra.scheduler.exporter;
