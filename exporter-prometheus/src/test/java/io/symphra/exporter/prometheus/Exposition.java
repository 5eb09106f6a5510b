package io.symphra.exporter.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-side reading of an exposition's sample lines: name, labels (unescaped) and value text. It is written
 * from the format rules independently of the renderer, so escaping mistakes show up as mismatches.
 */
record Exposition(List<Sample> samples, List<String> comments) {

    record Sample(String name, Map<String, String> labels, String value) {}

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            if (text.startsWith("#", pos)) {
                int end = text.indexOf('\n', pos);
                comments.add(text.substring(pos, end));
                pos = end + 1;
                continue;
            }
            int nameEnd = pos;
            while (text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            String name = text.substring(pos, nameEnd);
            Map<String, String> labels = new LinkedHashMap<>();
            pos = nameEnd;
            if (text.charAt(pos) == '{') {
                pos++;
                while (text.charAt(pos) != '}') {
                    int eq = text.indexOf('=', pos);
                    String label = text.substring(pos, eq);
                    pos = eq + 2; // past ="
                    StringBuilder value = new StringBuilder();
                    while (text.charAt(pos) != '"') {
                        char c = text.charAt(pos++);
                        if (c == '\\') {
                            char e = text.charAt(pos++);
                            value.append(e == 'n' ? '\n' : e);
                        } else {
                            value.append(c);
                        }
                    }
                    pos++; // closing quote
                    labels.put(label, value.toString());
                    if (text.charAt(pos) == ',') {
                        pos++;
                    }
                }
                pos++;
            }
            int end = text.indexOf('\n', pos);
            samples.add(new Sample(name, labels, text.substring(pos + 1, end)));
            pos = end + 1;
        }
        return new Exposition(samples, comments);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample with that name and those labels (besides the common ones). */
    String value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples " + name + labels);
        }
        return matching.get(0).value();
    }
}
