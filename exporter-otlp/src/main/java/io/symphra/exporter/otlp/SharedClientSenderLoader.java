package io.symphra.exporter.otlp;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.symphra.exporter.support.PushRetryPolicy;
import java.util.List;

/**
 * What the SDK's OTLP/HTTP exporter finds when it looks for its components: our {@link SharedClientHttpSender} as
 * the only HTTP sender, whatever other senders the class path holds, and everything else from our class loader.
 * Choosing the sender here, not with the SDK's system property, leaves the rest of the application's OpenTelemetry
 * set-up untouched.
 */
final class SharedClientSenderLoader implements ComponentLoader {

    private final ComponentLoader others = ComponentLoader.forClassLoader(OtlpTransport.class.getClassLoader());
    private final PushRetryPolicy retry;
    private final String credentialsKey;

    /** The sender it hands out retries with {@code retry}; a 401 or 403 says to check {@code credentialsKey}. */
    SharedClientSenderLoader(PushRetryPolicy retry, String credentialsKey) {
        this.retry = retry;
        this.credentialsKey = credentialsKey;
    }

    @Override
    public <T> Iterable<T> load(Class<T> spi) {
        if (spi == HttpSenderProvider.class) {
            HttpSenderProvider provider = config -> new SharedClientHttpSender(config, retry, credentialsKey);
            return List.of(spi.cast(provider));
        }
        return others.load(spi);
    }
}
