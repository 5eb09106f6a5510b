package io.symphra.exporter.statsd;

/**
 * The StatsD dialect the exporter writes, chosen with {@code symphra.exporter.statsd.flavor}. The tagged flavors
 * send the same metric names, with the task and the scheduler's common labels as tags.
 */
public enum Flavor {
    /**
     * The original Etsy protocol: the task name is a path segment ({@code <prefix>.task.<task>.executions}) and
     * common labels are not sent.
     */
    ETSY,
    /**
     * Telegraf's StatsD input: tags follow the name after commas
     * ({@code <prefix>.task.executions,task=<task>,service=billing}), common labels included.
     */
    TELEGRAF,
    /**
     * DogStatsD, the Datadog Agent's StatsD: tags follow the type
     * ({@code <prefix>.task.executions:1|c|#task:<task>,service:billing}), common labels included.
     */
    DATADOG,
    /**
     * Sysdig's StatsD: tags follow the name after a {@code #}
     * ({@code <prefix>.task.executions#task=<task>,service=billing:1|c}), common labels included.
     */
    SYSDIG
}
