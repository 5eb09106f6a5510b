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
 * Writes to {@code /api/v2/write} (InfluxDB 2, InfluxDB 1.8's compatibility endpoint, VictoriaMetrics) with the
 * InfluxDB client's blocking write API.
 */
final class V2WriteSender implements InfluxSender {

    private final InfluxSettings settings;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;

    private V2WriteSender(InfluxSettings settings, InfluxDBClient client) {
        this.settings = settings;
        this.client = client;
        this.writes = client.getWriteApiBlocking();
    }

    /** Creates the client; opens no connection yet. */
    static V2WriteSender open(InfluxSettings settings) {
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
        return new V2WriteSender(settings, InfluxDBClientFactory.create(options.build()));
    }

    @Override
    public Result send(List<String> points) {
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
        return settings.detail(e);
    }

    @Override
    public void close() {
        client.close();
    }
}
