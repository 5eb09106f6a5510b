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
    NEXT_FIRE_TIME(
            "symphra.scheduler.task.next_fire_time",
            "s",
            "When the task fires next, in seconds since the Unix epoch; no point when no fire is planned.",
            MetricDataType.DOUBLE_GAUGE),
    MISSED_FIRES(
            "symphra.scheduler.task.missed_fires",
            "{fire}",
            "Planned fires of the task never run because the scheduler does not catch up after a stall.",
            MetricDataType.LONG_SUM),
    OLDEST_RUN_AGE(
            "symphra.scheduler.task.oldest_run_age",
            "s",
            "How long the task's oldest run in progress has been going; 0 when none runs.",
            MetricDataType.DOUBLE_GAUGE),
    CLAIMED(
            "symphra.scheduler.task.claimed",
            "{fire}",
            "Fires of the task this instance claimed and ran.",
            MetricDataType.LONG_SUM),
    RAN_ELSEWHERE(
            "symphra.scheduler.task.ran_elsewhere",
            "{fire}",
            "Fires of the task another instance had claimed, so not run here.",
            MetricDataType.LONG_SUM),
    ABANDONED(
            "symphra.scheduler.task.abandoned",
            "{fire}",
            "Fires of the task whose owner died, reported by this instance.",
            MetricDataType.LONG_SUM),
    CLAIM_ERRORS(
            "symphra.scheduler.task.claim_errors",
            "{fire}",
            "Fires of the task the coordinator could not decide, by attribute fire: skipped or ran_here.",
            MetricDataType.LONG_SUM),
    CLAIM_DURATION(
            "symphra.scheduler.task.claim.duration",
            "s",
            "Time the coordinator took to decide each fire of the task: count, sum and (cumulative) max.",
            MetricDataType.HISTOGRAM),
    WORKERS_BUSY(
            "symphra.scheduler.workers.busy",
            "{thread}",
            "Worker threads executing a task's action now.",
            MetricDataType.LONG_GAUGE),
    FIRES_WAITING(
            "symphra.scheduler.fires.waiting",
            "{fire}",
            "Fires that are due but not started.",
            MetricDataType.LONG_GAUGE),
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
