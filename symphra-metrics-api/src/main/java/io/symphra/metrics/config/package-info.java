/**
 * Typed, validated configuration for exporters.
 *
 * <p>Every key has the form {@code symphra.exporter.<name>.<key>}, for example {@code symphra.exporter.statsd.host}.
 * The scheduler resolves keys from, highest first: values given to its builder, Java system properties,
 * environment variables ({@code SYMPHRA_EXPORTER_STATSD_HOST}), then the exporter's own defaults. A value that
 * does not parse fails with an {@link io.symphra.metrics.config.InvalidConfigException} naming the key, the
 * value and where it came from, when the scheduler is built.
 */
package io.symphra.metrics.config;
