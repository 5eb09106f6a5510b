package io.symphra.tracing.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.ExecutionEvent;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.TaskListener;
import io.symphra.scheduler.time.ManualClock;
import io.symphra.scheduler.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fire that stops between attempts still ends its span, as abandoned, and leaves the interceptor. */
class AbandonedFireSpansTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final CollectedSpans spans = new CollectedSpans();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build();
    private final TracingInterceptor tracing = (TracingInterceptor) SymphraTracing.create(
            OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        worker.shutdownNow();
        tracerProvider.close();
    }

    private static Task failingWithRetry(Duration backoff) {
        return Task.builder("flaky")
                .trigger(Triggers.once(T0))
                .run(() -> {
                    throw new IllegalStateException("on purpose");
                })
                .retry(RetryPolicy.of(2, Backoff.fixed(backoff)))
                .build();
    }

    @Test
    void aRetryTheExecutorRejectsEndsTheFiresSpanAsAbandoned() {
        AtomicInteger handedOver = new AtomicInteger();
        // Takes the fire, rejects its retry.
        Executor firstOnly = command -> {
            if (handedOver.incrementAndGet() > 1) {
                throw new RejectedExecutionException("full on purpose");
            }
            worker.execute(command);
        };
        try (Scheduler scheduler = Scheduler.builder()
                .clock(new ManualClock(T0))
                .discoverExporters(false)
                .workerExecutor(firstOnly)
                // The rejected retry's run never ends: do not wait long for it at close.
                .shutdownTimeout(Duration.ofMillis(100))
                .interceptor(tracing)
                .build()) {
            scheduler.schedule(failingWithRetry(Duration.ZERO));
            scheduler.start();
            await().atMost(BOUND).until(() -> spans.ended().size() == 1);
            assertThat(tracing.openFires()).isZero();
        }
        SpanData span = spans.ended().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(FireSpans.ABANDONED)).isEqualTo(FireSpans.RETRY_REJECTED);
        assertThat(span.getAttributes().get(FireSpans.RESULT)).isEqualTo(FireSpans.FAILURE);
        assertThat(span.getAttributes().get(FireSpans.ERROR_TYPE))
                .isEqualTo(RejectedExecutionException.class.getName());
        // The first attempt's failure is on the span, as for any retried attempt.
        assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        assertThat(spans.ended()).hasSize(1);
    }

    @Test
    void aFireWaitingForItsRetryAtShutdownEndsItsSpanAsAbandoned() {
        AtomicInteger retries = new AtomicInteger();
        try (Scheduler scheduler = Scheduler.builder()
                .clock(new ManualClock(T0))
                .discoverExporters(false)
                // The retry waits an hour of a clock that never moves: the close gives up on it.
                .shutdownTimeout(Duration.ofMillis(100))
                .interceptor(tracing)
                .listener(new TaskListener() {
                    @Override
                    public void onRetry(ExecutionEvent event, Throwable error, Duration backoff) {
                        retries.incrementAndGet();
                    }
                })
                .build()) {
            scheduler.schedule(failingWithRetry(Duration.ofHours(1)));
            scheduler.start();
            await().atMost(BOUND).until(() -> retries.get() == 1);
            assertThat(tracing.openFires()).isEqualTo(1);
        }
        assertThat(tracing.openFires()).isZero();
        assertThat(spans.ended()).singleElement().satisfies(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getStatus().getDescription()).isEqualTo("abandoned at shutdown");
            assertThat(span.getAttributes().get(FireSpans.ABANDONED)).isEqualTo(FireSpans.SHUTDOWN);
        });
    }
}
