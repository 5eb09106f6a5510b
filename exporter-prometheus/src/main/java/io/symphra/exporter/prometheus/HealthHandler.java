package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Answers {@code /-/healthy} with 200 while the server runs, without authentication, like Prometheus itself. */
final class HealthHandler implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(EndpointSettings.HEALTH_PATH)) {
                HttpResponses.text(exchange, 404, "Not found\n");
                return;
            }
            if (HttpResponses.rejectMethod(exchange)) {
                return;
            }
            HttpResponses.text(exchange, 200, "Healthy\n");
        }
    }
}
