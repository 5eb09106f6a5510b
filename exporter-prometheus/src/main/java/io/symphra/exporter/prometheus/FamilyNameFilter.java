package io.symphra.exporter.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scrape endpoint's {@code name[]} query filter, as client_java's HTTPServer has it: with one or more
 * {@code name[]=<name>} parameters, only the named families are served. A name selects a family when it is the
 * family's name as its {@code # TYPE} line gives it, or one of the family's sample names (the family name with
 * {@code _total}, {@code _created}, {@code _bucket}, {@code _count}, {@code _sum} or {@code _info}), or the
 * family's name without the {@code _total} that text 0.0.4 gives a counter. So one scrape config selects the same
 * families in text 0.0.4 and OpenMetrics.
 *
 * <p>The filter works on the rendered text, line by line, so the renderer knows nothing of it: a family's
 * metadata lines decide whether its samples that follow are kept. {@code # EOF} is always kept.
 */
final class FamilyNameFilter {

    static final String PARAMETER = "name[]";

    private static final List<String> SAMPLE_SUFFIXES =
            List.of("_total", "_created", "_bucket", "_count", "_sum", "_info");

    private final Set<String> names;

    private FamilyNameFilter(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The filter the request's query asks for; empty without a {@code name[]} parameter (everything is served). */
    static Optional<FamilyNameFilter> fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(PARAMETER) && eq >= 0) {
                names.add(decode(pair.substring(eq + 1)));
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new FamilyNameFilter(names));
    }

    /** Whether the family named {@code family} (as in its {@code # TYPE} line) is served. */
    boolean selects(String family) {
        if (names.contains(family)) {
            return true;
        }
        for (String suffix : SAMPLE_SUFFIXES) {
            if (names.contains(family + suffix)) {
                return true;
            }
        }
        return family.endsWith("_total") && names.contains(family.substring(0, family.length() - "_total".length()));
    }

    /** A stream that passes on the lines of the selected families to {@code out}; closing it closes {@code out}. */
    OutputStream filter(OutputStream out) {
        return new LineFilter(out);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape selects nothing rather than failing the scrape.
            return "";
        }
    }

    /** Collects each line and writes it on when its family is selected. */
    private final class LineFilter extends OutputStream {
        private final OutputStream out;
        private byte[] line = new byte[256];
        private int length;
        private boolean keep;

        LineFilter(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = (byte) b;
            if (b == '\n') {
                endLine();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            for (int i = offset; i < offset + count; i++) {
                write(bytes[i]);
            }
        }

        private void endLine() throws IOException {
            String family = metadataName();
            if (family != null) {
                keep = family.equals("EOF") || selects(family);
            }
            if (keep) {
                out.write(line, 0, length);
            }
            length = 0;
        }

        /**
         * The family a {@code # HELP}, {@code # TYPE} or {@code # UNIT} line names, {@code EOF} for OpenMetrics'
         * last line, or null for a sample line. Family names are ASCII, so the bytes are read as ASCII.
         */
        private String metadataName() {
            if (length < 2 || line[0] != '#' || line[1] != ' ') {
                return null;
            }
            String text = new String(line, 0, length, StandardCharsets.UTF_8).stripTrailing();
            if (text.equals("# EOF")) {
                return "EOF";
            }
            String[] parts = text.split(" ", 4);
            if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE") || parts[1].equals("UNIT"))) {
                return parts[2];
            }
            return null;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (length > 0 && keep) {
                out.write(line, 0, length);
            }
            length = 0;
            out.close();
        }
    }
}
