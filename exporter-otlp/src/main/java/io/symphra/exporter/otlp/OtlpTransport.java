package io.symphra.exporter.otlp;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.symphra.exporter.support.PushFailedException;
import io.symphra.exporter.support.PushRetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands metric data to the SDK's OTLP exporter and bounds the wait: a push returns or fails within the longest a
 * push can take ({@link PushRetryPolicy#longestPush}: every attempt taking its whole {@code timeout}, with the
 * longest waits between them), whatever the receiver does. At most one push is in flight: one that timed out on
 * our side may still be retrying, and the next push is refused until it ends, so requests never pile up.
 */
final class OtlpTransport implements AutoCloseable {

    private static final Duration CLOSE_BOUND = Duration.ofSeconds(2);

    /** What a refused push (401, 403) tells the user to check. */
    static final String CREDENTIALS_KEYS = "symphra.exporter.otlp.headers or OTEL_EXPORTER_OTLP_HEADERS";

    /** Room for the last attempt's answer to arrive after the push's own bound, so that it is reported as is. */
    private static final Duration REPORT_MARGIN = Duration.ofSeconds(1);

    private final MetricExporter exporter;
    private final Duration timeout;
    private final Duration bound;
    private final String target;
    private final AtomicReference<CompletableResultCode> inFlight = new AtomicReference<>();

    /**
     * A transport over any SDK metric exporter; {@code target} names it in messages. A push is waited for at most
     * {@code bound}; {@code timeout}, the bound of one attempt, also bounds closing.
     */
    OtlpTransport(MetricExporter exporter, Duration timeout, Duration bound, String target) {
        this.exporter = exporter;
        this.timeout = timeout;
        this.bound = bound;
        this.target = target;
    }

    /** Builds the SDK exporter for the settings' protocol. Opens no connection yet. */
    static OtlpTransport open(OtlpSettings settings) {
        MetricExporter exporter = settings.protocol() == OtlpProtocol.GRPC ? grpc(settings) : http(settings);
        return new OtlpTransport(
                exporter,
                settings.timeout(),
                settings.retry().longestPush(settings.timeout()).plus(REPORT_MARGIN),
                settings.protocol().wireName() + " " + settings.endpointForLogs());
    }

    private static MetricExporter http(OtlpSettings s) {
        OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
                .setEndpoint(s.endpoint().toString())
                .setTimeout(s.timeout())
                .setCompression(s.compression().sdkName())
                // Retried by the shared push client, under the policy and status table of every HTTP exporter.
                .setRetryPolicy(null)
                // The SDK would otherwise look up GlobalOpenTelemetry to meter itself, which may configure a
                // global SDK as a side effect.
                .setMeterProvider(MeterProvider.noop())
                // Sends with the JVM's shared HTTP client: a closed exporter leaves no thread behind.
                .setComponentLoader(new SharedClientSenderLoader(s.retry(), CREDENTIALS_KEYS));
        s.headers().forEach(builder::addHeader);
        s.tls().trustedCertificates().ifPresent(builder::setTrustedCertificates);
        s.tls()
                .clientKey()
                .ifPresent(key ->
                        builder.setClientTls(key, s.tls().clientCertificate().orElseThrow()));
        return builder.build();
    }

    private static MetricExporter grpc(OtlpSettings s) {
        OtlpGrpcMetricExporterBuilder builder = OtlpGrpcMetricExporter.builder()
                .setEndpoint(s.endpoint().toString())
                .setTimeout(s.timeout())
                .setConnectTimeout(s.timeout())
                .setCompression(s.compression().sdkName())
                .setRetryPolicy(grpcRetryPolicy(s.retry()))
                .setMeterProvider(MeterProvider.noop())
                .setServiceClassLoader(OtlpTransport.class.getClassLoader());
        s.headers().forEach(builder::addHeader);
        s.tls().trustedCertificates().ifPresent(builder::setTrustedCertificates);
        s.tls()
                .clientKey()
                .ifPresent(key ->
                        builder.setClientTls(key, s.tls().clientCertificate().orElseThrow()));
        return builder.build();
    }

    /**
     * The same policy for gRPC, whose retries the SDK runs (its gRPC senders are not ours to replace): the attempts,
     * the first wait and the cap of {@code retry}, doubling. The SDK draws each wait between zero and the step, and
     * retries the gRPC statuses it deems passing. {@code null}, which the SDK builders take as "no retries", for a
     * single attempt.
     */
    static RetryPolicy grpcRetryPolicy(PushRetryPolicy retry) {
        if (retry.maxAttempts() < 2) {
            return null;
        }
        return RetryPolicy.builder()
                .setMaxAttempts(retry.maxAttempts())
                .setInitialBackoff(retry.backoff())
                .setMaxBackoff(retry.maxBackoff())
                .setBackoffMultiplier(2)
                .build();
    }

    /**
     * Sends one push and waits for the receiver's answer, at most the configured timeout.
     *
     * @param onDelivered run once the receiver accepted the data, even if that happens after this method gave up
     * @throws TimeoutException when no answer came in time
     * @throws IOException      when the receiver refused the data, or the previous push is still in flight
     */
    void send(Collection<MetricData> metrics, Runnable onDelivered) throws IOException, TimeoutException {
        CompletableResultCode previous = inFlight.get();
        if (previous != null) {
            throw new IOException("OTLP push to " + target + " skipped: the previous push is still in flight");
        }
        CompletableResultCode result = exporter.export(metrics);
        inFlight.set(result);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                onDelivered.run();
            }
            inFlight.compareAndSet(result, null);
        });
        result.join(bound.toNanos(), TimeUnit.NANOSECONDS);
        if (!result.isDone()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("OTLP push to " + target + " interrupted");
            }
            throw new TimeoutException("OTLP push to " + target + " got no answer within " + bound);
        }
        if (!result.isSuccess()) {
            Throwable cause = result.getFailureThrowable();
            if (isTimeout(cause)) {
                // The last attempt got no answer within its timeout: reported as a timeout, as our own wait is.
                TimeoutException timeoutException =
                        new TimeoutException("OTLP push to " + target + " got no answer within " + timeout);
                timeoutException.initCause(cause);
                throw timeoutException;
            }
            throw new IOException("OTLP push to " + target + " failed" + describe(cause), cause);
        }
    }

    /** The push client's message where there is one: it says why, and for a 401 which key to check. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PushFailedException pushFailed) {
                return ": " + pushFailed.getMessage();
            }
        }
        return failure == null ? "" : ": " + failure.getMessage();
    }

    private static boolean isTimeout(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        exporter.shutdown().join(Math.min(timeout.toMillis(), CLOSE_BOUND.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "OtlpTransport[" + target + "]";
    }
}
