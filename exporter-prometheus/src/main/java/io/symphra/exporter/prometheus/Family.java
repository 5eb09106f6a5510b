package io.symphra.exporter.prometheus;

import java.nio.charset.StandardCharsets;

/**
 * Every metric family the exporter writes, in the order it writes them, with its metadata in both formats.
 *
 * <p>The sample names are the same in both formats. The metadata differ by the OpenMetrics rules: a counter
 * whose name ends in {@code _total} is the family without that suffix; a legacy counter whose name does not end
 * in {@code _total} (kept from the Python original) is declared a gauge there, because an OpenMetrics counter's
 * sample must end in {@code _total} and promtool cannot read the {@code unknown} type; a family whose name ends
 * in {@code _seconds} gets a {@code # UNIT ... seconds} line.
 */
enum Family {
    UPTIME(
            "symphra_scheduler_uptime_seconds",
            Type.GAUGE,
            "Seconds since the scheduler's metrics started or were last reset."),
    START_TIME(
            "symphra_scheduler_start_time_seconds",
            Type.GAUGE,
            "When the scheduler's metrics started or were last reset, in seconds since the Unix epoch."),
    EXECUTIONS("symphra_scheduler_executions_total", Type.COUNTER, "Task executions that ended, successful or failed."),
    EXECUTIONS_SUCCESS(
            "symphra_scheduler_executions_success", Type.COUNTER, "Task executions that completed successfully."),
    EXECUTIONS_FAILED(
            "symphra_scheduler_executions_failed", Type.COUNTER, "Task executions that failed, timeouts included."),
    DURATION_TOTAL("symphra_scheduler_duration_seconds_total", Type.COUNTER, "Time spent executing tasks, in seconds."),
    DURATION_AVERAGE(
            "symphra_scheduler_duration_seconds_average",
            Type.GAUGE,
            "Mean execution time of all tasks, in seconds; 0 before the first execution."),
    // A gauge in OpenMetrics too, not its info type, which promtool cannot read (as with the unknown type).
    INFO("symphra_scheduler_info", Type.GAUGE, "The scheduler's build: its version, always 1."),
    WORKERS_BUSY("symphra_scheduler_workers_busy", Type.GAUGE, "Worker threads executing a task's action now."),
    FIRES_WAITING(
            "symphra_scheduler_fires_waiting",
            Type.GAUGE,
            "Fires that are due but not started: no worker was free to take them, or the worker executor has not"
                    + " begun them."),

    TASK_EXECUTIONS(
            "symphra_scheduler_task_executions",
            Type.COUNTER,
            "Executions of the task that ended, successful or failed."),
    TASK_DURATION(
            "symphra_scheduler_task_duration_seconds",
            Type.GAUGE,
            "Mean (stat=avg), shortest (stat=min) and longest (stat=max) execution time of the task, in seconds."),
    TASK_SUCCESSES(
            "symphra_scheduler_task_successes_total",
            Type.COUNTER,
            "Executions of the task that completed successfully."),
    TASK_FAILURES(
            "symphra_scheduler_task_failures_total",
            Type.COUNTER,
            "Executions of the task that failed, timeouts included."),
    TASK_TIMEOUTS(
            "symphra_scheduler_task_timeouts_total",
            Type.COUNTER,
            "Executions of the task cancelled for exceeding their timeout."),
    TASK_SKIPPED(
            "symphra_scheduler_task_skipped_total",
            Type.COUNTER,
            "Fires of the task not run because its maximum of concurrent runs was reached."),
    TASK_RETRIES(
            "symphra_scheduler_task_retries_total", Type.COUNTER, "Failed attempts of the task that were retried."),
    TASK_EXECUTION_DURATION(
            "symphra_scheduler_task_execution_duration_seconds",
            Type.HISTOGRAM,
            "Execution time of the task, in seconds."),
    TASK_LATENESS(
            "symphra_scheduler_task_lateness_seconds",
            Type.SUMMARY,
            "How late the task's runs started against their planned fire times, in seconds."),
    TASK_LATENESS_MAX(
            "symphra_scheduler_task_lateness_max_seconds",
            Type.GAUGE,
            "The latest start of the task against its planned fire time, in seconds."),
    TASK_LATENESS_LAST(
            "symphra_scheduler_task_lateness_last_seconds",
            Type.GAUGE,
            "How late the task's most recent run started, in seconds."),
    TASK_RUNNING("symphra_scheduler_task_running", Type.GAUGE, "Runs of the task in progress."),
    TASK_LAST_SUCCESS(
            "symphra_scheduler_task_last_success_timestamp_seconds",
            Type.GAUGE,
            "When the task's last successful run ended, in seconds since the Unix epoch."),
    TASK_LAST_FAILURE(
            "symphra_scheduler_task_last_failure_timestamp_seconds",
            Type.GAUGE,
            "When the task's last failed run ended, in seconds since the Unix epoch."),
    TASK_NEXT_FIRE(
            "symphra_scheduler_task_next_fire_timestamp_seconds",
            Type.GAUGE,
            "When the task fires next, in seconds since the Unix epoch; absent when no fire is planned."),
    TASK_MISSED(
            "symphra_scheduler_task_missed_fires_total",
            Type.COUNTER,
            "Planned fires of the task never run because the scheduler does not catch up after a stall."),
    TASK_OLDEST_RUN_AGE(
            "symphra_scheduler_task_oldest_run_age_seconds",
            Type.GAUGE,
            "How long the task's oldest run in progress has been going, in seconds; 0 when none runs."),
    TASK_CLAIMED(
            "symphra_scheduler_task_claimed_total", Type.COUNTER, "Fires of the task this instance claimed and ran."),
    TASK_RAN_ELSEWHERE(
            "symphra_scheduler_task_ran_elsewhere_total",
            Type.COUNTER,
            "Fires of the task another instance had claimed, so not run here."),
    TASK_ABANDONED(
            "symphra_scheduler_task_abandoned_total",
            Type.COUNTER,
            "Fires of the task whose owner died, reported by this instance."),
    TASK_CLAIM_ERRORS(
            "symphra_scheduler_task_claim_errors_total",
            Type.COUNTER,
            "Fires of the task the coordinator could not decide, by what became of them (fire=skipped|ran_here)."),
    TASK_CLAIM_DURATION(
            "symphra_scheduler_task_claim_duration_seconds",
            Type.SUMMARY,
            "Time the coordinator took to decide each fire of the task, in seconds."),
    TASK_CLAIM_DURATION_MAX(
            "symphra_scheduler_task_claim_duration_max_seconds",
            Type.GAUGE,
            "The longest time the coordinator took to decide a fire of the task, in seconds."),

    EXPORTER_EXPORTS(
            "symphra_scheduler_exporter_exports_total", Type.COUNTER, "Pushes of the exporter that completed."),
    EXPORTER_FAILURES(
            "symphra_scheduler_exporter_failures_total",
            Type.COUNTER,
            "Pushes of the exporter that failed or timed out."),
    EXPORTER_SKIPPED(
            "symphra_scheduler_exporter_skipped_total",
            Type.COUNTER,
            "Pushes of the exporter skipped because the previous one was still running."),
    EXPORTER_LAST_SUCCESS(
            "symphra_scheduler_exporter_last_success_timestamp_seconds",
            Type.GAUGE,
            "When the exporter's last push completed, in seconds since the Unix epoch."),
    EXPORTER_LAST_FAILURE(
            "symphra_scheduler_exporter_last_failure_timestamp_seconds",
            Type.GAUGE,
            "When the exporter's last push failed, in seconds since the Unix epoch.");

    enum Type {
        COUNTER,
        GAUGE,
        HISTOGRAM,
        SUMMARY;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String sampleName;
    private final Type type;
    private final String help;
    private final byte[] name;
    private final byte[] bucket;
    private final byte[] sum;
    private final byte[] count;
    private final byte[] textHeader;
    private final byte[] openMetricsHeader;
    /**
     * The two headers above with the type {@code summary}, for a histogram written without its buckets
     * ({@link DurationSeries#SUMMARY}); the same arrays as above for a family of any other type.
     */
    private final byte[] textSummaryHeader;

    private final byte[] openMetricsSummaryHeader;

    Family(String sampleName, Type type, String help) {
        this.sampleName = sampleName;
        this.type = type;
        this.help = help;
        this.name = ascii(sampleName);
        this.bucket = ascii(sampleName + "_bucket");
        this.sum = ascii(sampleName + "_sum");
        this.count = ascii(sampleName + "_count");
        this.textHeader = textHeader(type);
        this.openMetricsHeader = openMetricsHeader(openMetricsType());
        this.textSummaryHeader = type == Type.HISTOGRAM ? textHeader(Type.SUMMARY) : textHeader;
        this.openMetricsSummaryHeader = type == Type.HISTOGRAM ? openMetricsHeader(Type.SUMMARY) : openMetricsHeader;
    }

    private byte[] textHeader(Type declared) {
        return header(
                "# HELP " + sampleName + " ",
                Escaping.TEXT_HELP,
                "# TYPE " + sampleName + " " + declared.text() + "\n");
    }

    private byte[] openMetricsHeader(Type declared) {
        String omName = openMetricsName();
        String unit = omName.endsWith("_seconds") ? "# UNIT " + omName + " seconds\n" : "";
        return header(
                "# TYPE " + omName + " " + declared.text() + "\n" + unit + "# HELP " + omName + " ",
                Escaping.OPENMETRICS_HELP,
                "");
    }

    /** The name of the samples in both formats (without {@code _bucket}, {@code _sum}, {@code _count}). */
    String sampleName() {
        return sampleName;
    }

    /** The type in the Prometheus text format. */
    Type type() {
        return type;
    }

    /** The family name in OpenMetrics: a counter's name without {@code _total}. */
    String openMetricsName() {
        return type == Type.COUNTER && sampleName.endsWith("_total")
                ? sampleName.substring(0, sampleName.length() - "_total".length())
                : sampleName;
    }

    /** The type in OpenMetrics: a legacy counter without {@code _total} is a gauge there. */
    Type openMetricsType() {
        return type == Type.COUNTER && !sampleName.endsWith("_total") ? Type.GAUGE : type;
    }

    String help() {
        return help;
    }

    /** Whether the Python original wrote this family ({@link FamilySelection#SEED}). */
    boolean seed() {
        return switch (this) {
            case UPTIME,
                    EXECUTIONS,
                    EXECUTIONS_SUCCESS,
                    EXECUTIONS_FAILED,
                    DURATION_TOTAL,
                    DURATION_AVERAGE,
                    TASK_EXECUTIONS,
                    TASK_DURATION -> true;
            default -> false;
        };
    }

    byte[] header(ExpositionFormat format) {
        return format == ExpositionFormat.OPENMETRICS ? openMetricsHeader : textHeader;
    }

    /** The metadata declaring a histogram family a summary without quantiles (its {@code _sum} and {@code _count}). */
    byte[] summaryHeader(ExpositionFormat format) {
        return format == ExpositionFormat.OPENMETRICS ? openMetricsSummaryHeader : textSummaryHeader;
    }

    byte[] sample() {
        return name;
    }

    byte[] bucket() {
        return bucket;
    }

    byte[] sum() {
        return sum;
    }

    byte[] count() {
        return count;
    }

    private byte[] header(String before, Escaping helpEscaping, String after) {
        byte[] head = ascii(before);
        byte[] text = helpEscaping.encode(help);
        byte[] tail = ascii("\n" + after);
        byte[] all = new byte[head.length + text.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(text, 0, all, head.length, text.length);
        System.arraycopy(tail, 0, all, head.length + text.length, tail.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
