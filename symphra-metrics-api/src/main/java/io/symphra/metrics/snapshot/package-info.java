/**
 * Immutable values that describe the scheduler's metrics at one instant.
 *
 * <p>A {@link io.symphra.metrics.snapshot.MetricsSnapshot} is built by the scheduler and handed to exporters;
 * it never changes after it is built and may be shared between threads freely. Counters are cumulative since
 * {@link io.symphra.metrics.snapshot.MetricsSnapshot#startTime()}; a new start time means the metrics were
 * reset, never that counters went down.
 */
package io.symphra.metrics.snapshot;
