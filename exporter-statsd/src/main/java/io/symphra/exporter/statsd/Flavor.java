package io.symphra.exporter.statsd;

/**
 * The StatsD dialect the exporter writes, chosen with {@code symphra.exporter.statsd.flavor}.
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
    TELEGRAF
}
