package io.symphra.tracing.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.symphra.exporter.prometheus.PrometheusExporter;
import io.symphra.exporter.prometheus.PrometheusServer;
import io.symphra.exporter.prometheus.Promtool;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.trigger.Triggers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks traced with the OpenTelemetry SDK, their scheduler's OpenMetrics endpoint scraped by a real Prometheus with
 * exemplar storage on: the trace id Prometheus gives back for the duration histogram is the one of the fire's span.
 */
class ExemplarsIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String BUCKETS = "symphra_scheduler_task_execution_duration_seconds_bucket";

    @TempDir
    Path dir;

    @Test
    void prometheusStoresTheTraceIdOfTheFiresSpanAsTheExemplarOfItsBucket() throws Exception {
        CollectedSpans spans = new CollectedSpans();
        PrometheusExporter exporter = new PrometheusExporter();
        try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build();
                Scheduler scheduler = Scheduler.builder()
                        .discoverExporters(false)
                        .enableMetrics(true)
                        .exporter(exporter)
                        .exporterProperty("symphra.exporter.prometheus.enabled", "true")
                        .exporterProperty("symphra.exporter.prometheus.port", "0")
                        // exemplars ride on the bucket lines
                        .exporterProperty("symphra.exporter.prometheus.durations", "histogram")
                        .interceptor(SymphraTracing.create(OpenTelemetrySdk.builder()
                                .setTracerProvider(tracerProvider)
                                .build()))
                        .build()) {
            scheduler.schedule("traced", Triggers.once(Instant.now()), () -> {});
            scheduler.start();
            await().atMost(BOUND)
                    .until(() -> spans.ended().size() == 1
                            && scheduler.snapshot().tasks().get("traced").executions() == 1);
            String traceId = spans.ended().get(0).getTraceId();

            String exposition = scrape(exporter.port());
            assertThat(exposition)
                    .containsPattern(
                            Pattern.compile("\n" + BUCKETS + "\\{task=\"traced\",le=\"[^\"]+\"} 1 # \\{trace_id=\""
                                    + traceId + "\"} [0-9.e-]+ [0-9]+\\.[0-9]+\n"));
            // promtool's metrics check reads the 0.0.4 text grammar, which has no exemplars: it stops at the first.
            Promtool.Result check = Promtool.checkMetrics(exposition.getBytes(StandardCharsets.UTF_8), dir);
            assertThat(check.parseErrors())
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("got \"#\""));

            try (PrometheusServer prometheus = PrometheusServer.start(
                    dir,
                    "  - job_name: exemplars\n    static_configs: [{targets: ['127.0.0.1:" + exporter.port() + "']}]\n",
                    "--enable-feature=exemplar-storage")) {
                await().atMost(BOUND)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> exemplarTraceIds(prometheus), ids -> ids.contains(traceId));
                assertThat(exemplarTraceIds(prometheus)).containsOnly(traceId);
            }
        }
    }

    /** What Prometheus negotiates itself: OpenMetrics first. */
    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .header("Accept", "application/openmetrics-text;version=1.0.0")
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
        return response.body();
    }

    private static List<String> exemplarTraceIds(PrometheusServer prometheus) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode series : prometheus.queryExemplars(BUCKETS + "{task=\"traced\"}", Duration.ofMinutes(10))) {
            for (JsonNode exemplar : series.path("exemplars")) {
                ids.add(exemplar.path("labels").path("trace_id").asText());
            }
        }
        return ids;
    }
}
