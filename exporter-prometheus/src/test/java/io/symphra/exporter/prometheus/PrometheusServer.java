package io.symphra.exporter.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symphra.metrics.testkit.RequiredProgram;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian package's {@code /usr/bin/prometheus}) started on a free loopback port with
 * its data in a temporary folder, and its HTTP API read with Jackson. Closing it kills the process.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts Prometheus with a 1 s scrape interval and the given {@code scrape_configs} entries (YAML, indented by
     * two spaces), and any further command-line {@code options} (such as {@code --enable-feature=exemplar-storage}).
     */
    public static PrometheusServer start(Path dir, String scrapeConfigs, String... options) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1m\n"
                        + "scrape_configs:\n" + scrapeConfigs);
        return start(config, List.of(options));
    }

    /** Starts Prometheus with an existing configuration file; its data and log go next to that file. */
    public static PrometheusServer start(Path config) throws IOException {
        return start(config, List.of());
    }

    /**
     * Starts Prometheus with an existing configuration file and any further command-line {@code options}; its data
     * and log go next to that file.
     */
    public static PrometheusServer start(Path config, List<String> options) throws IOException {
        Path dir = config.getParent();
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(
                RequiredProgram.require("prometheus", "the Debian package prometheus"),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** {@code /api/v1/targets}' active targets. */
    JsonNode activeTargets() throws IOException, InterruptedException {
        return get("/api/v1/targets?state=active").path("data").path("activeTargets");
    }

    /** The result vector of an instant query. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("query " + promql + " failed: " + answer);
        }
        return answer.path("data").path("result");
    }

    /** The names of the {@code symphra_*} metrics Prometheus stored from the targets of one job. */
    Set<String> metricNames(String job) throws IOException, InterruptedException {
        Set<String> names = new TreeSet<>();
        for (JsonNode series : query("{__name__=~\"symphra_.+\",job=\"" + job + "\"}")) {
            names.add(series.path("metric").path("__name__").asText());
        }
        return names;
    }

    /** How many {@code symphra_*} series Prometheus holds from the targets of one job; 0 before the first scrape. */
    long seriesCount(String job) throws IOException, InterruptedException {
        JsonNode result = query("count({__name__=~\"symphra_.+\",job=\"" + job + "\"})");
        return result.isEmpty() ? 0 : result.get(0).path("value").get(1).asLong();
    }

    /**
     * The {@code data} of {@code /api/v1/query_exemplars} for {@code promql} over the last {@code lookBack}: one
     * entry per series, each with its {@code exemplars} (labels, value, timestamp).
     */
    public JsonNode queryExemplars(String promql, Duration lookBack) throws IOException, InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        JsonNode answer = get("/api/v1/query_exemplars?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + (now - lookBack.toSeconds()) + "&end=" + (now + 60));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("exemplar query " + promql + " failed: " + answer);
        }
        return answer.path("data");
    }

    /** The type Prometheus recorded for a metric of the targets of one job, from {@code /api/v1/targets/metadata}. */
    String metadataType(String job, String metric) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/targets/metadata?metric=" + metric + "&match_target="
                        + URLEncoder.encode("{job=\"" + job + "\"}", StandardCharsets.UTF_8))
                .path("data");
        return data.size() == 1 ? data.get(0).path("type").asText() : "(" + data.size() + " entries: " + data + ")";
    }

    /** What the server has logged so far, to explain a failure. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code /api/v1/<path>}'s {@code data}, such as {@code rules} or {@code alerts}. */
    public JsonNode api(String path) throws IOException, InterruptedException {
        return get("/api/v1/" + path).path("data");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(base.resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
