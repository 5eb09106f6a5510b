package io.symphra.tracing.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.symphra.exporter.otlp.OtlpHttpReceiver;
import io.symphra.scheduler.Backoff;
import io.symphra.scheduler.RetryPolicy;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.Task;
import io.symphra.scheduler.trigger.Triggers;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spans of real fires, made through the OpenTelemetry SDK and exported over OTLP/HTTP to a receiver that decodes
 * them with opentelemetry-proto: their parents, attributes, events and status as a backend sees them.
 */
class TracingOverOtlpIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private OtlpHttpReceiver receiver;
    private SdkTracerProvider tracerProvider;
    private OpenTelemetry openTelemetry;
    private HttpServer downstream;

    @BeforeEach
    void start() throws Exception {
        receiver = OtlpHttpReceiver.start();
        tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint(receiver.baseUrl() + "/v1/traces")
                        .build()))
                .build();
        openTelemetry =
                OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        downstream = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        downstream.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        downstream.start();
    }

    @AfterEach
    void stop() {
        tracerProvider.close();
        receiver.close();
        downstream.stop(0);
    }

    private Scheduler.Builder scheduler() {
        return Scheduler.builder().discoverExporters(false).interceptor(SymphraTracing.create(openTelemetry));
    }

    /** Every span received, once {@code count} have been. */
    private List<io.opentelemetry.proto.trace.v1.Span> spans(int count) {
        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        await().atMost(BOUND).until(() -> all().size() >= count);
        return all();
    }

    private List<io.opentelemetry.proto.trace.v1.Span> all() {
        return receiver.traces().stream()
                .flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .toList();
    }

    private static io.opentelemetry.proto.trace.v1.Span named(
            List<io.opentelemetry.proto.trace.v1.Span> spans, String name) {
        return spans.stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in "
                        + spans.stream().map(s -> s.getName()).toList()));
    }

    private static Optional<AnyValue> attribute(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(a -> a.getKey().equals(key))
                .map(KeyValue::getValue)
                .findFirst();
    }

    private static String string(io.opentelemetry.proto.trace.v1.Span span, String key) {
        return attribute(span.getAttributesList(), key)
                .map(AnyValue::getStringValue)
                .orElse(null);
    }

    private static long integer(io.opentelemetry.proto.trace.v1.Span span, String key) {
        return attribute(span.getAttributesList(), key).orElseThrow().getIntValue();
    }

    private static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    @Test
    void aTasksOwnHttpClientSpanArrivesWithTheFireSpanAsParentAndTheTraceIdIsOnItsLogLines() throws Exception {
        Tracer tracer = openTelemetry.getTracer("test-task");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + downstream.getAddress().getPort() + "/data");
        AtomicInteger status = new AtomicInteger();
        try (LogLines log = new LogLines("task-log");
                Scheduler scheduler = scheduler().build()) {
            scheduler.schedule(Task.builder("fetch")
                    .trigger(Triggers.once(Instant.now()))
                    .call(() -> {
                        LoggerFactory.getLogger("task-log").info("fetching");
                        Span http = tracer.spanBuilder("GET")
                                .setSpanKind(SpanKind.CLIENT)
                                .setAttribute("url.full", uri.toString())
                                .startSpan();
                        try (Scope ignored = http.makeCurrent()) {
                            HttpResponse<String> response = client.send(
                                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                            http.setAttribute("http.response.status_code", response.statusCode());
                            status.set(response.statusCode());
                        } finally {
                            http.end();
                        }
                        return null;
                    })
                    .build());
            scheduler.start();
            List<io.opentelemetry.proto.trace.v1.Span> spans = spans(2);
            io.opentelemetry.proto.trace.v1.Span fire = named(spans, "RUN fetch");
            io.opentelemetry.proto.trace.v1.Span get = named(spans, "GET");

            assertThat(status.get()).isEqualTo(200);
            assertThat(get.getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(get.getTraceId()).isEqualTo(fire.getTraceId());
            assertThat(get.getParentSpanId()).isEqualTo(fire.getSpanId());
            assertThat(fire.getParentSpanId().isEmpty()).isTrue();
            assertThat(fire.getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL);
            assertThat(string(fire, "cicd.pipeline.name")).isEqualTo("fetch");
            assertThat(string(fire, "cicd.pipeline.action.name")).isEqualTo("RUN");
            assertThat(string(fire, "cicd.pipeline.result")).isEqualTo("success");
            assertThat(string(fire, "cicd.pipeline.run.id")).isNotBlank();
            assertThat(integer(fire, "symphra.attempt")).isEqualTo(1);
            assertThat(attribute(fire.getAttributesList(), "symphra.lateness")
                            .orElseThrow()
                            .getDoubleValue())
                    .isGreaterThanOrEqualTo(0);
            assertThat(fire.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(log.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("task=fetch")
                            .contains("trace=" + hex(fire.getTraceId()))
                            .contains("span=" + hex(fire.getSpanId())));
        }
    }

    @Test
    void eachFireIsTheRootOfAFreshTraceWhateverContextTheWorkerHad() throws Exception {
        Span leftover = openTelemetry.getTracer("test").spanBuilder("leftover").startSpan();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler scheduler = scheduler()
                // Every job of this executor runs with the leftover span current.
                .workerExecutor(Context.current().with(leftover).wrap(threads))
                .build()) {
            scheduler.schedule("tick", Triggers.every(Duration.ofMillis(20)), runs::incrementAndGet);
            scheduler.start();
            await().atMost(BOUND).until(() -> runs.get() >= 2);
        } finally {
            threads.shutdownNow();
            leftover.end();
        }
        List<io.opentelemetry.proto.trace.v1.Span> ticks =
                spans(2).stream().filter(s -> s.getName().equals("RUN tick")).toList();
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(2).allSatisfy(tick -> {
            assertThat(tick.getParentSpanId().isEmpty()).isTrue();
            assertThat(hex(tick.getTraceId()))
                    .isNotEqualTo(leftover.getSpanContext().getTraceId());
        });
        assertThat(ticks.get(0).getTraceId()).isNotEqualTo(ticks.get(1).getTraceId());
    }

    @Test
    void retriesAreEventsOfTheFiresOneSpanAndAFailureAndATimeoutSetTheStatusAndErrorType() {
        AtomicInteger flakyCalls = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        try (Scheduler scheduler = scheduler().build()) {
            scheduler.schedule(Task.builder("flaky")
                    .trigger(Triggers.once(Instant.now()))
                    .run(() -> {
                        if (flakyCalls.incrementAndGet() < 3) {
                            throw new IllegalStateException("not yet");
                        }
                    })
                    .retry(RetryPolicy.of(3, Backoff.fixed(Duration.ofMillis(1))))
                    .build());
            scheduler.schedule(Task.builder("broken")
                    .trigger(Triggers.once(Instant.now()))
                    .run(() -> {
                        throw new IllegalArgumentException("broken on purpose");
                    })
                    .build());
            scheduler.schedule(Task.builder("slow")
                    .trigger(Triggers.once(Instant.now()))
                    .call(() -> never.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .timeout(Duration.ofMillis(50))
                    .build());
            scheduler.start();
            List<io.opentelemetry.proto.trace.v1.Span> spans = spans(3);

            io.opentelemetry.proto.trace.v1.Span flaky = named(spans, "RUN flaky");
            assertThat(string(flaky, "cicd.pipeline.result")).isEqualTo("success");
            assertThat(integer(flaky, "symphra.attempt")).isEqualTo(3);
            assertThat(flaky.getEventsList())
                    .extracting(io.opentelemetry.proto.trace.v1.Span.Event::getName)
                    .containsExactly("exception", "symphra.retry", "exception", "symphra.retry");
            assertThat(flaky.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(spans.stream().filter(s -> s.getName().equals("RUN flaky")))
                    .hasSize(1);

            io.opentelemetry.proto.trace.v1.Span broken = named(spans, "RUN broken");
            assertThat(string(broken, "cicd.pipeline.result")).isEqualTo("failure");
            assertThat(string(broken, "error.type")).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(broken.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(broken.getStatus().getMessage()).isEqualTo("broken on purpose");

            io.opentelemetry.proto.trace.v1.Span slow = named(spans, "RUN slow");
            assertThat(string(slow, "cicd.pipeline.result")).isEqualTo("timeout");
            assertThat(string(slow, "error.type")).isEqualTo("timeout");
            assertThat(slow.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        }
    }

    @Test
    void anAsyncTasksSpanEndsWhenItsStageCompletes() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicLong completedAtNanos = new AtomicLong();
        try (Scheduler scheduler = scheduler().build()) {
            scheduler.schedule(Task.builder("async")
                    .trigger(Triggers.once(Instant.now()))
                    .async(() -> {
                        calls.incrementAndGet();
                        return stage;
                    })
                    .build());
            scheduler.start();
            await().atMost(BOUND).until(() -> calls.get() == 1);
            tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
            assertThat(all()).isEmpty();

            Thread completer = new Thread(
                    () -> {
                        Instant now = Instant.now();
                        completedAtNanos.set(now.getEpochSecond() * 1_000_000_000L + now.getNano());
                        stage.complete("done");
                    },
                    "completer");
            completer.start();
            io.opentelemetry.proto.trace.v1.Span async = named(spans(1), "RUN async");
            assertThat(string(async, "cicd.pipeline.result")).isEqualTo("success");
            assertThat(async.getEndTimeUnixNano()).isGreaterThanOrEqualTo(completedAtNanos.get());
        }
    }

    @Test
    void aSkippedFireIsASpanWithTheSkippedResult() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Scheduler scheduler = scheduler().build()) {
            scheduler.schedule(Task.builder("busy")
                    .trigger(Triggers.every(Duration.ofMillis(10)))
                    .call(() -> {
                        calls.incrementAndGet();
                        return release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                    })
                    .build());
            scheduler.start();
            await().atMost(BOUND)
                    .until(() -> all().stream().anyMatch(s -> "skipped".equals(string(s, "cicd.pipeline.result"))));
            release.countDown();
        }
        io.opentelemetry.proto.trace.v1.Span skipped = spans(1).stream()
                .filter(s -> "skipped".equals(string(s, "cicd.pipeline.result")))
                .findFirst()
                .orElseThrow();
        assertThat(skipped.getName()).isEqualTo("RUN busy");
        assertThat(skipped.getParentSpanId().isEmpty()).isTrue();
    }
}
