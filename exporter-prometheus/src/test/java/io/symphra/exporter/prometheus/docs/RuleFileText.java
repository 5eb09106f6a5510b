package io.symphra.exporter.prometheus.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PromQL out of the rule and rule-test files of {@code docs/prometheus} as the YAML there is written:
 * {@code expr:} inline or as a {@code |} block, {@code - series: '...'} on one line. promtool checks the YAML
 * itself; this only needs the expressions, to compare their metric names with the exporter's.
 */
final class RuleFileText {

    private static final Pattern ALERT = Pattern.compile("^\\s*- alert:\\s*(\\S+)\\s*$");
    private static final Pattern EXPR = Pattern.compile("^(\\s*)expr:\\s*(.*)$");
    private static final Pattern SERIES = Pattern.compile("^\\s*- series:\\s*'([^']*)'\\s*$");

    private RuleFileText() {}

    /** Alert name to its expression. */
    static Map<String, String> alertExpressions(String yaml) {
        Map<String, String> alerts = new LinkedHashMap<>();
        String[] lines = yaml.split("\n");
        String alert = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher a = ALERT.matcher(lines[i]);
            if (a.matches()) {
                alert = a.group(1);
                continue;
            }
            Matcher e = EXPR.matcher(lines[i]);
            if (e.matches() && alert != null) {
                String inline = e.group(2).trim();
                if (!inline.equals("|") && !inline.equals(">")) {
                    alerts.put(alert, inline);
                    continue;
                }
                int indent = e.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.length && (lines[i + 1].isBlank() || indentOf(lines[i + 1]) > indent)) {
                    block.append(lines[++i].trim()).append('\n');
                }
                alerts.put(alert, block.toString().trim());
            }
        }
        return alerts;
    }

    /** The series selectors of a rule-test file. */
    static List<String> inputSeries(String yaml) {
        List<String> series = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (m.matches()) {
                series.add(m.group(1));
            }
        }
        return series;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
