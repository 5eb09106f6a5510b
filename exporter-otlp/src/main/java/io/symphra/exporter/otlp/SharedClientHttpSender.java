package io.symphra.exporter.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushRetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP sender the SDK's exporter is given instead of its own JDK sender: the SDK encodes and compresses
 * the request, and the shared {@link HttpPushClient} sends it, with the retry policy and status table of every
 * Symphra HTTP exporter (the SDK's own retry is off for HTTP).
 *
 * <p>Why not the SDK's sender: it builds a JDK {@code HttpClient} per exporter, which JDK 17 cannot close, so each
 * closed exporter left a selector thread until a garbage collection happened to run. The push client sends with the
 * JVM's one shared client, and asynchronously: a retry waits on the JDK's delay thread, so no thread is held per
 * push. Only an exporter configured with certificates of its own gets a JDK client of its own, built with the TLS
 * context the SDK made from them; JDK 17 cannot close it, so its selector thread ends after a garbage collection.
 */
final class SharedClientHttpSender implements HttpSender {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClientHttpSender.class);

    private final HttpSenderConfig config;
    private final HttpPushClient client;

    SharedClientHttpSender(HttpSenderConfig config, PushRetryPolicy retry, String credentialsKey) {
        this.config = config;
        HttpPushClient.Builder client = HttpPushClient.builder(config.getEndpoint())
                .timeout(config.getTimeout())
                .retryPolicy(retry)
                .credentialsKey(credentialsKey)
                .logger(LOG);
        SSLContext tls = config.getSslContext();
        if (tls != null) {
            // Trusted certificates or a client certificate of its own: the shared client has the JVM's defaults.
            client.httpClient(HttpClient.newBuilder()
                    .sslContext(tls)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_2)
                    .build());
        }
        this.client = client.build();
    }

    @Override
    public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        byte[] body;
        try {
            body = encode(writer);
        } catch (IOException e) {
            onError.accept(e);
            return;
        }
        client.pushAsync(body, config.getContentType(), headers()).whenComplete((status, error) -> {
            if (error == null) {
                onResponse.accept(new Response(status));
            } else {
                onError.accept(error);
            }
        });
    }

    /**
     * The SDK's headers (the configured ones and its {@code User-Agent}) and the body's encoding. A header with
     * several values is sent as one comma-separated line, which HTTP defines as the same (RFC 9110, 5.3).
     */
    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> configured = config.getHeadersSupplier().get();
        if (configured != null) {
            configured.forEach((name, values) -> headers.put(name, String.join(", ", values)));
        }
        Compressor compressor = config.getCompressor();
        if (compressor != null) {
            headers.put("Content-Encoding", compressor.getEncoding());
        }
        return headers;
    }

    private byte[] encode(MessageWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, writer.getContentLength()));
        Compressor compressor = config.getCompressor();
        try (OutputStream out = compressor == null ? bytes : compressor.compress(bytes)) {
            writer.writeMessage(out);
        }
        return bytes.toByteArray();
    }

    @Override
    public CompletableResultCode shutdown() {
        client.close();
        return CompletableResultCode.ofSuccess();
    }

    /** The SDK's view of a delivered push: a 2xx without a body to read. */
    private record Response(int statusCode) implements HttpResponse {
        @Override
        public int getStatusCode() {
            return statusCode;
        }

        @Override
        public String getStatusMessage() {
            return "";
        }

        @Override
        public byte[] getResponseBody() {
            return new byte[0];
        }
    }
}
