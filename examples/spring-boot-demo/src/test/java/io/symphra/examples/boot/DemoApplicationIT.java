package io.symphra.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo as the README starts it, on a free loopback port: its two beans scheduled, their metrics served. */
class DemoApplicationIT {

    @Test
    void startsWithItsTwoTasksAndServesTheirMetrics() throws Exception {
        try (ConfigurableApplicationContext context =
                SpringApplication.run(DemoApplication.class, "--server.port=0", "--server.address=127.0.0.1")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();

            String tasks = get(http, base.resolve("/actuator/symphra"));
            assertThat(tasks).contains("\"name\":\"inventory-sync\"").contains("\"name\":\"minute-report\"");

            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> get(http, base.resolve("/actuator/prometheus"))
                                    .contains(
                                            "symphra_scheduler_task_duration_seconds_count{service=\"boot-demo\",task=\"inventory-sync\"} 1"));
            assertThat(get(http, base.resolve("/actuator/health"))).contains("\"status\":\"UP\"");
        }
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
