/**
 * The metrics collector: lock-free per-task counters fed by the scheduler's
 * {@link io.symphra.scheduler.TaskListener} events, read into immutable
 * {@link io.symphra.metrics.snapshot.MetricsSnapshot}s. Start at {@link io.symphra.scheduler.metrics.MetricsCollector}.
 */
package io.symphra.scheduler.metrics;
