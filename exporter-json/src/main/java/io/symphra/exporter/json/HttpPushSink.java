package io.symphra.exporter.json;

import io.symphra.exporter.json.JsonExporterSettings.PushSettings;
import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushFailedException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;

/**
 * POSTs each document to an HTTP endpoint with the shared {@link HttpPushClient}: its per-attempt timeout, retry
 * policy, status table and bounded reading of answers. Header values are secrets and never reach a message.
 */
final class HttpPushSink implements DocumentSink {

    private final HttpPushClient client;

    private HttpPushSink(HttpPushClient client) {
        this.client = client;
    }

    /**
     * A sink for {@code settings}. A failed push is reported by the exception {@link #accept} throws, which the
     * scheduler logs, throttled; {@code log} only gets the attempts retried within one push, at DEBUG. A
     * {@code Retry-After} date is read against {@code clock}.
     */
    static HttpPushSink create(PushSettings settings, Clock clock, Logger log) {
        return new HttpPushSink(HttpPushClient.builder(settings.url())
                .timeout(settings.timeout())
                .retryPolicy(settings.retry())
                .headers(settings.headers())
                .credentialsKey("symphra.exporter.json." + JsonExporterSettings.PUSH_HEADERS)
                .logger(log)
                .clock(clock)
                .build());
    }

    @Override
    public String describe() {
        return client.target();
    }

    @Override
    public void accept(byte[] document) throws PushFailedException, InterruptedException {
        client.push(document, JsonMetricsFormat.CONTENT_TYPE, Map.of());
    }

    @Override
    public void close() {
        client.close();
    }
}
