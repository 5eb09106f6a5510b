/**
 * The StatsD exporter: pushes scheduler metrics to a StatsD daemon over UDP, in the Etsy or the Telegraf flavor.
 * Adding this jar to the class path and setting {@code symphra.exporter.statsd.enabled=true} is all it takes; in
 * code, {@link io.symphra.exporter.statsd.StatsdExporter#builder()} configures it without string keys. The exporter,
 * its builder and {@link io.symphra.exporter.statsd.Flavor} are the only public classes.
 */
package io.symphra.exporter.statsd;
