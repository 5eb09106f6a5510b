package io.symphra.exporter.prometheus.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus server ({@code /usr/bin/prometheus}, Debian package {@code prometheus}) run on a free
 * loopback port with a given configuration file and its data in that file's folder; its HTTP API read with Jackson.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static PrometheusProcess start(Path config) throws IOException {
        Path dir = config.getParent();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
    }

    /** The result vector of an instant query. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("query " + promql + " failed: " + answer);
        }
        return answer.path("data").path("result");
    }

    /** {@code /api/v1/<path>}'s {@code data}. */
    JsonNode api(String path) throws IOException, InterruptedException {
        return get("/api/v1/" + path).path("data");
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
