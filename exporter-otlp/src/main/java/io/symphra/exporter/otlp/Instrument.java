package io.symphra.exporter.otlp;

import io.opentelemetry.sdk.metrics.data.MetricDataType;

/** Every OTLP metric this exporter produces: its name, unit, description and data type. */
enum Instrument {
    EXECUTIONS(
            "symphra.scheduler.task.executions",
            "{execution}",
            "Runs of the task that ended, in success or failure.",
            MetricDataType.LONG_SUM),
    SUCCESSES(
            "symphra.scheduler.task.successes",
            "{execution}",
            "Runs of the task that completed normally.",
            MetricDataType.LONG_SUM),
    FAILURES(
            "symphra.scheduler.task.failures",
            "{execution}",
            "Runs of the task that failed, timeouts included.",
            MetricDataType.LONG_SUM),
    TIMEOUTS(
            "symphra.scheduler.task.timeouts",
            "{execution}",
            "Runs of the task cancelled for exceeding their timeout.",
            MetricDataType.LONG_SUM),
    SKIPPED(
            "symphra.scheduler.task.skipped",
            "{fire}",
            "Fires of the task not run because its maximum of concurrent runs was reached.",
            MetricDataType.LONG_SUM),
    RETRIES(
            "symphra.scheduler.task.retries",
            "{retry}",
            "Failed attempts of the task that were retried.",
            MetricDataType.LONG_SUM),
    TOTAL_DURATION(
            "symphra.scheduler.task.total_duration",
            "s",
            "Time spent running the task, summed over its executions.",
            MetricDataType.DOUBLE_SUM),
    DURATION(
            "symphra.scheduler.task.duration",
            "s",
            "Distribution of the task's execution durations.",
            MetricDataType.HISTOGRAM),
    RUNNING(
            "symphra.scheduler.task.running",
            "{execution}",
            "Runs of the task in progress.",
            MetricDataType.LONG_GAUGE),
    SUCCESS_RATE(
            "symphra.scheduler.task.success_rate",
            "1",
            "Successes divided by executions since the start time, 0 without executions.",
            MetricDataType.DOUBLE_GAUGE),
    AVERAGE_DURATION(
            "symphra.scheduler.task.average_duration",
            "s",
            "Mean execution duration since the start time.",
            MetricDataType.DOUBLE_GAUGE),
    MIN_DURATION(
            "symphra.scheduler.task.min_duration",
            "s",
            "Shortest execution since the start time.",
            MetricDataType.DOUBLE_GAUGE),
    MAX_DURATION(
            "symphra.scheduler.task.max_duration",
            "s",
            "Longest execution since the start time.",
            MetricDataType.DOUBLE_GAUGE),
    LAST_LATENESS(
            "symphra.scheduler.task.last_lateness",
            "s",
            "How late the task's most recent run started against its planned fire time.",
            MetricDataType.DOUBLE_GAUGE),
    AVERAGE_LATENESS(
            "symphra.scheduler.task.average_lateness",
            "s",
            "Mean start delay of the task's runs since the start time.",
            MetricDataType.DOUBLE_GAUGE),
    MAX_LATENESS(
            "symphra.scheduler.task.max_lateness",
            "s",
            "Largest start delay of the task's runs since the start time.",
            MetricDataType.DOUBLE_GAUGE),
    LAST_SUCCESS_TIME(
            "symphra.scheduler.task.last_success_time",
            "s",
            "When the task's last successful run ended, in seconds since the Unix epoch.",
            MetricDataType.DOUBLE_GAUGE),
    LAST_FAILURE_TIME(
            "symphra.scheduler.task.last_failure_time",
            "s",
            "When the task's last failed run ended, in seconds since the Unix epoch.",
            MetricDataType.DOUBLE_GAUGE),
    UPTIME(
            "symphra.scheduler.uptime",
            "s",
            "Seconds since the metrics started or were last reset.",
            MetricDataType.DOUBLE_GAUGE);

    private final String metricName;
    private final String unit;
    private final String description;
    private final MetricDataType type;

    Instrument(String metricName, String unit, String description, MetricDataType type) {
        this.metricName = metricName;
        this.unit = unit;
        this.description = description;
        this.type = type;
    }

    String metricName() {
        return metricName;
    }

    String unit() {
        return unit;
    }

    String description() {
        return description;
    }

    MetricDataType type() {
        return type;
    }
}
