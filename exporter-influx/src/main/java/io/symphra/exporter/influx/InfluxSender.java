package io.symphra.exporter.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.exceptions.InfluxException;
import io.symphra.exporter.support.PushOutcome;
import io.symphra.exporter.support.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Writes batches of already rendered line-protocol points with the InfluxDB client's blocking write API, every
 * request (one attempt) bounded by the configured timeout, and says how each write ended instead of throwing.
 */
final class InfluxSender implements AutoCloseable {

    /**
     * How one write ended, judged by the status table every Symphra HTTP exporter shares ({@link PushOutcome}): a
     * write that got no answer at all (unreachable, timed out) is {@link PushOutcome#RETRYABLE}.
     *
     * @param outcome    what the answer means
     * @param status     the HTTP status, or 0 when no response came
     * @param detail     what the server or the client said, already scrubbed of secrets
     * @param retryAfter the wait the server asked for with {@code Retry-After}, if it did
     */
    record Result(PushOutcome outcome, int status, String detail, Optional<Duration> retryAfter) {
        static final Result DELIVERED = new Result(PushOutcome.DELIVERED, 204, "", Optional.empty());
    }

    private static final int MAX_DETAIL = 500;

    private final InfluxSettings settings;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;

    private InfluxSender(InfluxSettings settings, InfluxDBClient client) {
        this.settings = settings;
        this.client = client;
        this.writes = client.getWriteApiBlocking();
    }

    /** Creates the client; opens no connection yet. */
    static InfluxSender open(InfluxSettings settings) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .addNetworkInterceptor(new BoundedBodyInterceptor());
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(settings.url())
                .okHttpClient(http)
                // NONE: the client's HTTP logging would print the Authorization header at HEADERS level.
                .logLevel(LogLevel.NONE)
                .org(settings.org())
                .bucket(settings.bucket())
                .precision(settings.precision().writePrecision());
        if (settings.credentials() != null) {
            options.authenticateToken(settings.credentials().reveal().toCharArray());
        }
        return new InfluxSender(settings, InfluxDBClientFactory.create(options.build()));
    }

    /** Writes the points as one request. Never throws. */
    Result send(List<String> points) {
        try {
            writes.writeRecords(
                    settings.bucket(), settings.org(), settings.precision().writePrecision(), points);
            return Result.DELIVERED;
        } catch (InfluxException e) {
            int status = e.status();
            PushOutcome outcome = status == 0 ? PushOutcome.RETRYABLE : PushOutcome.ofStatus(status);
            return new Result(outcome, status, detail(e), retryAfter(e));
        } catch (RuntimeException e) {
            return new Result(PushOutcome.RETRYABLE, 0, detail(e), Optional.empty());
        }
    }

    private static Optional<Duration> retryAfter(InfluxException e) {
        Map<String, String> headers = e.headers();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(h -> RetryAfter.HEADER.equalsIgnoreCase(h.getKey()) && h.getValue() != null)
                .findFirst()
                .flatMap(h -> RetryAfter.parse(h.getValue(), Clock.systemUTC()));
    }

    private String detail(RuntimeException e) {
        // Only the messages, never the exception objects: a library's exception could carry request details.
        StringBuilder text = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        String scrubbed = settings.scrub(text.toString());
        return scrubbed.length() <= MAX_DETAIL ? scrubbed : scrubbed.substring(0, MAX_DETAIL) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
