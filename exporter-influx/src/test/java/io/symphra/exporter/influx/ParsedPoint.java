package io.symphra.exporter.influx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line-protocol point read back by an independent, strict reader of the protocol (as InfluxDB 2 and
 * VictoriaMetrics read it: a backslash escapes the next character where that character is special, and two
 * backslashes are one). Fields keep their type: {@code Long} for {@code 12i}, {@code Double} for {@code 1.5},
 * {@code String} for {@code "text"}.
 */
record ParsedPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long timestamp) {

    static List<ParsedPoint> parseAll(String text) {
        List<ParsedPoint> points = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                points.add(parse(line));
            }
        }
        return points;
    }

    static ParsedPoint parse(String line) {
        Cursor c = new Cursor(line);
        String measurement = c.name(",  ".toCharArray(), false);
        Map<String, String> tags = new LinkedHashMap<>();
        while (c.peek() == ',') {
            c.next();
            String key = c.name(new char[] {'='}, true);
            c.expect('=');
            String value = c.name(new char[] {',', ' '}, true);
            if (key.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("empty tag key or value in: " + line);
            }
            if (tags.put(key, value) != null) {
                throw new IllegalArgumentException("duplicate tag " + key + " in: " + line);
            }
        }
        c.expect(' ');
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                c.expect(',');
            }
            String key = c.name(new char[] {'='}, true);
            c.expect('=');
            fields.put(key, c.fieldValue());
        } while (c.peek() == ',');
        c.expect(' ');
        String ts = c.rest();
        if (!ts.matches("-?\\d+")) {
            throw new IllegalArgumentException("bad timestamp '" + ts + "' in: " + line);
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no field in: " + line);
        }
        return new ParsedPoint(measurement, tags, fields, Long.parseLong(ts));
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        void next() {
            i++;
        }

        void expect(char c) {
            if (peek() != c || i >= s.length()) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in: " + s);
            }
            i++;
        }

        String rest() {
            String r = s.substring(i);
            i = s.length();
            return r;
        }

        /** Reads up to an unescaped stop character; a backslash before a special character or a backslash escapes it. */
        String name(char[] stops, boolean equalsSpecial) {
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(i + 1);
                    if (n == ',' || n == ' ' || n == '\\' || (equalsSpecial && n == '=')) {
                        out.append(n);
                        i += 2;
                        continue;
                    }
                }
                for (char stop : stops) {
                    if (c == stop) {
                        return out.toString();
                    }
                }
                if (c == '\n') {
                    throw new IllegalArgumentException("raw newline inside a name in: " + s);
                }
                out.append(c);
                i++;
            }
            return out.toString();
        }

        Object fieldValue() {
            if (peek() == '"') {
                i++;
                StringBuilder out = new StringBuilder();
                while (i < s.length()) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        out.append(s.charAt(i + 1));
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        return out.toString();
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                throw new IllegalArgumentException("unterminated string in: " + s);
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                i++;
            }
            String text = s.substring(start, i);
            if (text.endsWith("i")) {
                return Long.parseLong(text.substring(0, text.length() - 1));
            }
            if (!text.matches("-?\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("not a plain float: '" + text + "' in: " + s);
            }
            return Double.parseDouble(text);
        }
    }
}
