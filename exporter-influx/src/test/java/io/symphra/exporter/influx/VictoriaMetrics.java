package io.symphra.exporter.influx;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symphra.exporter.support.SharedHttpClient;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real VictoriaMetrics server ({@code /usr/bin/victoria-metrics}) on a free loopback port with its data in a
 * given folder. It can be stopped and started again on the same port and data, and is always killed by
 * {@link #close()}.
 */
final class VictoriaMetrics implements AutoCloseable {

    static final String BINARY = "victoria-metrics";

    /** One series read back through {@code /api/v1/export}. */
    record Series(String name, Map<String, String> labels, List<Double> values, List<Long> timestamps) {
        /** The value at a timestamp in milliseconds, or null. */
        Double valueAt(long millis) {
            int i = timestamps.indexOf(millis);
            return i < 0 ? null : values.get(i);
        }
    }

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final List<String> extraFlags;
    /** The JVM's shared client: a client per server would leave its selector thread behind until a GC. */
    private final HttpClient http = SharedHttpClient.get();

    private final ObjectMapper json = new ObjectMapper();
    private Process process;

    VictoriaMetrics(Path dataDir, List<String> extraFlags) throws IOException {
        this.dataDir = dataDir.resolve("data");
        this.logFile = dataDir.resolve("victoria-metrics.log");
        this.port = freePort();
        this.extraFlags = List.copyOf(extraFlags);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it answers its health check. */
    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                RequiredProgram.require(BINARY, "the Debian package victoria-metrics"),
                "-storageDataPath=" + dataDir,
                "-httpListenAddr=127.0.0.1:" + port,
                // Make fresh samples visible to queries at once, and never answer from a cache.
                "-search.latencyOffset=0s",
                "-search.disableCache",
                "-retentionPeriod=100y"));
        command.addAll(extraFlags);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        await("VictoriaMetrics health on " + url())
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "victoria-metrics exited with " + process.exitValue() + "; see " + logFile);
                    }
                    return healthy();
                });
    }

    /** Stops the server gracefully (it flushes its data on SIGTERM) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Makes every sample received so far searchable. VictoriaMetrics keeps fresh samples in per-shard buffers that
     * it flushes about every second, each shard on its own: without this, a read right after a push may find some
     * series of that push and not others. Call it inside a bounded wait, before each read.
     */
    void forceFlush() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/internal/force_flush"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("force_flush answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Every series whose name matches the regular expression, with all its samples. */
    List<Series> export(String nameRegex) throws IOException, InterruptedException {
        String match = URLEncoder.encode("{__name__=~\"" + nameRegex + "\"}", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/api/v1/export?match[]=" + match + "&start=0"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("export answered " + response.statusCode() + ": " + response.body());
        }
        List<Series> result = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            Map<String, String> labels = new TreeMap<>();
            node.get("metric")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            String name = labels.remove("__name__");
            List<Double> values = new ArrayList<>();
            node.get("values").forEach(v -> values.add(v.asDouble()));
            List<Long> timestamps = new ArrayList<>();
            node.get("timestamps").forEach(t -> timestamps.add(t.asLong()));
            result.add(new Series(name, labels, values, timestamps));
        }
        return result;
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
