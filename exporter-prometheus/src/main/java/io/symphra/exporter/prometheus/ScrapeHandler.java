package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.spi.MetricsFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the metrics: at the configured path in the format the {@code Accept} header picks, and at
 * {@code <path>.<format>} in that format. GET and HEAD only; gzip when the client accepts it. The Prometheus text
 * formats honour the {@code name[]} query filter ({@link FamilyNameFilter}); other formats ignore it. A failure before the
 * response starts is a 500 with a short text and is logged; the stack trace never reaches the client.
 */
final class ScrapeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

    private final String path;
    private final FormatCatalog formats;
    private final Supplier<MetricsSnapshot> snapshots;
    private final ThrottledLog warnings = ThrottledLog.every(LOG, Duration.ofMinutes(1));

    ScrapeHandler(String path, FormatCatalog formats, Supplier<MetricsSnapshot> snapshots) {
        this.path = path;
        this.formats = formats;
        this.snapshots = snapshots;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (ResponseStartedException e) {
            Throwable cause = e.getCause();
            warnings.warn(
                    "Metrics response to " + exchange.getRemoteAddress() + " broke off: " + cause,
                    cause instanceof RuntimeException ? cause : null);
            // Not closing the exchange: an exception out of the handler makes the server drop the connection
            // without the final chunk, so the client sees a truncated response instead of a short, valid-looking one.
            throw e;
        } catch (IOException e) {
            warnings.warn("Metrics request from " + exchange.getRemoteAddress() + " failed: " + e);
        } catch (RuntimeException e) {
            warnings.warn(
                    "Could not serve metrics at " + exchange.getRequestURI().getPath(), e);
            HttpResponses.text(exchange, 500, "Internal error while collecting metrics\n");
        }
        exchange.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        Optional<MetricsFormat> format = route(exchange);
        if (format.isEmpty()) {
            HttpResponses.text(exchange, 404, "Not found. Metrics are at " + path + "\n");
            return;
        }
        if (HttpResponses.rejectMethod(exchange)) {
            return;
        }
        MetricsSnapshot snapshot = snapshots.get();
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", format.get().contentType());
        headers.set("Vary", "Accept, Accept-Encoding");
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
        if (gzip) {
            headers.set("Content-Encoding", "gzip");
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        Optional<FamilyNameFilter> filter = format.get() instanceof RendererFormat
                ? FamilyNameFilter.fromQuery(exchange.getRequestURI().getRawQuery())
                : Optional.empty();
        exchange.sendResponseHeaders(200, 0); // chunked: the body streams as it is rendered
        try {
            OutputStream body = exchange.getResponseBody();
            if (gzip) {
                try (OutputStream zipped = filtered(filter, new GZIPOutputStream(body, 8192))) {
                    format.get().write(snapshot, zipped);
                }
            } else {
                OutputStream out = filtered(filter, body);
                format.get().write(snapshot, out);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the status line is gone: the only way left to signal the failure is to cut the response short
            throw new ResponseStartedException(e);
        }
    }

    private static OutputStream filtered(Optional<FamilyNameFilter> filter, OutputStream out) {
        return filter.map(f -> f.filter(out)).orElse(out);
    }

    /** A failure after the status line was sent, which can no longer become a 500. */
    private static final class ResponseStartedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseStartedException(Exception cause) {
            super(cause);
        }
    }

    private Optional<MetricsFormat> route(HttpExchange exchange) {
        String requested = exchange.getRequestURI().getPath();
        if (requested.equals(path)) {
            return Optional.of(formats.negotiate(exchange.getRequestHeaders().getFirst("Accept")));
        }
        if (requested.length() > path.length() + 1
                && requested.startsWith(path)
                && requested.charAt(path.length()) == '.') {
            return formats.byName(requested.substring(path.length() + 1).toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** True when {@code Accept-Encoding} lists gzip (or x-gzip) with a weight above zero; malformed entries are skipped. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";", -1); // never empty, even for ";"
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
                continue;
            }
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            return quality > 0;
        }
        return false;
    }
}
