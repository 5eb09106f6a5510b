package io.symphra.exporter.statsd;

import java.util.Map;
import java.util.SortedMap;

/**
 * Builds the metric name (the part of a StatsD line before the {@code :}) in one flavor. Task keys reach it
 * already sanitized.
 */
interface MetricNaming {

    /** The name of a scheduler-wide metric, such as {@code symphra.scheduler.executions}. */
    String global(String metric);

    /** The name of a per-task metric for an already sanitized task key. */
    String task(String taskKey, String metric);

    /** How task names are sanitized in this flavor. */
    NameSanitizer taskSanitizer();

    /** The name of the build-info gauge, which carries the scheduler's version. */
    String info(String version);

    static MetricNaming of(Flavor flavor, String prefix, SortedMap<String, String> commonLabels) {
        return switch (flavor) {
            case ETSY -> new EtsyNaming(prefix);
            case TELEGRAF -> new TelegrafNaming(prefix, commonLabels);
        };
    }

    /** {@code <prefix>.<metric>} and {@code <prefix>.task.<task>.<metric>}; common labels are not sent. */
    record EtsyNaming(String prefix) implements MetricNaming {

        @Override
        public String global(String metric) {
            return prefix + '.' + metric;
        }

        @Override
        public String task(String taskKey, String metric) {
            return prefix + ".task." + taskKey + '.' + metric;
        }

        @Override
        public NameSanitizer taskSanitizer() {
            return NameSanitizer.pathSegment();
        }

        /** {@code <prefix>.info.<version>}, the version sanitized as a path segment. */
        @Override
        public String info(String version) {
            return prefix + ".info." + NameSanitizer.pathSegment().sanitize(version);
        }
    }

    /**
     * {@code <prefix>.<metric>,<labels>} and {@code <prefix>.task.<metric>,task=<task>,<labels>}, the common labels
     * sorted by key, sanitized like task names; a common label named {@code task} is left out so the task tag stays
     * unambiguous.
     */
    final class TelegrafNaming implements MetricNaming {
        private final String prefix;
        private final String labelTags;

        TelegrafNaming(String prefix, SortedMap<String, String> commonLabels) {
            this.prefix = prefix;
            NameSanitizer sanitizer = NameSanitizer.tagValue();
            StringBuilder tags = new StringBuilder();
            for (Map.Entry<String, String> label : commonLabels.entrySet()) {
                String key = sanitizer.sanitize(label.getKey());
                if (!key.equals("task")) {
                    tags.append(',').append(key).append('=').append(sanitizer.sanitize(label.getValue()));
                }
            }
            this.labelTags = tags.toString();
        }

        @Override
        public String global(String metric) {
            return prefix + '.' + metric + labelTags;
        }

        @Override
        public String task(String taskKey, String metric) {
            return prefix + ".task." + metric + ",task=" + taskKey + labelTags;
        }

        @Override
        public NameSanitizer taskSanitizer() {
            return NameSanitizer.tagValue();
        }

        /** {@code <prefix>.info,version=<version>,<labels>}. */
        @Override
        public String info(String version) {
            return prefix + ".info,version=" + NameSanitizer.tagValue().sanitize(version) + labelTags;
        }
    }
}
