package io.symphra.exporter.influx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint on 127.0.0.1 that answers write requests with scripted statuses, for the failures a real
 * server cannot be made to produce on demand (403, 400, 503, a server that hangs). Records every request.
 */
final class StubInfluxServer implements AutoCloseable {

    /** One recorded request. */
    record Request(String method, String pathAndQuery, String authorization, String body) {
        List<String> lines() {
            return body.lines().toList();
        }
    }

    /** One scripted answer; {@code hang} makes the handler wait until the server closes. */
    record Reply(int status, String body, boolean hang) {
        static Reply status(int status) {
            return new Reply(status, "", false);
        }

        static Reply json(int status, String message) {
            return new Reply(status, "{\"code\":\"error\",\"message\":\"" + message + "\"}", false);
        }

        static Reply hanging() {
            return new Reply(204, "", true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-influx");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Reply fallback = Reply.status(204);

    StubInfluxServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests with these replies, in order, then with the fallback. */
    StubInfluxServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answers every request not scripted with this reply. */
    StubInfluxServer always(Reply reply) {
        fallback = reply;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        Reply reply = script.poll();
        if (reply == null) {
            reply = fallback;
        }
        if (reply.hang()) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (!reply.body().isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
