package io.symphra.exporter.prometheus;

/**
 * How an exposition writes each task's execution durations, family
 * {@code symphra_scheduler_task_execution_duration_seconds}. The bucket lines are most of a task's series, so the
 * choice decides what a task costs a Prometheus server; the series per task of each are listed in
 * {@code docs/prometheus.md}.
 */
public enum DurationSeries {

    /**
     * A summary without quantiles, {@code _sum} and {@code _count} per task: the mean over any window, and 2 series
     * per task. The default, as Micrometer publishes timers without histogram buckets unless asked.
     */
    SUMMARY,

    /**
     * A histogram: {@code _bucket{le}} for each of the scheduler's bounds and {@code +Inf}, {@code _sum} and
     * {@code _count}, so {@code histogram_quantile} gives percentiles per task; 16 series per task with the default
     * bounds. The OpenMetrics exemplars of traced runs are written on the bucket lines, so they need this choice.
     */
    HISTOGRAM
}
