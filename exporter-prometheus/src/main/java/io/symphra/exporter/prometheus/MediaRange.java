package io.symphra.exporter.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of an HTTP {@code Accept} header, such as {@code application/openmetrics-text;version=1.0.0;q=0.75}.
 *
 * @param type    the main type, lower case, {@code *} for any
 * @param subtype the subtype, lower case, {@code *} for any
 * @param version the {@code version} parameter, or {@code null}
 * @param quality the {@code q} weight from 0 to 1
 */
record MediaRange(String type, String subtype, String version, double quality) {

    /** The ranges of an {@code Accept} header; malformed entries are skipped. An absent header yields none. */
    static List<MediaRange> parseAll(String header) {
        List<MediaRange> ranges = new ArrayList<>();
        if (header == null) {
            return ranges;
        }
        for (String entry : header.split(",")) {
            MediaRange range = parse(entry);
            if (range != null) {
                ranges.add(range);
            }
        }
        return ranges;
    }

    /** A content type such as {@code application/json; charset=utf-8} as a range of weight 1, or {@code null}. */
    static MediaRange parse(String entry) {
        // the limit keeps empty pieces, so parts[0] exists even for an entry of nothing but ';'
        String[] parts = entry.split(";", -1);
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (slash <= 0 || slash == mediaType.length() - 1) {
            return null;
        }
        String version = null;
        double quality = 1.0;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = parameter.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (name.equals("q")) {
                try {
                    quality = Math.max(0, Math.min(1, Double.parseDouble(value)));
                } catch (NumberFormatException e) {
                    quality = 0;
                }
            } else if (name.equals("version")) {
                version = value;
            }
        }
        return new MediaRange(mediaType.substring(0, slash), mediaType.substring(slash + 1), version, quality);
    }

    /**
     * How specifically this range names {@code offered}: 3 for the exact type and matching version, 2 for the
     * exact type without a version, 1 for {@code type/*}, 0 for {@code * / *}, -1 when it does not match.
     */
    int specificity(MediaRange offered) {
        if (type.equals("*")) {
            return subtype.equals("*") ? 0 : -1;
        }
        if (!type.equals(offered.type)) {
            return -1;
        }
        if (subtype.equals("*")) {
            return 1;
        }
        if (!subtype.equals(offered.subtype)) {
            return -1;
        }
        if (version == null) {
            return 2;
        }
        return offered.version != null && version.equals(offered.version) ? 3 : -1;
    }
}
