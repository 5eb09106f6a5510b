package io.symphra.metrics.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broken server on a given loopback port, standing where the real one will be started later: one that accepts
 * connections and reads every byte but never writes ({@link #silent}), or one that answers every request with the
 * same HTTP status ({@link #answering}). It keeps counts, not requests, so that its own memory stays flat over
 * thousands of pushes. {@link #close()} frees the port.
 */
public abstract class FaultyEndpoint implements AutoCloseable {

    protected final AtomicLong requests = new AtomicLong();

    /** Connections accepted (silent) or requests answered (status). */
    public long requests() {
        return requests.get();
    }

    /** Accepts and reads on {@code port}, never answers; one thread, no matter how many connections. */
    public static FaultyEndpoint silent(int port) throws IOException {
        return new Silent(port);
    }

    /** Answers every request on {@code port} with {@code status} and an empty body. */
    public static FaultyEndpoint answering(int port, int status) throws IOException {
        return new Answering(port, status);
    }

    /** The port it listens on. */
    public abstract int port();

    @Override
    public abstract void close();

    private static final class Silent extends FaultyEndpoint {
        private final ServerSocketChannel server;
        private final Selector selector;
        private final Thread thread;

        Silent(int port) throws IOException {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            thread = new Thread(this::serve, "silent-endpoint-" + port);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public int port() {
            return server.socket().getLocalPort();
        }

        private void serve() {
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            try {
                while (selector.isOpen()) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (key.isAcceptable()) {
                            SocketChannel client = server.accept();
                            if (client != null) {
                                requests.incrementAndGet();
                                client.configureBlocking(false);
                                client.register(selector, SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            SocketChannel client = (SocketChannel) key.channel();
                            sink.clear();
                            if (client.read(sink) < 0) {
                                key.cancel();
                                client.close();
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // closed
            }
        }

        @Override
        public void close() {
            if (!selector.isOpen()) {
                return;
            }
            try {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
                server.close();
                thread.join(5_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Answering extends FaultyEndpoint {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "status-endpoint");
            t.setDaemon(true);
            return t;
        });

        Answering(int port, int status) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.setExecutor(executor);
            server.createContext("/", exchange -> answer(exchange, status));
            server.start();
        }

        @Override
        public int port() {
            return server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange, int status) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                exchange.sendResponseHeaders(status, -1);
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
}
