package io.symphra.exporter.influx;

import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushFailedException;
import io.symphra.exporter.support.PushOutcome;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.metrics.config.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes to the InfluxDB 1.x endpoint {@code /write?db=...&rp=...&precision=...} with the push client every Symphra
 * HTTP exporter shares, one attempt per {@link #send} (the exporter decides about retries). Credentials go in an
 * HTTP Basic {@code Authorization} header, which InfluxDB 1.x accepts as it accepts {@code u}/{@code p} query
 * parameters: a header keeps the password out of the URL, and so out of access logs, proxies and our messages.
 */
final class V1WriteSender implements InfluxSender {

    private static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final InfluxSettings settings;
    private final HttpPushClient client;

    private V1WriteSender(InfluxSettings settings, HttpPushClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Creates the client; opens no connection yet. */
    static V1WriteSender open(InfluxSettings settings) {
        PushRetryPolicy retry = settings.retry();
        HttpPushClient.Builder client = HttpPushClient.builder(writeUrl(settings))
                .timeout(settings.timeout())
                .retryPolicy(new PushRetryPolicy(1, retry.backoff(), retry.maxBackoff()))
                .credentialsKey("symphra.exporter.influx.username and symphra.exporter.influx.password");
        if (settings.credentials() != null) {
            client.headers(Map.of("Authorization", Secret.of("Basic " + InfluxSettings.basic(settings.credentials()))));
        }
        return new V1WriteSender(settings, client.build());
    }

    /** The base URL's {@code write} endpoint with the database, retention policy and precision as its query. */
    static URI writeUrl(InfluxSettings settings) {
        String base = settings.url().endsWith("/") ? settings.url() : settings.url() + "/";
        StringBuilder url = new StringBuilder(base).append("write?db=").append(encode(settings.database()));
        if (settings.retentionPolicy() != null) {
            url.append("&rp=").append(encode(settings.retentionPolicy()));
        }
        url.append("&precision=").append(settings.precision().v1Name());
        return URI.create(url.toString());
    }

    @Override
    public Result send(List<String> points) {
        byte[] body = String.join("\n", points).getBytes(StandardCharsets.UTF_8);
        try {
            int status = client.push(body, CONTENT_TYPE, Map.of());
            return new Result(PushOutcome.DELIVERED, status, "", Optional.empty());
        } catch (PushFailedException e) {
            return new Result(e.outcome(), e.status().orElse(0), settings.detail(e), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(PushOutcome.RETRYABLE, 0, "interrupted", Optional.empty());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
