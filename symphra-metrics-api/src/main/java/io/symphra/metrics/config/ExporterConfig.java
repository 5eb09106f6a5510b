package io.symphra.metrics.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The configuration of one exporter: the keys under {@code symphra.exporter.<name>.}, read with types and
 * validated. Every getter takes the key relative to the exporter ({@code "port"}, not
 * {@code "symphra.exporter.statsd.port"}) and throws {@link InvalidConfigException} naming the full key, the value
 * and its origin when the value does not parse or is out of range.
 *
 * <p>Thread-safe; its values never change. It remembers which keys it was asked for ({@link #keysRead()}), so
 * that the scheduler can tell a misspelled key from a supported one. {@link #toString()} never prints values, so
 * secrets cannot leak through it.
 */
public final class ExporterConfig {

    /** Prefix of every exporter key. */
    public static final String PREFIX = "symphra.exporter.";

    private final String exporterName;
    private final ConfigSource source;
    private final Set<String> keysRead = ConcurrentHashMap.newKeySet();

    private ExporterConfig(String exporterName, ConfigSource source) {
        if (exporterName == null || exporterName.isBlank()) {
            throw new IllegalArgumentException("exporter name must not be blank: '" + exporterName + "'");
        }
        this.exporterName = exporterName;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The configuration of exporter {@code exporterName} as found in {@code source}. */
    public static ExporterConfig of(String exporterName, ConfigSource source) {
        return new ExporterConfig(exporterName, source);
    }

    /**
     * A configuration holding just the given values, with keys relative to the exporter: handy in tests and for
     * exporters configured in code. {@code of("statsd", Map.of("port", "8125"))}.
     */
    public static ExporterConfig of(String exporterName, Map<String, String> relativeValues) {
        Map<String, String> full = new LinkedHashMap<>();
        relativeValues.forEach((k, v) -> full.put(PREFIX + exporterName + "." + k, v));
        return new ExporterConfig(exporterName, ConfigSource.of(full));
    }

    /** The exporter's name, the middle part of its keys. */
    public String exporterName() {
        return exporterName;
    }

    /** The full key for a relative one: {@code key("port")} is {@code symphra.exporter.statsd.port}. */
    public String key(String relativeKey) {
        return PREFIX + exporterName + "." + relativeKey;
    }

    /** The environment variable that can set a relative key, for documentation and messages. */
    public String environmentVariable(String relativeKey) {
        return LayeredConfigSource.environmentVariableFor(key(relativeKey));
    }

    /** The raw value of a relative key, trimmed; empty when unset or blank. */
    public Optional<String> string(String key) {
        return raw(key).map(v -> v.value().trim()).filter(v -> !v.isEmpty());
    }

    /** The value of a relative key, or {@code defaultValue}. */
    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** {@code enabled}: whether the exporter runs. */
    public boolean enabled(boolean defaultValue) {
        return bool("enabled", defaultValue);
    }

    /** A boolean written {@code true} or {@code false} (any case). */
    public boolean bool(String key, boolean defaultValue) {
        return parse(
                key,
                defaultValue,
                text -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                },
                "expected true or false");
    }

    /**
     * An integer from {@code min} to {@code max} inclusive, written with the ASCII digits {@code 0-9} and an
     * optional leading {@code -}; other digits ({@code ٨١٢٥}, {@code ８１２５}) and a {@code +} are rejected, as in
     * durations.
     */
    public int integer(String key, int defaultValue, int min, int max) {
        checkDefault(key, defaultValue >= min && defaultValue <= max, defaultValue);
        return wholeNumber(key, defaultValue, min, max, "expected an integer from " + min + " to " + max);
    }

    /**
     * A TCP or UDP port from 0 to 65535, in ASCII digits as for {@link #integer}; 0 asks the system for a free port
     * where the exporter listens.
     */
    public int port(String key, int defaultValue) {
        return wholeNumber(key, defaultValue, 0, 65535, "expected a port from 0 to 65535");
    }

    private int wholeNumber(String key, int defaultValue, int min, int max, String expected) {
        boolean foreign = string(key).filter(WholeNumber::looksForeign).isPresent();
        return parse(
                key,
                defaultValue,
                text -> {
                    OptionalLong v = WholeNumber.parse(text);
                    return v.isPresent() && v.getAsLong() >= min && v.getAsLong() <= max
                            ? Integer.valueOf((int) v.getAsLong())
                            : null;
                },
                foreign ? expected + ", written with the ASCII digits 0-9" : expected);
    }

    /**
     * A strictly positive duration of at most {@link DurationLimit#MAX} (100000d), written {@code 500ms},
     * {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} (also {@code ns} and {@code us}) or in ISO-8601
     * ({@code PT10S}).
     */
    public Duration duration(String key, Duration defaultValue) {
        return duration(key).orElse(defaultValue);
    }

    /** A strictly positive duration, if set; see {@link #duration(String, Duration)}. */
    public Optional<Duration> duration(String key) {
        Optional<Duration> parsed = parseOptional(
                key,
                text -> {
                    Duration d = DurationNotation.parseOrNull(text);
                    return d != null && !d.isNegative() && !d.isZero() ? d : null;
                },
                "expected a positive duration such as 500ms, 10s, 2m, 1h or PT10S");
        if (parsed.isPresent() && !DurationLimit.allows(parsed.get())) {
            throw invalid(key, "expected at most " + DurationLimit.MAX_TEXT + ", the longest duration Symphra accepts");
        }
        return parsed;
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host, if set.
     */
    public Optional<URI> httpUrl(String key) {
        return parseOptional(
                key,
                text -> {
                    try {
                        URI uri = new URI(text);
                        String scheme =
                                uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                        boolean ok = (scheme.equals("http") || scheme.equals("https"))
                                && uri.getHost() != null
                                && uri.getPort() <= 65535;
                        return ok ? uri : null;
                    } catch (URISyntaxException e) {
                        return null;
                    }
                },
                "expected an absolute http:// or https:// URL with a host");
    }

    /** A value from a fixed set, compared without case; the message lists the allowed values. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return parse(
                key,
                defaultValue,
                text -> {
                    for (E constant : type.getEnumConstants()) {
                        if (constant.name().equalsIgnoreCase(text)
                                || constant.name().replace('_', '-').equalsIgnoreCase(text)) {
                            return constant;
                        }
                    }
                    return null;
                },
                "expected one of " + allowed);
    }

    /** A comma-separated list, entries trimmed, empty entries dropped. */
    public List<String> list(String key) {
        return string(key)
                .map(text -> {
                    List<String> items = new ArrayList<>();
                    for (String part : text.split(",")) {
                        if (!part.isBlank()) {
                            items.add(part.trim());
                        }
                    }
                    return List.copyOf(items);
                })
                .orElse(List.of());
    }

    /**
     * A map written {@code k1=v1,k2=v2}, such as HTTP headers or resource attributes. Keys and values are
     * trimmed; an entry without {@code =} fails. When {@code secretValues} is true, a failure message never shows
     * the text.
     */
    public Map<String, String> map(String key, boolean secretValues) {
        Optional<ConfigValue> raw = raw(key);
        if (raw.isEmpty() || raw.get().value().isBlank()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : raw.get().value().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw invalid(raw.get(), secretValues, "expected entries written key=value, separated by commas");
            }
            result.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(result);
    }

    /** A secret such as a token or password, if set. Its value never appears in a message or a log. */
    public Optional<Secret> secret(String key) {
        return raw(key).map(ConfigValue::value).filter(v -> !v.isEmpty()).map(Secret::of);
    }

    /** A raw environment variable outside the {@code symphra.*} keys, such as {@code OTEL_SERVICE_NAME}. */
    public Optional<String> environment(String variable) {
        return source.environment(variable).filter(v -> !v.isBlank());
    }

    /**
     * Fails with the standard message for a relative key whose value the exporter itself judged invalid, for
     * checks the typed getters cannot express (an unwritable directory, a bucket size above a limit).
     */
    public InvalidConfigException invalid(String key, String reason) {
        Optional<ConfigValue> raw = raw(key);
        return raw.map(v -> invalid(v, isSecretKey(key), reason))
                .orElseGet(() -> new InvalidConfigException(key(key), null, null, reason));
    }

    /** True when a value is set for the relative key, blank or not. */
    public boolean isSet(String key) {
        return raw(key).isPresent();
    }

    /**
     * The relative keys asked for so far, set or not: after {@link io.symphra.metrics.spi.MetricsExporter#configure},
     * the keys the exporter supports.
     */
    public Set<String> keysRead() {
        return Set.copyOf(keysRead);
    }

    @Override
    public String toString() {
        return "ExporterConfig[" + exporterName + "]";
    }

    private Optional<ConfigValue> raw(String key) {
        keysRead.add(key);
        return source.get(key(key));
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser, String expected) {
        return parseOptional(key, parser, expected).orElse(defaultValue);
    }

    private <T> Optional<T> parseOptional(String key, Function<String, T> parser, String expected) {
        Optional<ConfigValue> raw = raw(key);
        if (raw.isEmpty() || raw.get().value().isBlank()) {
            return Optional.empty();
        }
        T parsed = parser.apply(raw.get().value().trim());
        if (parsed == null) {
            throw invalid(raw.get(), isSecretKey(key), expected);
        }
        return Optional.of(parsed);
    }

    private void checkDefault(String key, boolean ok, Object defaultValue) {
        if (!ok) {
            throw new IllegalArgumentException("default " + defaultValue + " for " + key(key) + " is out of range");
        }
    }

    private static final Set<String> SECRET_WORDS = Set.of("token", "password", "secret", "headers", "credentials");

    /** Whether a key holds a secret: its last part names one, or is "key" or ends in "-key" (not "keystore"). */
    private static boolean isSecretKey(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (last.contains(word)) {
                return true;
            }
        }
        return last.equals("key") || last.endsWith("-key") || last.endsWith("_key") || last.equals("apikey");
    }

    private static InvalidConfigException invalid(ConfigValue value, boolean secret, String reason) {
        return new InvalidConfigException(value.key(), secret ? "******" : value.value(), value.origin(), reason);
    }
}
