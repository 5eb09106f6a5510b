package io.symphra.exporter.statsd;

/**
 * One metric as a flavor names it: every StatsD line is built here, so a metric added later gets the flavor's
 * name and tags without knowing about flavors.
 *
 * @param name   the part before the {@code :}, tags included where the flavor puts them there (Telegraf, Sysdig)
 * @param suffix what follows the type, such as DogStatsD's {@code |#task:nightly,service:billing}; empty for none
 */
record MetricId(String name, String suffix) {

    /** A metric without tags after the type. */
    static MetricId named(String name) {
        return new MetricId(name, "");
    }

    /** The line {@code <name>:<value>|<type><suffix>}. */
    String line(String value, String type) {
        return name + ':' + value + '|' + type + suffix;
    }
}
