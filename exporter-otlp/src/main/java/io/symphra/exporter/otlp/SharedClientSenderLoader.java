package io.symphra.exporter.otlp;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.util.List;

/**
 * What the SDK's OTLP/HTTP exporter finds when it looks for its components: our {@link SharedClientHttpSender} as
 * the only HTTP sender, whatever other senders the class path holds, and everything else from our class loader.
 * Choosing the sender here, not with the SDK's system property, leaves the rest of the application's OpenTelemetry
 * set-up untouched.
 */
final class SharedClientSenderLoader implements ComponentLoader {

    private final ComponentLoader others = ComponentLoader.forClassLoader(OtlpTransport.class.getClassLoader());

    @Override
    public <T> Iterable<T> load(Class<T> spi) {
        if (spi == HttpSenderProvider.class) {
            HttpSenderProvider provider = SharedClientHttpSender::new;
            return List.of(spi.cast(provider));
        }
        return others.load(spi);
    }
}
