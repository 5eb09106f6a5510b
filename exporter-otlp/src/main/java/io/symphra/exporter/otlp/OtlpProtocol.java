package io.symphra.exporter.otlp;

import java.util.Locale;
import java.util.Optional;

/**
 * The OTLP transports this exporter speaks, by their names in the OTLP exporter specification; chosen with
 * {@code symphra.exporter.otlp.protocol} or {@link OtlpExporterBuilder#protocol}.
 */
public enum OtlpProtocol {
    /** OTLP/HTTP with protobuf bodies, {@code http/protobuf}: the default. */
    HTTP_PROTOBUF("http/protobuf"),
    /** OTLP/gRPC, {@code grpc}: needs a gRPC sender on the class path (see {@code docs/otlp.md}). */
    GRPC("grpc");

    private final String wireName;

    OtlpProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration and in {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
    String wireName() {
        return wireName;
    }

    /** The protocol written {@code text} (any case), if it is one we speak. */
    static Optional<OtlpProtocol> fromWireName(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (OtlpProtocol protocol : values()) {
            if (protocol.wireName.equals(wanted)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
