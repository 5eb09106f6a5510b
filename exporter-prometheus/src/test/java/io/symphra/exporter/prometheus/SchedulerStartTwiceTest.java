package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.scheduler.Scheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A second {@code start()} of the real scheduler is refused and leaves the real scrape endpoint answering. */
class SchedulerStartTwiceTest {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theEndpointStillAnswersOnTheSamePortAfterASecondStart() throws Exception {
        try (Scheduler scheduler = Scheduler.builder()
                .enableMetrics(true)
                .systemProperties(new Properties())
                .environment(Map.of())
                .exporterProperty("symphra.exporter.prometheus.port", "0")
                .build()) {
            scheduler.start();
            PrometheusExporter exporter =
                    (PrometheusExporter) scheduler.exporter("prometheus").orElseThrow();
            int port = exporter.port();
            assertThat(scrape(port)).isEqualTo(200);

            assertThatThrownBy(scheduler::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");

            assertThat(exporter.port()).isEqualTo(port);
            assertThat(scrape(port)).isEqualTo(200);
        }
    }

    private int scrape(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
