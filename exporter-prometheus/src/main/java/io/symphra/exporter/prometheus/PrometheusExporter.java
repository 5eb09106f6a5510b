package io.symphra.exporter.prometheus;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.spi.ConfiguredExporter;
import io.symphra.metrics.spi.ExporterContext;
import io.symphra.metrics.spi.MetricsFormat;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prometheus} exporter: an HTTP endpoint that Prometheus scrapes. Enabled by default and pulled only,
 * so it has no push interval. Each request takes a fresh snapshot.
 *
 * <p>Keys under {@code symphra.exporter.prometheus.}: {@code host} (default {@code 127.0.0.1}), {@code port}
 * ({@code 9464}; 0 picks a free port, see {@link #port()}), {@code path} ({@code /metrics}), {@code username} and
 * {@code password} (basic authentication, both or neither), {@code tls.keystore}, {@code tls.keystore-password},
 * {@code tls.keystore-type} ({@code PKCS12}) for HTTPS, {@code threads} ({@code 2} scrapes rendered at once),
 * {@code max-connections} ({@code 256} connections in the middle of a request), {@code header-timeout} ({@code 5s}
 * for a request head, TLS handshake included) and {@code request-timeout} ({@code 10s}). See
 * {@code docs/prometheus.md}.
 *
 * <p>The endpoint serves Prometheus text 0.0.4 or OpenMetrics 1.0 by the {@code Accept} header, any other
 * {@link MetricsFormat} on the class path at {@code <path>.<name>} (such as {@code /metrics.json}) or by its
 * content type, and {@code /-/healthy}.
 */
public final class PrometheusExporter extends ConfiguredExporter<EndpointSettings> {

    /** The exporter's name and configuration prefix. */
    public static final String NAME = "prometheus";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusExporter.class);

    private volatile ScrapeServer server;

    /** The exporter as {@link java.util.ServiceLoader} creates it; it reads its settings in {@link #configure}. */
    public PrometheusExporter() {
        this(Map.of());
    }

    /** The exporter made by {@link PrometheusExporterBuilder}, with the settings it recorded. */
    PrometheusExporter(Map<String, String> settingsInCode) {
        super(NAME, Optional.empty(), settingsInCode);
    }

    /** A builder that configures the exporter in code, without string keys. */
    public static PrometheusExporterBuilder builder() {
        return new PrometheusExporterBuilder();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    protected EndpointSettings read(ExporterConfig config) {
        return EndpointSettings.from(config);
    }

    @Override
    public synchronized void start(ExporterContext context) throws Exception {
        if (server != null) {
            throw new IllegalStateException("the Prometheus endpoint is already started");
        }
        EndpointSettings endpoint = settings();
        FormatCatalog formats = FormatCatalog.discover(context, endpoint.families(), endpoint.durations());
        server = ScrapeServer.start(endpoint, formats, context::snapshot, context.threadFactory());
        LOG.info(
                "Prometheus endpoint listening on {} (formats: {}){}",
                server.metricsUri(),
                formats.all().stream().map(MetricsFormat::name).collect(Collectors.joining(", ")),
                endpoint.credentials().isPresent() ? " with basic authentication" : "");
    }

    /**
     * The port the endpoint listens on, which is the chosen free port when {@code port} was 0.
     *
     * @throws IllegalStateException before {@link #start} or after {@link #close}
     */
    public int port() {
        return address().getPort();
    }

    /**
     * The address the endpoint listens on.
     *
     * @throws IllegalStateException before {@link #start} or after {@link #close}
     */
    public InetSocketAddress address() {
        return running().address();
    }

    /**
     * The URI the metrics are served at, as a client reaches it: {@code https} when {@code tls.keystore} is set,
     * {@code http} otherwise, then the bound address, the port (the chosen one when {@code port} was 0) and the
     * {@code path}, for example {@code https://127.0.0.1:9464/metrics}. The other formats are at this URI plus
     * {@code .<format>}, such as {@code .json}.
     *
     * @throws IllegalStateException before {@link #start} or after {@link #close}
     */
    public URI metricsUri() {
        return running().metricsUri();
    }

    private ScrapeServer running() {
        ScrapeServer running = server;
        if (running == null) {
            throw new IllegalStateException("the Prometheus endpoint is not running");
        }
        return running;
    }

    /** Stops the server at once: open connections are closed and the request threads stopped. */
    @Override
    public synchronized void close() {
        ScrapeServer running = server;
        server = null;
        if (running != null) {
            running.close();
            LOG.info("Prometheus endpoint stopped");
        }
    }

    @Override
    public String toString() {
        return "PrometheusExporter[" + (server == null ? "stopped" : address()) + "]";
    }
}
