package io.symphra.tracing.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The SDK's ended spans, kept in memory for a test's assertions (with a {@code SimpleSpanProcessor}). */
final class CollectedSpans implements SpanExporter {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    List<SpanData> ended() {
        return List.copyOf(ended);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        ended.addAll(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
