package io.symphra.metrics.testkit;

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
 * A real JDK HTTP server on 127.0.0.1 and a free port that answers requests with a script of responses (the last one
 * repeats), or never answers at all, and records what it received and when ({@link System#nanoTime()}), so that a
 * test can see the waits between a client's attempts without spending or faking them.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** One scripted answer: a status, response headers and a body ({@code ""} for none). */
    public record Response(int status, Map<String, String> headers, String body) {
        public static Response of(int status) {
            return new Response(status, Map.of(), "");
        }

        public static Response of(int status, String header, String value) {
            return new Response(status, Map.of(header, value), "");
        }

        public static Response withBody(int status, String body) {
            return new Response(status, Map.of(), body);
        }
    }

    /** One request as it arrived. */
    public record Received(String method, String path, Headers headers, byte[] body, long arrivedNanos) {
        public String bodyText() {
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
    public static ScriptedHttpServer answering(Response... responses) throws IOException {
        return new ScriptedHttpServer(List.of(responses), false);
    }

    /** Reads each request and never answers it (until closed). */
    public static ScriptedHttpServer silent() throws IOException {
        return new ScriptedHttpServer(List.of(), true);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Milliseconds between the arrival of request {@code i - 1} and request {@code i}. */
    public long gapMillis(int i) {
        return TimeUnit.NANOSECONDS.toMillis(
                received.get(i).arrivedNanos() - received.get(i - 1).arrivedNanos());
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(),
                body,
                arrived));
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
