package io.symphra.spring.boot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** A Boot application started on a free loopback port, and HTTP to it. Closing it stops the application. */
final class RunningApp implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ConfigurableApplicationContext context;
    final URI base;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts {@code application} with the test's common properties and {@code properties} ({@code key=value}). */
    static RunningApp start(Class<?> application, Map<String, String> properties) {
        return start(application, properties, context -> {});
    }

    /** As {@link #start(Class, Map)}, with {@code initializer} run on the context before its beans are made. */
    static RunningApp start(
            Class<?> application,
            Map<String, String> properties,
            ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health,prometheus,symphra",
                "management.endpoint.health.show-details=always",
                "symphra.exporter.micrometer.snapshot-max-age=1ms",
                "spring.main.banner-mode=off"));
        properties.forEach((k, v) -> all.add(k + "=" + v));
        return new RunningApp(new SpringApplicationBuilder(application)
                .properties(all.toArray(String[]::new))
                .initializers(initializer)
                .run());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample of the exposition whose line starts with {@code series}, or null. */
    static Double sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return null;
    }

    @Override
    public void close() {
        context.close();
    }
}
