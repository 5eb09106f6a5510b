package io.symphra.exporter.influx;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symphra.exporter.support.SharedHttpClient;
import io.symphra.metrics.testkit.RequiredProgram;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x server ({@code influxd} of the Debian package {@code influxdb}) with authentication on, an
 * admin user, a generated configuration whose every listener is on a free loopback port or off, its meta, data and
 * WAL folders under a given folder, and usage reporting off. Always killed by {@link #close()}.
 */
final class InfluxDb1 implements AutoCloseable {

    static final String BINARY = "influxd";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";

    private final Path dir;
    private final Path logFile;
    private final int httpPort;
    private final int rpcPort;
    /** The JVM's shared client: a client per server would leave its selector thread behind until a GC. */
    private final HttpClient http = SharedHttpClient.get();

    private final ObjectMapper json = new ObjectMapper();
    private Process process;

    InfluxDb1(Path dir) throws IOException {
        this.dir = dir;
        this.logFile = dir.resolve("influxd.log");
        this.httpPort = VictoriaMetrics.freePort();
        this.rpcPort = VictoriaMetrics.freePort();
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the server, waits until it answers {@code /ping} and creates the admin user. */
    void start() throws IOException, InterruptedException {
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, config());
        process = new ProcessBuilder(
                        RequiredProgram.require(BINARY, "the Debian package influxdb"), "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        await("InfluxDB ping on " + url())
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "influxd exited with " + process.exitValue() + "; see " + logFile);
                    }
                    return pings();
                });
        // With authentication on, InfluxDB 1.x lets the first admin user be created without credentials.
        execute(null, "CREATE USER " + ADMIN + " WITH PASSWORD '" + ADMIN_PASSWORD + "' WITH ALL PRIVILEGES");
    }

    /** Runs an InfluxQL statement that changes something, as the admin; fails unless it succeeded. */
    JsonNode execute(String database, String statement) throws IOException, InterruptedException {
        return query(database, statement, "POST");
    }

    /** Runs an InfluxQL query as the admin, timestamps in nanoseconds; fails unless it succeeded. */
    JsonNode select(String database, String statement) throws IOException, InterruptedException {
        return query(database, statement, "GET");
    }

    private JsonNode query(String database, String statement, String method) throws IOException, InterruptedException {
        String query = "q=" + encode(statement) + "&epoch=ns" + (database == null ? "" : "&db=" + encode(database));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url() + "/query?" + query)).timeout(Duration.ofSeconds(30));
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        if (!statement.startsWith("CREATE USER " + ADMIN + " ")) {
            String basic =
                    Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || body.path("results").path(0).has("error")) {
            throw new IOException(statement + " answered " + response.statusCode() + ": " + response.body());
        }
        return body.path("results").path(0);
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean pings() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/ping"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every listener named: HTTP and the RPC port on loopback, the others off, nothing outside {@link #dir}. */
    private String config() {
        return """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s"

                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false

                [retention]
                  enabled = false

                [monitor]
                  store-enabled = false

                [subscriber]
                  enabled = false

                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  auth-enabled = true
                  log-enabled = false

                [[graphite]]
                  enabled = false

                [[collectd]]
                  enabled = false

                [[opentsdb]]
                  enabled = false

                [[udp]]
                  enabled = false

                [continuous_queries]
                  enabled = false
                """.formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), httpPort);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
