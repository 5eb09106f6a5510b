package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scrape endpoint's {@code name[]} filter over HTTP, for both text formats, with hostile task names. The oracle
 * cuts the unfiltered exposition into family blocks at each metadata line that names another family, and keeps
 * the blocks whose name was asked for.
 */
class NameFilterTest {

    private static final String COUNTER_TEXT = "symphra_scheduler_task_successes_total";
    private static final String COUNTER_OPENMETRICS = "symphra_scheduler_task_successes";
    private static final String HISTOGRAM = "symphra_scheduler_task_execution_duration_seconds";

    private final MetricsSnapshot snapshot = PrometheusRendererTest.hostileSnapshot();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestExporterContext context;
    private PrometheusExporter exporter;

    @BeforeEach
    void start() throws Exception {
        ExporterConfig config = ExporterConfig.of("prometheus", Map.of("port", "0"));
        context = new TestExporterContext(config, () -> snapshot, Clock.systemUTC());
        exporter = new PrometheusExporter();
        exporter.configure(config);
        exporter.start(context);
    }

    @AfterEach
    void stop() throws Exception {
        exporter.close();
        context.close();
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void severalNamesServeExactlyThoseFamiliesWholeAndInOrder(ExpositionFormat format) throws Exception {
        String counter = format == ExpositionFormat.OPENMETRICS ? COUNTER_OPENMETRICS : COUNTER_TEXT;
        Map<String, String> all = families(PrometheusRendererTest.render(format, snapshot));
        assertThat(all).containsKeys(counter, HISTOGRAM);

        String body = scrape(format, List.of(counter, HISTOGRAM), false);

        assertThat(body).isEqualTo(only(all, List.of(counter, HISTOGRAM)) + eof(format));
        assertThat(families(body)).containsOnlyKeys(counter, HISTOGRAM);
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void aSampleNameOrTheNameWithoutTotalSelectsItsFamilyInBothFormats(ExpositionFormat format) throws Exception {
        String counter = format == ExpositionFormat.OPENMETRICS ? COUNTER_OPENMETRICS : COUNTER_TEXT;
        Map<String, String> all = families(PrometheusRendererTest.render(format, snapshot));

        // The same scrape config works for either format: the sample name and the name without _total.
        assertThat(scrape(format, List.of(COUNTER_TEXT), false)).isEqualTo(all.get(counter) + eof(format));
        assertThat(scrape(format, List.of(COUNTER_OPENMETRICS), false)).isEqualTo(all.get(counter) + eof(format));
        assertThat(scrape(format, List.of(HISTOGRAM + "_bucket"), false)).isEqualTo(all.get(HISTOGRAM) + eof(format));
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void gzipIsFilteredTheSame(ExpositionFormat format) throws Exception {
        assertThat(scrape(format, List.of(HISTOGRAM), true)).isEqualTo(scrape(format, List.of(HISTOGRAM), false));
    }

    @Test
    void anUnknownNameServesNoFamilyAndNoNameServesAll() throws Exception {
        assertThat(scrape(ExpositionFormat.PROMETHEUS_TEXT, List.of("no_such_family"), false))
                .isEmpty();
        assertThat(scrape(ExpositionFormat.OPENMETRICS, List.of("no_such_family"), false))
                .isEqualTo("# EOF\n");
        assertThat(scrape(ExpositionFormat.PROMETHEUS_TEXT, List.of(), false))
                .isEqualTo(PrometheusRendererTest.render(ExpositionFormat.PROMETHEUS_TEXT, snapshot));
    }

    @Test
    void otherParametersAndOtherFormatsAreLeftAlone() throws Exception {
        String text = PrometheusRendererTest.render(ExpositionFormat.PROMETHEUS_TEXT, snapshot);
        assertThat(get("/metrics.prometheus?name=" + HISTOGRAM + "&x%5B%5D=1&name%5B%5D"))
                .isEqualTo(text);
    }

    private String scrape(ExpositionFormat format, List<String> names, boolean gzip) throws Exception {
        String query = names.stream()
                .map(n -> URLEncoder.encode("name[]", StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(n, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String path = "/metrics." + format.formatName() + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(format.contentType());
        byte[] body = response.body();
        if (gzip) {
            assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The blocks of the named families, in the exposition's order. */
    private static String only(Map<String, String> families, List<String> names) {
        StringBuilder text = new StringBuilder();
        families.forEach((name, block) -> {
            if (names.contains(name)) {
                text.append(block);
            }
        });
        return text.toString();
    }

    private static String eof(ExpositionFormat format) {
        return format == ExpositionFormat.OPENMETRICS ? "# EOF\n" : "";
    }

    /** Each family's lines, by the name its metadata lines give; {@code # EOF} is left out. */
    static Map<String, String> families(String exposition) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        StringBuilder current = null;
        String currentName = null;
        for (String line : exposition.split("(?<=\n)")) {
            if (line.equals("# EOF\n")) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.startsWith("# UNIT ")) {
                String name = line.split(" ", 4)[2].strip();
                if (!name.equals(currentName)) {
                    currentName = name;
                    current = blocks.computeIfAbsent(name, k -> new StringBuilder());
                }
            }
            current.append(line);
        }
        Map<String, String> result = new LinkedHashMap<>();
        blocks.forEach((name, block) -> result.put(name, block.toString()));
        return result;
    }
}
