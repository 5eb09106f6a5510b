package io.symphra.exporter.otlp;

import io.symphra.exporter.support.HttpPushExporterBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configures an {@link OtlpExporter} in code, for {@code Scheduler.builder().exporter(...)}:
 *
 * <pre>{@code
 * OtlpExporter otlp = OtlpExporter.builder()
 *         .endpoint(URI.create("https://collector.example.com:4318/v1/metrics"))
 *         .headers(Map.of("x-api-key", apiKey))
 *         .compression(Compression.GZIP)
 *         .serviceName("billing-jobs")
 *         .build();
 * }</pre>
 *
 * Each method sets one key under {@code symphra.exporter.otlp.}; a value set here wins over the same key as a system
 * property or environment variable, and so over the {@code OTEL_*} variables too. Values are checked when the
 * scheduler is built, exactly as the keys are, and a bad one fails the build naming the key and {@code (from code)}.
 * The exporter is enabled unless {@link #enabled(boolean) enabled(false)} says otherwise and pushes every 60 seconds
 * unless {@link #interval(java.time.Duration) interval} says otherwise. The inherited {@code timeout},
 * {@code maxAttempts}, {@code backoff} and {@code maxBackoff} bound each push.
 */
public final class OtlpExporterBuilder extends HttpPushExporterBuilder<OtlpExporterBuilder> {

    OtlpExporterBuilder() {}

    /**
     * The transport; key {@code protocol}, default {@link OtlpProtocol#HTTP_PROTOBUF}. {@link OtlpProtocol#GRPC}
     * fails the build unless a gRPC sender is on the class path.
     */
    public OtlpExporterBuilder protocol(OtlpProtocol protocol) {
        return set("protocol", protocol == null ? null : protocol.wireName());
    }

    /**
     * Where to send, used as it is (for HTTP the full URL, path included): an absolute {@code http://} or
     * {@code https://} URL with a host and no user info (put credentials in {@link #headers(Map)}); key
     * {@code endpoint}, default {@code http://localhost:4318/v1/metrics} for HTTP, {@code http://localhost:4317}
     * for gRPC.
     */
    public OtlpExporterBuilder endpoint(URI endpoint) {
        return set("endpoint", endpoint == null ? null : endpoint.toString());
    }

    /**
     * Extra request headers, such as {@code x-api-key}, a secret masked everywhere; key {@code headers}, default
     * none. A name that is not an HTTP token or one the HTTP client sets itself ({@code Host}, {@code Connection},
     * {@code Content-Length}, {@code Expect}, {@code Upgrade}), or a control character in a value, fails the build;
     * a name holding {@code =} or {@code ,}, or a value holding {@code ,}, is refused here.
     */
    public OtlpExporterBuilder headers(Map<String, String> headers) {
        return set("headers", headers);
    }

    /** Request body compression; key {@code compression}, default {@link Compression#NONE}. */
    public OtlpExporterBuilder compression(Compression compression) {
        return set("compression", compression);
    }

    /**
     * Whether sums and the histogram count from the last reset or from the previous delivered push; key
     * {@code temporality}, default {@link Temporality#CUMULATIVE}.
     */
    public OtlpExporterBuilder temporality(Temporality temporality) {
        return set("temporality", temporality);
    }

    /** The resource's {@code service.name}; key {@code service-name}, default none ({@code OTEL_SERVICE_NAME}). */
    public OtlpExporterBuilder serviceName(String serviceName) {
        return set("service-name", serviceName);
    }

    /**
     * A PEM file of the certificates to trust for an {@code https} endpoint instead of the JVM's; key
     * {@code certificate}, no default. Read and checked when the scheduler is built.
     */
    public OtlpExporterBuilder certificate(Path pemFile) {
        return set("certificate", pemFile == null ? null : pemFile.toString());
    }

    /**
     * The client's PEM PKCS#8 private key and its PEM certificate, for mutual TLS; keys {@code client-key} and
     * {@code client-certificate}, no default. Read and checked when the scheduler is built.
     */
    public OtlpExporterBuilder clientTls(Path keyPemFile, Path certificatePemFile) {
        set("client-key", keyPemFile == null ? null : keyPemFile.toString());
        return set("client-certificate", certificatePemFile == null ? null : certificatePemFile.toString());
    }

    /** The exporter with these settings, configured and checked when the scheduler is built. */
    public OtlpExporter build() {
        return new OtlpExporter(settings());
    }
}
