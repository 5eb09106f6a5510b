package io.symphra.exporter.otlp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code key1=value1,key2=value2} lists of {@code OTEL_RESOURCE_ATTRIBUTES} and
 * {@code OTEL_EXPORTER_OTLP_HEADERS}: entries separated by commas, keys and values trimmed, values
 * percent-decoded (so {@code %2C} is a comma and {@code +} stays a plus, as in W3C Baggage).
 */
final class KeyValueList {

    private KeyValueList() {}

    /**
     * The entries of {@code text} in their order; a later duplicate key wins.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the text (it may hold secrets)
     */
    static Map<String, String> parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        int index = 0;
        for (String entry : text.split(",", -1)) {
            index++;
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "entry " + index + " has no '=': expected entries written key=value," + " separated by commas");
            }
            String key = entry.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("entry " + index + " has an empty key");
            }
            result.put(key, percentDecode(entry.substring(eq + 1).trim(), index));
        }
        return Collections.unmodifiableMap(result);
    }

    private static String percentDecode(String value, int index) {
        try {
            // URLDecoder also turns '+' into a space, which W3C Baggage does not: protect it first.
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entry " + index + " has a malformed %-escape in its value");
        }
    }
}
