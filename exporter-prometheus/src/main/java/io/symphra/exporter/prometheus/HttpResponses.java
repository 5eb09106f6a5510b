package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The endpoint's short plain-text answers and its method check. */
final class HttpResponses {

    private HttpResponses() {}

    /**
     * Answers 405 with {@code Allow: GET, HEAD} for any other method.
     *
     * @return true when the request was answered and the handler is done
     */
    static boolean rejectMethod(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        text(exchange, 405, "Method not allowed: use GET or HEAD\n");
        return true;
    }

    /** Sends a complete plain-text response; for HEAD, the headers alone. */
    static void text(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone or the response already started: nothing more can be said to it
        }
    }
}
