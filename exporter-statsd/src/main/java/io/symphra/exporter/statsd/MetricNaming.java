package io.symphra.exporter.statsd;

import java.util.Map;
import java.util.SortedMap;

/**
 * Names each metric in one flavor: its name and, where the flavor has them, its tags ({@link MetricId}). Task keys
 * reach it already sanitized.
 */
interface MetricNaming {

    /** A scheduler-wide metric, such as {@code symphra.scheduler.executions}. */
    MetricId global(String metric);

    /** A per-task metric for an already sanitized task key. */
    MetricId task(String taskKey, String metric);

    /** How task names are sanitized in this flavor. */
    NameSanitizer taskSanitizer();

    /** The build-info gauge, which carries the scheduler's version. */
    MetricId info(String version);

    static MetricNaming of(Flavor flavor, String prefix, SortedMap<String, String> commonLabels) {
        return switch (flavor) {
            case ETSY -> new EtsyNaming(prefix);
            case TELEGRAF -> new TaggedNaming(prefix, commonLabels, TagSyntax.TELEGRAF);
            case DATADOG -> new TaggedNaming(prefix, commonLabels, TagSyntax.DATADOG);
            case SYSDIG -> new TaggedNaming(prefix, commonLabels, TagSyntax.SYSDIG);
        };
    }

    /** {@code <prefix>.<metric>} and {@code <prefix>.task.<task>.<metric>}; common labels are not sent. */
    record EtsyNaming(String prefix) implements MetricNaming {

        @Override
        public MetricId global(String metric) {
            return MetricId.named(prefix + '.' + metric);
        }

        @Override
        public MetricId task(String taskKey, String metric) {
            return MetricId.named(prefix + ".task." + taskKey + '.' + metric);
        }

        @Override
        public NameSanitizer taskSanitizer() {
            return NameSanitizer.pathSegment();
        }

        /** {@code <prefix>.info.<version>}, the version sanitized as a path segment. */
        @Override
        public MetricId info(String version) {
            return MetricId.named(
                    prefix + ".info." + NameSanitizer.pathSegment().sanitize(version));
        }
    }

    /** Where a tagged flavor writes its tags and how it joins them. */
    enum TagSyntax {
        /** {@code name,task=t,service=s:1|c} */
        TELEGRAF(",", "=", ",", false),
        /** {@code name:1|c|#task:t,service:s} (DogStatsD) */
        DATADOG("|#", ":", ",", true),
        /** {@code name#task=t,service=s:1|c} */
        SYSDIG("#", "=", ",", false);

        final String start;
        final String keyValue;
        final String between;
        final boolean afterType;

        TagSyntax(String start, String keyValue, String between, boolean afterType) {
            this.start = start;
            this.keyValue = keyValue;
            this.between = between;
            this.afterType = afterType;
        }
    }

    /**
     * {@code <prefix>.<metric>} and {@code <prefix>.task.<metric>} with the tags {@code task=<task>} (per-task
     * metrics) and the common labels, sorted by key and sanitized like task names, in the flavor's syntax. A common
     * label named {@code task} is left out so the task tag stays unambiguous. DogStatsD wants a tag to start with a
     * letter (a label key that does not gets {@code label_} in front) and to be at most 200 characters, {@code key:value}
     * together: the task key is cut to 195 bytes, a label's key to 99 and its value to what is left.
     */
    final class TaggedNaming implements MetricNaming {
        /** DogStatsD's bound on a whole tag, {@code key:value}. */
        static final int DATADOG_TAG_CHARS = 200;
        /** The most of it a common label's key may take (with {@code label_} in front when needed). */
        static final int DATADOG_KEY_BYTES = 93;

        private final String prefix;
        private final TagSyntax syntax;
        private final String labelTags;

        TaggedNaming(String prefix, SortedMap<String, String> commonLabels, TagSyntax syntax) {
            this.prefix = prefix;
            this.syntax = syntax;
            boolean datadog = syntax == TagSyntax.DATADOG;
            NameSanitizer keys = datadog ? NameSanitizer.tagValue(DATADOG_KEY_BYTES) : NameSanitizer.tagValue();
            StringBuilder tags = new StringBuilder();
            for (Map.Entry<String, String> label : commonLabels.entrySet()) {
                String key = keys.sanitize(label.getKey());
                if (key.equals("task")) {
                    continue;
                }
                if (datadog && !Character.isLetter(key.codePointAt(0))) {
                    key = "label_" + key;
                }
                NameSanitizer values = datadog
                        ? NameSanitizer.tagValue(DATADOG_TAG_CHARS - utf8Bytes(key) - 1)
                        : NameSanitizer.tagValue();
                tags.append(syntax.between)
                        .append(key)
                        .append(syntax.keyValue)
                        .append(values.sanitize(label.getValue()));
            }
            this.labelTags = tags.toString();
        }

        @Override
        public MetricId global(String metric) {
            // The first tag has no separator before it: the flavor's start takes its place.
            return tagged(
                    prefix + '.' + metric, labelTags.isEmpty() ? "" : labelTags.substring(syntax.between.length()));
        }

        @Override
        public MetricId task(String taskKey, String metric) {
            return tagged(prefix + ".task." + metric, "task" + syntax.keyValue + taskKey + labelTags);
        }

        private MetricId tagged(String name, String tags) {
            if (tags.isEmpty()) {
                return MetricId.named(name);
            }
            return syntax.afterType
                    ? new MetricId(name, syntax.start + tags)
                    : new MetricId(name + syntax.start + tags, "");
        }

        @Override
        public NameSanitizer taskSanitizer() {
            return syntax == TagSyntax.DATADOG
                    ? NameSanitizer.tagValue(DATADOG_TAG_CHARS - "task:".length())
                    : NameSanitizer.tagValue();
        }

        private static int utf8Bytes(String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }

        /** {@code <prefix>.info} with the tags {@code version=<version>} and the common labels. */
        @Override
        public MetricId info(String version) {
            return tagged(
                    prefix + ".info",
                    "version" + syntax.keyValue + taskSanitizer().sanitize(version) + labelTags);
        }
    }
}
