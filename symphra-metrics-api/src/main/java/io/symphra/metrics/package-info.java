/**
 * The contract between the Symphra scheduler and its metrics backends.
 *
 * <p>{@link io.symphra.metrics.snapshot} holds the immutable snapshot model, {@link io.symphra.metrics.spi}
 * the service interfaces that exporters and formats implement, and {@link io.symphra.metrics.config} the
 * typed configuration view each exporter reads. This module depends on nothing but the JDK, so a custom
 * exporter can be written against it alone.
 */
package io.symphra.metrics;
