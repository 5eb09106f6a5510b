package io.symphra.exporter.json;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a free port that answers requests with a script of responses (the last one
 * repeats), or never answers at all, and records what it received.
 */
final class ScriptedHttpServer implements AutoCloseable {

    record Response(int status, Map<String, String> headers, String body) {
        static Response of(int status) {
            return new Response(status, Map.of(), "");
        }
    }

    record Received(String method, String path, Headers headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Response> script;
    private final boolean silent;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ScriptedHttpServer(List<Response> script, boolean silent) throws IOException {
        this.script = new ArrayDeque<>(script);
        this.silent = silent;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers with these responses in order; the last one repeats forever. */
    static ScriptedHttpServer answering(Response... responses) throws IOException {
        return new ScriptedHttpServer(List.of(responses), false);
    }

    /** Reads each request and never answers it (until closed). */
    static ScriptedHttpServer silent() throws IOException {
        return new ScriptedHttpServer(List.of(), true);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.add(new Received(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
        if (silent) {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        Response response;
        synchronized (script) {
            response = script.size() > 1 ? script.poll() : script.peek();
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
