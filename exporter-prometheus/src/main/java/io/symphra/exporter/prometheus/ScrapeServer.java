package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/** The running HTTP(S) server of the endpoint: bound when created, stopped by {@link #close()}. */
final class ScrapeServer implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final DeadlineExecutor executor;
    private final InetSocketAddress address;

    private ScrapeServer(HttpServer server, DeadlineExecutor executor) {
        this.server = server;
        this.executor = executor;
        this.address = server.getAddress();
    }

    /** Binds the server and starts serving. */
    static ScrapeServer start(
            EndpointSettings settings,
            FormatCatalog formats,
            Supplier<MetricsSnapshot> snapshots,
            ThreadFactory threads)
            throws IOException {
        InetSocketAddress bind = new InetSocketAddress(settings.host(), settings.port());
        if (bind.isUnresolved()) {
            throw new IOException("cannot resolve host '" + settings.host() + "' (symphra.exporter.prometheus.host)");
        }
        HttpServer server;
        if (settings.tls().isPresent()) {
            HttpsServer https = HttpsServer.create(bind, 0);
            try {
                https.setHttpsConfigurator(
                        new HttpsConfigurator(settings.tls().get().sslContext()));
            } catch (GeneralSecurityException e) {
                https.stop(0);
                throw new IOException(
                        "cannot set up TLS from " + settings.tls().get().keystore() + ": " + e, e);
            }
            server = https;
        } else {
            server = HttpServer.create(bind, 0);
        }
        DeadlineExecutor executor = new DeadlineExecutor(settings.threads(), settings.requestTimeout(), threads);
        server.setExecutor(executor);
        server.createContext(EndpointSettings.HEALTH_PATH, new HealthHandler());
        HttpContext metrics = server.createContext("/", new ScrapeHandler(settings.path(), formats, snapshots));
        settings.credentials().ifPresent(c -> metrics.setAuthenticator(new ConstantTimeAuthenticator("symphra", c)));
        server.start();
        return new ScrapeServer(server, executor);
    }

    InetSocketAddress address() {
        return address;
    }

    /** Stops accepting, closes every connection, and stops the threads; waits briefly for them. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
