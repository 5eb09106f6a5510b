package io.symphra.exporter.prometheus;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * The scrape endpoint's configuration, read and validated from the keys under {@code symphra.exporter.prometheus.}.
 *
 * @param host           the address to listen on
 * @param port           the port, 0 for a free one
 * @param path           the metrics path, starting with {@code /}
 * @param credentials    basic-auth credentials, if required
 * @param tls            the HTTPS key material, if HTTPS is on
 * @param threads        how many scrapes are rendered at once
 * @param maxConnections how many connections may be in the middle of a request at once (reading its head or
 *                       being answered); idle keep-alive connections do not count
 * @param headerTimeout  the longest a request may take from its first byte to the end of its head, TLS handshake
 *                       included
 * @param requestTimeout the longest a request may take from its first byte to its last response byte
 * @param families       which metric families the two text formats write
 * @param durations      how the two text formats write each task's execution durations
 */
record EndpointSettings(
        String host,
        int port,
        String path,
        Optional<Credentials> credentials,
        Optional<TlsSettings> tls,
        int threads,
        int maxConnections,
        Duration headerTimeout,
        Duration requestTimeout,
        FamilySelection families,
        DurationSeries durations) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 9464;
    static final String DEFAULT_PATH = "/metrics";
    static final int DEFAULT_THREADS = 2;
    static final int MAX_THREADS = 64;
    static final int DEFAULT_MAX_CONNECTIONS = 256;
    static final int MAX_MAX_CONNECTIONS = 4096;
    static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final String HEALTH_PATH = "/-/healthy";

    /** Basic-auth credentials; the password never appears in {@link #toString()}. */
    record Credentials(String username, Secret password) {}

    /** Reads and checks every key, throwing {@link io.symphra.metrics.config.InvalidConfigException} for the first bad one. */
    static EndpointSettings from(ExporterConfig config) {
        String host = config.string("host", DEFAULT_HOST);
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw config.invalid("host", "expected a host name or IP address, such as 127.0.0.1 or 0.0.0.0");
        }
        int port = config.port("port", DEFAULT_PORT);
        String path = config.string("path", DEFAULT_PATH);
        if (!path.startsWith("/")) {
            throw config.invalid("path", "expected a path starting with /, such as /metrics");
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c >= 0x7F)) {
            throw config.invalid("path", "expected a path of visible ASCII characters without ? or #");
        }
        if (path.startsWith("/-/")) {
            throw config.invalid("path", "paths under /-/ are reserved for " + HEALTH_PATH);
        }
        Optional<String> username = config.string("username");
        Optional<Secret> password = config.secret("password");
        if (username.isPresent() && password.isEmpty()) {
            throw config.invalid("password", "required when " + config.key("username") + " is set");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw config.invalid("username", "required when " + config.key("password") + " is set");
        }
        if (username.isPresent() && username.get().indexOf(':') >= 0) {
            throw config.invalid("username", "a basic-auth user name cannot contain ':'");
        }
        Optional<Credentials> credentials = username.map(u -> new Credentials(u, password.get()));
        Optional<TlsSettings> tls = TlsSettings.from(config);
        int threads = config.integer("threads", DEFAULT_THREADS, 1, MAX_THREADS);
        int maxConnections = config.integer("max-connections", DEFAULT_MAX_CONNECTIONS, 1, MAX_MAX_CONNECTIONS);
        Duration requestTimeout = config.duration("request-timeout", DEFAULT_REQUEST_TIMEOUT);
        Duration headerTimeout = config.duration(
                "header-timeout",
                DEFAULT_HEADER_TIMEOUT.compareTo(requestTimeout) < 0 ? DEFAULT_HEADER_TIMEOUT : requestTimeout);
        if (headerTimeout.compareTo(requestTimeout) > 0) {
            throw config.invalid(
                    "header-timeout",
                    "must not be longer than " + config.key("request-timeout") + " (" + requestTimeout.toMillis()
                            + "ms), which bounds the whole request");
        }
        FamilySelection families = config.enumValue("families", FamilySelection.class, FamilySelection.BOTH);
        DurationSeries durations = config.enumValue("durations", DurationSeries.class, DurationSeries.SUMMARY);
        return new EndpointSettings(
                host,
                port,
                path,
                credentials,
                tls,
                threads,
                maxConnections,
                headerTimeout,
                requestTimeout,
                families,
                durations);
    }

    /** {@code http} or {@code https}. */
    String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
