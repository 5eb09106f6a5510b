package io.symphra.exporter.otlp;

import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.metrics.config.UrlRedaction;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The validated configuration of the OTLP exporter. {@link #toString()} shows header names only, never their
 * values, and the endpoint without user information or query.
 *
 * @param protocol    the transport
 * @param endpoint    where requests go: the full metrics URL for HTTP, {@code scheme://host:port} for gRPC
 * @param headers     extra request headers, such as an API key: secret values
 * @param compression request body compression
 * @param timeout     the bound of one attempt (for gRPC, the SDK's timeout)
 * @param temporality cumulative or delta sums and histograms
 * @param retry       attempts per push and the waits between them
 * @param resource    resource attributes from the configuration and environment
 * @param tls         the certificates to trust and the client's key and certificate, or the JVM's defaults
 */
record OtlpSettings(
        OtlpProtocol protocol,
        URI endpoint,
        Map<String, String> headers,
        Compression compression,
        Duration timeout,
        Temporality temporality,
        PushRetryPolicy retry,
        ResourceSettings resource,
        OtlpTls tls) {

    OtlpSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(temporality, "temporality");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(tls, "tls");
    }

    /** The endpoint as it may appear in a log: no user information, no query. */
    String endpointForLogs() {
        return UrlRedaction.forLogs(endpoint);
    }

    @Override
    public String toString() {
        String headerNames = headers.keySet().stream()
                .sorted()
                .map(name -> name + "=******")
                .collect(Collectors.joining(", ", "{", "}"));
        return "OtlpSettings[protocol=" + protocol.wireName() + ", endpoint=" + endpointForLogs()
                + ", headers=" + headerNames + ", compression=" + compression.sdkName() + ", timeout=" + timeout
                + ", temporality=" + temporality.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + retry + ", resource=" + resource + ", " + tls + "]";
    }
}
