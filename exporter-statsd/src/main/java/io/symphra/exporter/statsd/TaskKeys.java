package io.symphra.exporter.statsd;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each task name its sanitized key for one push and reports, once per key for the exporter's lifetime,
 * when two different task names end up with the same key.
 */
final class TaskKeys {

    private static final Logger LOG = LoggerFactory.getLogger(TaskKeys.class);
    /** Bounds the memory of reported collisions if task names are generated without end. */
    private static final int MAX_REMEMBERED = 1024;

    private final Set<String> reported = new HashSet<>();

    /** Task name to key, in the order given. */
    Map<String, String> keysOf(Iterable<String> taskNames, NameSanitizer sanitizer) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> firstNameOfKey = new HashMap<>();
        for (String name : taskNames) {
            String key = sanitizer.sanitize(name);
            keys.put(name, key);
            String first = firstNameOfKey.putIfAbsent(key, name);
            if (first != null && reported.size() < MAX_REMEMBERED && reported.add(key)) {
                LOG.warn(
                        "Task names {} and {} are both sent to StatsD as '{}': their counters add up and their"
                                + " gauges overwrite each other. Rename one of them.",
                        quoted(first),
                        quoted(name),
                        key);
            }
        }
        return keys;
    }

    /** Keys reported as shared by two task names so far. */
    int reportedCollisions() {
        return reported.size();
    }

    /** The name as a Java string literal, cut short, so a hostile name cannot forge log lines. */
    static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(name.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20
                    || c == 0x7f
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (name.length() > shown) {
            out.append("... (").append(name.length()).append(" chars)");
        }
        return out.toString();
    }
}
