package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
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
    private final URI metricsUri;

    private ScrapeServer(HttpServer server, DeadlineExecutor executor, EndpointSettings settings) {
        this.server = server;
        this.executor = executor;
        this.address = server.getAddress();
        this.metricsUri = uri(settings.scheme(), address, settings.path());
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
        DeadlineExecutor executor = new DeadlineExecutor(
                settings.maxConnections(), settings.headerTimeout(), settings.requestTimeout(), threads);
        server.setExecutor(executor);
        HttpContext health = server.createContext(EndpointSettings.HEALTH_PATH, new HealthHandler());
        HttpContext metrics = server.createContext(
                "/", new RenderPermits(settings.threads(), new ScrapeHandler(settings.path(), formats, snapshots)));
        // user filters run before the authenticator, so the head deadline ends before a 401 is sent too
        HeadReadFilter headRead = new HeadReadFilter(executor);
        health.getFilters().add(headRead);
        metrics.getFilters().add(headRead);
        settings.credentials().ifPresent(c -> metrics.setAuthenticator(new ConstantTimeAuthenticator("symphra", c)));
        server.start();
        return new ScrapeServer(server, executor, settings);
    }

    InetSocketAddress address() {
        return address;
    }

    /** Where the metrics are served: the scheme the server speaks, the bound address and port, the path. */
    URI metricsUri() {
        return metricsUri;
    }

    private static URI uri(String scheme, InetSocketAddress bound, String path) {
        try {
            // this constructor puts an IPv6 literal in brackets
            return new URI(scheme, null, bound.getHostString(), bound.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the validated path " + path + " makes no URI", e);
        }
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
