package io.symphra.exporter.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JSON HTTP push receiver on a given loopback port: parses every POSTed document with Jackson, answers 204, and
 * keeps what a consumer of cumulative totals needs (the last document's totals, how many came, whether a total
 * ever went down) rather than every document, so its memory stays flat over thousands of pushes. Several receivers
 * started one after the other on the same port share one {@link Tally}.
 */
final class JsonReceiver implements AutoCloseable {

    /** What the receivers of one test saw, across restarts. */
    static final class Tally {
        private long documents;
        private long lastTotal = -1;
        private Map<String, Long> lastTasks = Map.of();
        private boolean wentDown;

        synchronized void add(JsonNode document) {
            long total = document.get("total_executions").asLong();
            wentDown |= total < lastTotal;
            lastTotal = total;
            Map<String, Long> tasks = new LinkedHashMap<>();
            document.get("task_stats")
                    .properties()
                    .forEach(e ->
                            tasks.put(e.getKey(), e.getValue().get("executions").asLong()));
            lastTasks = tasks;
            documents++;
        }

        synchronized long documents() {
            return documents;
        }

        /** {@code total_executions} of the last document, -1 before the first. */
        synchronized long lastTotal() {
            return lastTotal;
        }

        /** Each task's {@code executions} in the last document. */
        synchronized Map<String, Long> lastTasks() {
            return lastTasks;
        }

        /** Whether a document ever said fewer executions than the one before it. */
        synchronized boolean wentDown() {
            return wentDown;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Tally tally;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "json-receiver");
        t.setDaemon(true);
        return t;
    });

    private JsonReceiver(int port, Tally tally) throws IOException {
        this.tally = tally;
        json.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNameLength(1_000_000).build());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver on a free port (0) or a given one, adding what it receives to {@code tally}. */
    static JsonReceiver start(int port, Tally tally) throws IOException {
        return new JsonReceiver(port, tally);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode document = json.readTree(exchange.getRequestBody());
            tally.add(document);
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
