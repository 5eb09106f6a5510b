package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.testkit.IsolatedScheduler;
import io.symphra.scheduler.testkit.OneShotRuns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link PrometheusExporterBuilder} through the real scheduler: the real endpoint is bound at the builder's port and
 * path, behind its credentials; what it sets wins over system properties; a bad value fails the build as the same
 * key would, with {@code (from code)} as its origin.
 */
class PrometheusExporterBuilderTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theEndpointServesTheRunsAtTheBuildersPortAndPathBehindItsCredentials() throws Exception {
        int port = freePort();
        PrometheusExporter exporter = PrometheusExporter.builder()
                .host("127.0.0.1")
                .port(port)
                .path("/scheduler/metrics")
                .username("scraper")
                .password("s3cret")
                .threads(1)
                .maxConnections(8)
                .headerTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        try (Scheduler scheduler =
                IsolatedScheduler.builder().exporter(exporter).build()) {
            OneShotRuns.runAll(scheduler, 2);

            URI uri = URI.create("http://127.0.0.1:" + port + "/scheduler/metrics");
            assertThat(exporter.metricsUri()).isEqualTo(uri);
            HttpResponse<String> scrape = get(uri, "scraper:s3cret");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .containsPattern("symphra_scheduler_task_executions\\{[^}]*task=\"once-0\"[^}]*} 1\n")
                    .containsPattern("symphra_scheduler_task_executions\\{[^}]*task=\"once-1\"[^}]*} 1\n");
            assertThat(get(uri, null).statusCode()).isEqualTo(401);
            assertThat(get(uri, "scraper:wrong").statusCode()).isEqualTo(401);
            assertThat(get(URI.create("http://127.0.0.1:" + port + "/metrics"), "scraper:s3cret")
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void valuesSetInCodeWinOverSystemProperties() throws Exception {
        Properties properties = new Properties();
        // Out of range: had the property won, the build would fail.
        properties.setProperty("symphra.exporter.prometheus.port", "70000");
        properties.setProperty("symphra.exporter.prometheus.path", "/from-property");
        PrometheusExporter exporter =
                PrometheusExporter.builder().port(0).path("/from-code").build();
        try (Scheduler scheduler = IsolatedScheduler.builder()
                .systemProperties(properties)
                .exporter(exporter)
                .build()) {
            scheduler.start();

            assertThat(exporter.metricsUri().getPath()).isEqualTo("/from-code");
            assertThat(get(exporter.metricsUri(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBadValueSetInCodeFailsTheBuildNamingTheKeyAndCode() {
        PrometheusExporter exporter = PrometheusExporter.builder().threads(0).build();

        assertThatThrownBy(() -> IsolatedScheduler.builder().exporter(exporter).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.prometheus.threads = '0' (from code): expected an integer from 1 to 64");
    }

    private HttpResponse<String> get(URI uri, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A port that was free a moment ago, so that the test, not the endpoint, picks it. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
