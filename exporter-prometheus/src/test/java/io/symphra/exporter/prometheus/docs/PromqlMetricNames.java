package io.symphra.exporter.prometheus.docs;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Strings, label matchers, ranges and grouping clauses are cut out
 * first, since they hold identifiers that are no metric names ({@code by (task)}, {@code {stat="max"}},
 * {@code [5m]}); what is left is functions, operators, numbers and metric names, and a metric name is an
 * identifier that is neither a keyword nor followed by {@code (}.
 */
final class PromqlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern TOKENS = Pattern.compile("(\\d[\\w.]*)|([a-zA-Z_:][\\w:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan",
            "atan2");

    private PromqlMetricNames() {}

    static Set<String> of(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll("\"\"");
        rest = MATCHERS.matcher(rest).replaceAll("{}");
        rest = RANGES.matcher(rest).replaceAll("[]");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = VARIABLES.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKENS.matcher(rest);
        while (m.find()) {
            String identifier = m.group(2);
            boolean call = m.group(3) != null;
            if (identifier != null && !call && !KEYWORDS.contains(identifier.toLowerCase(java.util.Locale.ROOT))) {
                names.add(identifier);
            }
        }
        return names;
    }

    /** The metric given to {@code rate}, {@code irate} and {@code increase}: those must be counters. */
    static Set<String> counted(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(?:rate|irate|increase)\\s*\\(\\s*([a-zA-Z_:][\\w:]*)")
                .matcher(expression);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
