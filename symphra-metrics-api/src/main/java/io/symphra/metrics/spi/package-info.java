/**
 * The service interfaces that metrics backends implement.
 *
 * <p>A {@link io.symphra.metrics.spi.MetricsExporter} delivers snapshots somewhere: it is either pulled (it serves
 * snapshots on request, like a Prometheus scrape endpoint) or pushed to by the scheduler at a configured interval.
 * A {@link io.symphra.metrics.spi.MetricsFormat} renders a snapshot as text. Both are found with
 * {@link java.util.ServiceLoader}: list the implementation's class name in
 * {@code META-INF/services/io.symphra.metrics.spi.MetricsExporter} (or {@code ...MetricsFormat}) of your jar, and
 * adding the jar to the classpath is all a user does. Exporters can also be registered in code on the scheduler's
 * builder. An exporter that also implements {@link io.symphra.metrics.spi.RunObserver} hears of every run as it
 * ends, for a backend that builds its own distributions.
 */
package io.symphra.metrics.spi;
