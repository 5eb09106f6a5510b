package io.symphra.exporter.influx;

import java.util.ArrayList;
import java.util.List;

/**
 * Receives the text of a {@link LineProtocolWriter} and keeps each point as one string, without its newline, for
 * the push buffer. The writer escapes every newline inside names, so a newline always ends a point.
 */
final class LineCollector implements Appendable {

    private final List<String> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder(256);

    @Override
    public Appendable append(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
        return this;
    }

    @Override
    public Appendable append(CharSequence text, int start, int end) {
        return append(text.subSequence(start, end));
    }

    @Override
    public Appendable append(char c) {
        if (c == '\n') {
            lines.add(current.toString());
            current.setLength(0);
        } else {
            current.append(c);
        }
        return this;
    }

    /** The complete points received so far. */
    List<String> lines() {
        return lines;
    }
}
