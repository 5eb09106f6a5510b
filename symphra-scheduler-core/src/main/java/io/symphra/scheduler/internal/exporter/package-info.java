/**
 * The exporter runtime: discovers {@link io.symphra.metrics.spi.MetricsExporter}s, configures them when the
 * scheduler is built, starts them, pushes to each on its own thread at its interval, and gives each a last
 * snapshot on shutdown. Not API: {@code Scheduler} uses it, and it may change without notice.
 */
package io.symphra.scheduler.internal.exporter;
