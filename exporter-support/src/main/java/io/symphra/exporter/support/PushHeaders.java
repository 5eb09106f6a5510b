package io.symphra.exporter.support;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Extra request headers from the configuration ({@code Authorization=Bearer ...,X-Tenant=blue}), checked once, at
 * configuration time, against what the JDK HTTP client accepts. Values are secrets: they come back as
 * {@link Secret}s, and no message ever shows one.
 */
public final class PushHeaders {

    private static final URI PROBE_URI = URI.create("http://127.0.0.1/");

    private PushHeaders() {}

    /**
     * Reads the map key {@code key} of {@code config} and checks each header.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming {@code key} and the header (never its value)
     *     when the JDK client would refuse it
     */
    public static Map<String, Secret> read(ExporterConfig config, String key) {
        return check(config.map(key, true), reason -> config.invalid(key, reason));
    }

    /**
     * Checks headers read elsewhere (an {@code OTEL_*} variable, code): a name the JDK client refuses (not an HTTP
     * token, or one it sets itself such as {@code Host} or {@code Content-Length}) or a value it refuses (a control
     * character, a character beyond ISO-8859-1) fails with {@code invalid}, given a reason that names the header
     * and never shows its value.
     */
    public static Map<String, Secret> check(
            Map<String, String> headers, Function<String, ? extends RuntimeException> invalid) {
        // The JDK client is the judge: its own checks, its own list of restricted headers (which a system property
        // can change), asked on a request that is never sent.
        HttpRequest.Builder probe = HttpRequest.newBuilder(PROBE_URI);
        Map<String, Secret> checked = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            try {
                probe.setHeader(name, "x");
            } catch (IllegalArgumentException e) {
                throw invalid.apply(
                        "header name '" + MessageText.printable(name) + "' is not an HTTP token, or is set by the HTTP"
                                + " client itself (restricted) and cannot be configured");
            }
            try {
                probe.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK's message quotes the value, which is secret: name the header only.
                throw invalid.apply("the value of header '" + name + "' holds a control character or a character"
                        + " beyond ISO-8859-1, which HTTP does not allow");
            }
            checked.put(name, Secret.of(value));
        });
        return Collections.unmodifiableMap(checked);
    }
}
