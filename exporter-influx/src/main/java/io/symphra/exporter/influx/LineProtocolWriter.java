package io.symphra.exporter.influx;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes InfluxDB line-protocol points one element at a time straight to an {@link Appendable}, escaping each
 * element by its own rules, so that no line is ever built as an intermediate string.
 *
 * <p>Call {@link #measurement}, then any {@link #tag}s, then at least one field, then {@link #end}. Escaping:
 * <ul>
 *   <li>measurement: comma and space are preceded by a backslash;</li>
 *   <li>tag keys, tag values and field keys: comma, equals sign and space are preceded by a backslash;</li>
 *   <li>string field values: double quote and backslash are preceded by a backslash;</li>
 *   <li>everywhere: a backslash is doubled, so that a name ending in a backslash cannot swallow the separator
 *       that follows it (two backslashes read as one literal backslash); newline, carriage return and tab, which
 *       the protocol cannot carry, are written as the two characters {@code \n}, {@code \r} and {@code \t}.</li>
 * </ul>
 * A tag whose key or value is empty is left out, as the protocol has no empty tag. A float field whose value is
 * NaN or infinite is left out, as the protocol has no such floats.
 */
final class LineProtocolWriter {

    private enum State {
        IDLE,
        TAGS,
        FIELDS
    }

    private final Appendable out;
    private State state = State.IDLE;

    LineProtocolWriter(Appendable out) {
        this.out = out;
    }

    /** Starts a point. */
    LineProtocolWriter measurement(String name) throws IOException {
        expect(State.IDLE, "measurement");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a measurement name must not be empty");
        }
        escapeName(name, false);
        state = State.TAGS;
        return this;
    }

    /** Adds a tag; left out when the key or the value is empty. Tags must come before fields. */
    LineProtocolWriter tag(String key, String value) throws IOException {
        expect(State.TAGS, "tag");
        if (key.isEmpty() || value.isEmpty()) {
            return this;
        }
        out.append(',');
        escapeName(key, true);
        out.append('=');
        escapeName(value, true);
        return this;
    }

    /** Adds an integer field, written with the {@code i} suffix. */
    LineProtocolWriter field(String key, long value) throws IOException {
        fieldKey(key);
        out.append(Long.toString(value)).append('i');
        return this;
    }

    /** Adds a float field; left out when the value is NaN or infinite. */
    LineProtocolWriter field(String key, double value) throws IOException {
        if (!Double.isFinite(value)) {
            return this;
        }
        fieldKey(key);
        out.append(floatText(value));
        return this;
    }

    /** Adds a string field, quoted. */
    LineProtocolWriter field(String key, String value) throws IOException {
        fieldKey(key);
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
        return this;
    }

    /** Ends the point with its timestamp and a newline. */
    void end(long timestamp) throws IOException {
        if (state != State.FIELDS) {
            throw new IllegalStateException("a point needs at least one field before its timestamp");
        }
        out.append(' ').append(Long.toString(timestamp)).append('\n');
        state = State.IDLE;
    }

    /**
     * A float as the protocol reads it: always in plain decimal notation (never with an exponent, which not every
     * reader of line protocol accepts), and without the {@code i} suffix, so that {@code 1.0} stays a float. An integral value always
     * keeps a {@code .0}, so the text looks like the float it is.
     */
    static String floatText(double value) {
        String text = Double.toString(value);
        if (text.indexOf('E') < 0) {
            return text;
        }
        String plain = new BigDecimal(text).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    private void fieldKey(String key) throws IOException {
        if (state == State.TAGS) {
            out.append(' ');
            state = State.FIELDS;
        } else if (state == State.FIELDS) {
            out.append(',');
        } else {
            throw new IllegalStateException("a field needs a measurement first");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a field key must not be empty");
        }
        escapeName(key, true);
        out.append('=');
    }

    private void escapeName(String text, boolean escapeEquals) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',', ' ', '\\' -> out.append('\\').append(c);
                case '=' -> {
                    if (escapeEquals) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    private void expect(State wanted, String element) {
        if (state != wanted) {
            throw new IllegalStateException("cannot write a " + element + " now (" + state + ")");
        }
    }
}
