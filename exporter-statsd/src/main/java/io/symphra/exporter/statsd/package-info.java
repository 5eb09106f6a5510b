/**
 * The StatsD exporter: pushes scheduler metrics to a StatsD daemon over UDP, in the Etsy or the Telegraf flavor.
 * {@link io.symphra.exporter.statsd.StatsdExporter} is the only public class; adding this jar to the class path and
 * setting {@code symphra.exporter.statsd.enabled=true} is all it takes.
 */
package io.symphra.exporter.statsd;
