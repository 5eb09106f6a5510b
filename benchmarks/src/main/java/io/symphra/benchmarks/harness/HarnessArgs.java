package io.symphra.benchmarks.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --key=value} arguments of a harness main, each with a default; an unknown key is an error. */
final class HarnessArgs {

    private final Map<String, String> values = new HashMap<>();

    private HarnessArgs() {}

    static HarnessArgs parse(String[] args, Set<String> known) {
        HarnessArgs parsed = new HarnessArgs();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'; keys: " + known);
            }
            String key = arg.substring(2, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "; keys: " + known);
            }
            parsed.values.put(key, arg.substring(eq + 1));
        }
        return parsed;
    }

    int integer(String key, int defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : Integer.parseInt(v.replace("_", ""));
    }

    /** A duration written {@code 500ms}, {@code 10s} or ISO-8601. */
    Duration duration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        return Duration.parse(v);
    }

    String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }
}
