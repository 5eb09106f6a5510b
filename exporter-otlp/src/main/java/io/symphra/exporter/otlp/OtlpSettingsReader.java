package io.symphra.exporter.otlp;

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.symphra.exporter.support.MessageText;
import io.symphra.exporter.support.PushHeaders;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.exporter.support.PushUrl;
import io.symphra.metrics.config.DurationLimit;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.WholeNumber;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates {@link OtlpSettings} from the {@code symphra.exporter.otlp.*} keys and the standard
 * {@code OTEL_*} environment variables. A {@code symphra} key always wins over an {@code OTEL_*} variable, and a
 * metrics-specific variable over the generic one; the one exception is {@code OTEL_SDK_DISABLED=true}, a switch that
 * turns the exporter off whatever {@code enabled} says.
 */
final class OtlpSettingsReader {

    static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:4318/v1/metrics";
    static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The SDK's retry policy, which runs gRPC retries, allows at most 5 attempts. */
    static final int GRPC_MAX_ATTEMPTS_LIMIT = 5;

    static final String SDK_DISABLED = "OTEL_SDK_DISABLED";
    /** The shortest push interval the scheduler allows. */
    private static final long MIN_INTERVAL_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(OtlpSettingsReader.class);

    private final ExporterConfig config;

    private OtlpSettingsReader(ExporterConfig config) {
        this.config = config;
    }

    /** Reads every setting, failing on the first bad one with an {@code InvalidConfigException}. */
    static OtlpSettings read(ExporterConfig config) {
        return new OtlpSettingsReader(config).read();
    }

    private OtlpSettings read() {
        OtlpProtocol protocol = protocol();
        return new OtlpSettings(
                protocol,
                endpoint(protocol),
                headers(),
                compression(),
                timeout(),
                temporality(),
                retry(protocol),
                resource(),
                tls());
    }

    /**
     * The push interval when {@code interval} is not set: {@code OTEL_METRIC_EXPORT_INTERVAL} (whole milliseconds,
     * as the SDK reads it) if set, else {@link OtlpExporter#DEFAULT_INTERVAL}.
     */
    static Duration exportInterval(ExporterConfig config) {
        Optional<RawSetting> raw = new OtlpSettingsReader(config).env("OTEL_METRIC_EXPORT_INTERVAL", false);
        if (raw.isEmpty()) {
            return OtlpExporter.DEFAULT_INTERVAL;
        }
        OptionalLong millis = WholeNumber.parse(raw.get().text());
        if (millis.isEmpty()
                || millis.getAsLong() < MIN_INTERVAL_MILLIS
                || millis.getAsLong() > DurationLimit.MAX.toMillis()) {
            throw raw.get()
                    .invalid(
                            config,
                            "expected a whole number of milliseconds from " + MIN_INTERVAL_MILLIS + " to "
                                    + DurationLimit.MAX.toMillis() + " (100000d)");
        }
        return Duration.ofMillis(millis.getAsLong());
    }

    /**
     * {@code OTEL_SDK_DISABLED}, read as the SDK reads it: {@code true} in any case switches the exporter off; any
     * other value leaves it on, with a warning unless it is {@code false}.
     */
    static Optional<String> disabledBy(ExporterConfig config) {
        Optional<String> value = config.environment(SDK_DISABLED).map(String::trim);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        if (value.get().equalsIgnoreCase("true")) {
            return Optional.of("environment variable " + SDK_DISABLED + "=true");
        }
        LOG.warn(
                "Environment variable {}='{}' is neither true nor false; read as false, as the OpenTelemetry SDK"
                        + " does",
                SDK_DISABLED,
                MessageText.printable(value.get()));
        return Optional.empty();
    }

    private PushRetryPolicy retry(OtlpProtocol protocol) {
        PushRetryPolicy retry = PushRetryPolicy.from(config);
        if (protocol == OtlpProtocol.GRPC && retry.maxAttempts() > GRPC_MAX_ATTEMPTS_LIMIT) {
            throw config.invalid(
                    PushRetryPolicy.MAX_ATTEMPTS_KEY,
                    "expected at most " + GRPC_MAX_ATTEMPTS_LIMIT + " with protocol grpc, whose retries the"
                            + " OpenTelemetry SDK runs");
        }
        return retry;
    }

    private OtlpProtocol protocol() {
        Optional<RawSetting> raw =
                first("protocol", false, "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
        if (raw.isEmpty()) {
            return OtlpProtocol.HTTP_PROTOBUF;
        }
        OtlpProtocol protocol = OtlpProtocol.fromWireName(raw.get().text())
                .orElseThrow(
                        () -> raw.get().invalid(config, "expected http/protobuf or grpc (http/json is not supported)"));
        if (protocol == OtlpProtocol.GRPC && !grpcSenderAvailable()) {
            throw raw.get()
                    .invalid(
                            config,
                            "gRPC needs a gRPC sender on the class path: add"
                                    + " io.opentelemetry:opentelemetry-exporter-sender-okhttp (or"
                                    + " opentelemetry-exporter-sender-grpc-managed-channel), or use http/protobuf");
        }
        return protocol;
    }

    private static boolean grpcSenderAvailable() {
        return ServiceLoader.load(GrpcSenderProvider.class, OtlpSettingsReader.class.getClassLoader()).stream()
                .findAny()
                .isPresent();
    }

    private URI endpoint(OtlpProtocol protocol) {
        Optional<URI> own = config.httpUrl("endpoint");
        if (own.isPresent()) {
            return withoutCredentials(own.get(), new RawSetting("endpoint", "", false, false));
        }
        Optional<RawSetting> specific = env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", false);
        if (specific.isPresent()) {
            return parseUrl(specific.get());
        }
        Optional<RawSetting> generic = env("OTEL_EXPORTER_OTLP_ENDPOINT", false);
        if (generic.isPresent()) {
            URI base = parseUrl(generic.get());
            if (protocol == OtlpProtocol.GRPC) {
                return base;
            }
            // The generic endpoint names the collector; the signal's path is appended for HTTP (OTLP spec).
            String text = base.toString();
            return URI.create(text.endsWith("/") ? text + "v1/metrics" : text + "/v1/metrics");
        }
        return URI.create(protocol == OtlpProtocol.GRPC ? DEFAULT_GRPC_ENDPOINT : DEFAULT_HTTP_ENDPOINT);
    }

    private URI parseUrl(RawSetting raw) {
        try {
            URI uri = new URI(raw.text());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return withoutCredentials(uri, raw);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw raw.invalid(config, "expected an absolute http:// or https:// URL with a host");
    }

    /**
     * The SDK's exporters send no user info from the endpoint: refused, so that credentials are not silently
     * dropped, and so that they live in the headers, whose values are masked everywhere.
     */
    private URI withoutCredentials(URI uri, RawSetting origin) {
        return PushUrl.withoutCredentials(
                uri,
                config.key("headers")
                        + " or OTEL_EXPORTER_OTLP_HEADERS (Authorization=Basic <base64 of user:password>)",
                reason -> origin.invalid(config, reason));
    }

    private Map<String, String> headers() {
        Map<String, String> headers;
        RawSetting origin;
        if (config.string("headers").isPresent()) {
            headers = config.map("headers", true);
            origin = new RawSetting("headers", "", false, true);
        } else {
            Optional<RawSetting> raw =
                    env("OTEL_EXPORTER_OTLP_METRICS_HEADERS", true).or(() -> env("OTEL_EXPORTER_OTLP_HEADERS", true));
            if (raw.isEmpty()) {
                return Map.of();
            }
            origin = raw.get();
            try {
                headers = KeyValueList.parse(origin.text());
            } catch (IllegalArgumentException e) {
                throw origin.invalid(config, e.getMessage());
            }
        }
        Map<String, String> checked = new LinkedHashMap<>();
        PushHeaders.check(headers, reason -> origin.invalid(config, reason))
                .forEach((name, value) -> checked.put(name, value.reveal()));
        return checked;
    }

    private Compression compression() {
        if (config.string("compression").isPresent()) {
            return config.enumValue("compression", Compression.class, Compression.NONE);
        }
        Optional<RawSetting> raw = env("OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", false)
                .or(() -> env("OTEL_EXPORTER_OTLP_COMPRESSION", false));
        if (raw.isEmpty()) {
            return Compression.NONE;
        }
        return switch (raw.get().text().trim().toLowerCase(Locale.ROOT)) {
            case "gzip" -> Compression.GZIP;
            case "none" -> Compression.NONE;
            default -> throw raw.get().invalid(config, "expected one of [gzip, none]");
        };
    }

    private Duration timeout() {
        if (config.string("timeout").isPresent()) {
            return config.duration("timeout", DEFAULT_TIMEOUT);
        }
        Optional<RawSetting> raw =
                env("OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", false).or(() -> env("OTEL_EXPORTER_OTLP_TIMEOUT", false));
        if (raw.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        // ASCII digits only, as every number in Symphra's configuration; and no longer than any other duration.
        String text = raw.get().text().trim();
        String expected = "expected a positive whole number of milliseconds";
        OptionalLong millis = WholeNumber.parse(text);
        long maxMillis = DurationLimit.MAX.toMillis();
        if (millis.isPresent() && millis.getAsLong() > maxMillis) {
            throw raw.get().invalid(config, expected + ", at most " + maxMillis + " (100000d)");
        }
        if (millis.isPresent() && millis.getAsLong() > 0) {
            return Duration.ofMillis(millis.getAsLong());
        }
        throw raw.get().invalid(config, expected);
    }

    private Temporality temporality() {
        if (config.string("temporality").isPresent()) {
            return config.enumValue("temporality", Temporality.class, Temporality.CUMULATIVE);
        }
        Optional<RawSetting> raw = env("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", false);
        if (raw.isEmpty()) {
            return Temporality.CUMULATIVE;
        }
        return switch (raw.get().text().trim().toLowerCase(Locale.ROOT)) {
            case "cumulative" -> Temporality.CUMULATIVE;
            // Every sum here comes from a counter and the histogram from durations: lowmemory makes both delta.
            case "delta", "lowmemory" -> Temporality.DELTA;
            default -> throw raw.get().invalid(config, "expected one of [cumulative, delta, lowmemory]");
        };
    }

    private ResourceSettings resource() {
        Map<String, String> attributes = Map.of();
        Optional<RawSetting> raw = env("OTEL_RESOURCE_ATTRIBUTES", false);
        if (raw.isPresent()) {
            try {
                attributes = KeyValueList.parse(raw.get().text());
            } catch (IllegalArgumentException e) {
                throw raw.get().invalid(config, e.getMessage());
            }
            for (String key : attributes.keySet()) {
                if (!ResourceFactory.isValidKey(key)) {
                    throw raw.get()
                            .invalid(
                                    config,
                                    "attribute key '" + MessageText.printable(key) + "' must be printable"
                                            + " ASCII of at most 255 characters");
                }
            }
        }
        Optional<String> serviceName = config.string("service-name")
                .or(() -> config.environment("OTEL_SERVICE_NAME"))
                .map(String::trim);
        return new ResourceSettings(attributes, serviceName);
    }

    /**
     * The trusted certificates and the client's key and certificate: each from its {@code symphra} key, else the
     * metrics-specific variable, else the generic one. Every file is read and parsed here, so that a missing file
     * or a bad PEM fails the build naming the key or variable.
     */
    private OtlpTls tls() {
        Optional<RawSetting> trusted =
                first("certificate", false, "OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE", "OTEL_EXPORTER_OTLP_CERTIFICATE");
        Optional<RawSetting> key =
                first("client-key", false, "OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY", "OTEL_EXPORTER_OTLP_CLIENT_KEY");
        Optional<RawSetting> certificate = first(
                "client-certificate",
                false,
                "OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE",
                "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE");
        if (key.isPresent() != certificate.isPresent()) {
            RawSetting given = key.or(() -> certificate).orElseThrow();
            String missing = key.isPresent()
                    ? "client-certificate (or OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE)"
                    : "client-key (or OTEL_EXPORTER_OTLP_CLIENT_KEY)";
            throw given.invalid(config, "mutual TLS needs both the client key and its certificate: set " + missing);
        }
        Optional<byte[]> trustedPem = trusted.map(this::readFile);
        Optional<byte[]> keyPem = key.map(this::readFile);
        Optional<byte[]> certificatePem = certificate.map(this::readFile);
        // The SDK's builder parses the PEM at once; a throwaway one checks it now, naming the setting.
        OtlpHttpMetricExporterBuilder check = OtlpHttpMetricExporter.builder();
        if (trustedPem.isPresent()) {
            try {
                check.setTrustedCertificates(trustedPem.get());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw trusted.get().invalid(config, "expected PEM X.509 certificates to trust");
            }
        }
        if (keyPem.isPresent()) {
            try {
                check.setClientTls(keyPem.get(), certificatePem.orElseThrow());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw key.get()
                        .invalid(
                                config,
                                "expected a PEM PKCS#8 private key and, in "
                                        + certificate.get().name() + ", its PEM X.509 certificate");
            }
        }
        return new OtlpTls(trustedPem, keyPem, certificatePem);
    }

    private byte[] readFile(RawSetting path) {
        try {
            return Files.readAllBytes(Path.of(path.text()));
        } catch (IOException | InvalidPathException e) {
            throw path.invalid(config, "cannot read the file: " + e.getClass().getSimpleName());
        }
    }

    /** The {@code symphra} key if set, else the first environment variable that is set. */
    private Optional<RawSetting> first(String relativeKey, boolean secret, String... variables) {
        Optional<String> own = config.string(relativeKey);
        if (own.isPresent()) {
            return Optional.of(new RawSetting(relativeKey, own.get(), false, secret));
        }
        for (String variable : variables) {
            Optional<RawSetting> found = env(variable, secret);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<RawSetting> env(String variable, boolean secret) {
        return config.environment(variable).map(text -> new RawSetting(variable, text.trim(), true, secret));
    }
}
