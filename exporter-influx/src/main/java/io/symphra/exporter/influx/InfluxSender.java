package io.symphra.exporter.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.exceptions.InfluxException;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Writes batches of already rendered line-protocol points with the InfluxDB client's blocking write API, every
 * request bounded by the configured timeout, and says how each write ended instead of throwing.
 */
final class InfluxSender implements AutoCloseable {

    /** How a write ended, and so what to do with its points. */
    enum Outcome {
        /** Stored: drop the points from the buffer. */
        DELIVERED,
        /** The credentials were refused (401, 403): drop the points, retrying cannot help. */
        UNAUTHORIZED,
        /** The server refused the data itself (another 4xx): drop the points, retrying cannot help. */
        REJECTED,
        /** The server was unreachable, too slow, or failed (5xx, 408, 429): keep the points for later. */
        UNAVAILABLE
    }

    /**
     * @param outcome how the write ended
     * @param status  the HTTP status, or 0 when no response came
     * @param detail  what the server or the client said, already scrubbed of secrets
     */
    record Result(Outcome outcome, int status, String detail) {
        static final Result DELIVERED = new Result(Outcome.DELIVERED, 204, "");
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
            return new Result(classify(e.status()), e.status(), detail(e));
        } catch (RuntimeException e) {
            return new Result(Outcome.UNAVAILABLE, 0, detail(e));
        }
    }

    static Outcome classify(int status) {
        if (status == 401 || status == 403) {
            return Outcome.UNAUTHORIZED;
        }
        if (status == 408 || status == 429 || status == 0 || status >= 500) {
            return Outcome.UNAVAILABLE;
        }
        if (status >= 400) {
            return Outcome.REJECTED;
        }
        // A 1xx or 3xx the client did not follow: treat as a server that is not ready.
        return Outcome.UNAVAILABLE;
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
