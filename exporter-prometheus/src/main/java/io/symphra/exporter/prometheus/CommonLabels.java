package io.symphra.exporter.prometheus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a snapshot's common labels into the label text written on every sample.
 *
 * <p>A name is made valid by replacing each character outside {@code [a-zA-Z0-9_]} with {@code _} and putting a
 * {@code _} before a leading digit (an empty name becomes {@code _}). A name that would then clash with a label the
 * exporter writes itself ({@code task}, {@code stat}, {@code le}, {@code exporter}, {@code quantile}, {@code version}, {@code fire}), with an earlier
 * common label, or that starts with the reserved {@code __}, gets {@code exported_} put before it until it is unique,
 * as Prometheus itself does for clashing target labels.
 */
final class CommonLabels {

    private static final Set<String> OWN_LABELS =
            Set.of("task", "stat", "le", "exporter", "quantile", "version", "fire");

    private CommonLabels() {}

    /**
     * The labels as {@code name="value"} pairs joined by commas, UTF-8 encoded, without braces; empty when there
     * are none.
     */
    static byte[] encode(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return new byte[0];
        }
        Set<String> used = new HashSet<>(OWN_LABELS);
        List<String> names = new ArrayList<>(labels.size());
        List<String> values = new ArrayList<>(labels.size());
        int length = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = sanitize(label.getKey());
            while (name.startsWith("__") || !used.add(name)) {
                name = "exported_" + name;
            }
            String value = label.getValue() == null ? "" : label.getValue();
            names.add(name);
            values.add(value);
            length += name.length() + 3 + Escaping.LABEL_VALUE.encodedLength(value) + 1;
        }
        byte[] bytes = new byte[length - 1];
        int pos = 0;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                bytes[pos++] = ',';
            }
            String name = names.get(i);
            for (int c = 0; c < name.length(); c++) {
                bytes[pos++] = (byte) name.charAt(c);
            }
            bytes[pos++] = '=';
            bytes[pos++] = '"';
            pos = Escaping.LABEL_VALUE.encode(values.get(i), bytes, pos);
            bytes[pos++] = '"';
        }
        return bytes;
    }

    /** A valid label name for {@code name}: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static String sanitize(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            out.append('_');
        }
        name.codePoints()
                .forEach(cp -> out.append(
                        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_'
                                ? (char) cp
                                : '_'));
        return out.toString();
    }
}
