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
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Hands metric data to the SDK's OTLP exporter and bounds the wait: a push returns or fails within the configured
 * timeout, whatever the receiver does. At most one request is in flight: a push that timed out on our side may
 * still be retrying inside the SDK, and the next push is refused until it ends, so requests never pile up.
 */
final class OtlpTransport implements AutoCloseable {

    private static final Duration CLOSE_BOUND = Duration.ofSeconds(2);

    private final MetricExporter exporter;
    private final Duration timeout;
    private final String target;
    private final AtomicReference<CompletableResultCode> inFlight = new AtomicReference<>();

    /** A transport over any SDK metric exporter; {@code target} names it in messages. */
    OtlpTransport(MetricExporter exporter, Duration timeout, String target) {
        this.exporter = exporter;
        this.timeout = timeout;
        this.target = target;
    }

    /** Builds the SDK exporter for the settings' protocol. Opens no connection yet. */
    static OtlpTransport open(OtlpSettings settings) {
        MetricExporter exporter = settings.protocol() == OtlpProtocol.GRPC ? grpc(settings) : http(settings);
        return new OtlpTransport(
                exporter, settings.timeout(), settings.protocol().wireName() + " " + settings.endpointForLogs());
    }

    private static MetricExporter http(OtlpSettings s) {
        OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
                .setEndpoint(s.endpoint().toString())
                .setTimeout(s.timeout())
                .setCompression(s.compression().sdkName())
                .setRetryPolicy(retryPolicy(s))
                // The SDK would otherwise look up GlobalOpenTelemetry to meter itself, which may configure a
                // global SDK as a side effect.
                .setMeterProvider(MeterProvider.noop())
                // Sends with the JVM's shared HTTP client: a closed exporter leaves no thread behind.
                .setComponentLoader(new SharedClientSenderLoader());
        s.headers().forEach(builder::addHeader);
        return builder.build();
    }

    private static MetricExporter grpc(OtlpSettings s) {
        OtlpGrpcMetricExporterBuilder builder = OtlpGrpcMetricExporter.builder()
                .setEndpoint(s.endpoint().toString())
                .setTimeout(s.timeout())
                .setConnectTimeout(s.timeout())
                .setCompression(s.compression().sdkName())
                .setRetryPolicy(retryPolicy(s))
                .setMeterProvider(MeterProvider.noop())
                .setServiceClassLoader(OtlpTransport.class.getClassLoader());
        s.headers().forEach(builder::addHeader);
        return builder.build();
    }

    /**
     * The SDK retries 429, 502, 503 and 504 (honouring Retry-After) and I/O errors. A request that timed out is
     * not retried: the receiver is there but silent, and another full timeout would only stretch the push.
     * {@code null}, which the SDK builders take as "no retries", for a single attempt.
     */
    static RetryPolicy retryPolicy(OtlpSettings s) {
        if (s.maxAttempts() < 2) {
            return null;
        }
        return RetryPolicy.builder()
                .setMaxAttempts(s.maxAttempts())
                .setInitialBackoff(Duration.ofMillis(500))
                .setMaxBackoff(Duration.ofSeconds(5))
                .setBackoffMultiplier(1.5)
                .setRetryExceptionPredicate(OtlpTransport::isRetryable)
                .build();
    }

    static boolean isRetryable(IOException e) {
        return !(e instanceof HttpTimeoutException || e instanceof InterruptedIOException || e instanceof SSLException);
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
        result.join(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!result.isDone()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("OTLP push to " + target + " interrupted");
            }
            throw new TimeoutException("OTLP push to " + target + " got no answer within " + timeout);
        }
        if (!result.isSuccess()) {
            Throwable cause = result.getFailureThrowable();
            if (isTimeout(cause)) {
                // The SDK's own attempt timeout (the same length) may fire just before our wait ends: the same
                // event, reported the same way.
                TimeoutException timeoutException =
                        new TimeoutException("OTLP push to " + target + " got no answer within " + timeout);
                timeoutException.initCause(cause);
                throw timeoutException;
            }
            throw new IOException(
                    "OTLP push to " + target + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
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
