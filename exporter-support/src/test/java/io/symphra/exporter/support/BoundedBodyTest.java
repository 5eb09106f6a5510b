package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real server answering with an endless body, and one with a short body, read through the shared client. */
class BoundedBodyTest {

    @Test
    void anEndlessBodyIsCutAtTheLimitAndTheCallEnds() throws Exception {
        try (EndlessServer server = new EndlessServer()) {
            HttpResponse<byte[]> response = SharedHttpClient.get()
                    .sendAsync(request(server.uri()), BoundedBody.upTo(4096))
                    .get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).hasSize(4096).containsOnly((byte) 'x');
        }
    }

    @Test
    void aBodyWithinTheLimitIsReturnedWhole() throws Exception {
        try (EndlessServer server = new EndlessServer("short body")) {
            HttpResponse<byte[]> response = SharedHttpClient.get()
                    .sendAsync(request(server.uri()), BoundedBody.upTo(4096))
                    .get(30, TimeUnit.SECONDS);
            assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("short body");
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> BoundedBody.upTo(-1)).hasMessageContaining("-1");
    }

    @Test
    void plainHttpAsksForHttp11AndTlsForHttp2() {
        assertThat(SharedHttpClient.versionFor(URI.create("http://127.0.0.1/")))
                .isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(SharedHttpClient.versionFor(URI.create("https://127.0.0.1/")))
                .isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(SharedHttpClient.get()).isSameAs(SharedHttpClient.get());
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .version(SharedHttpClient.versionFor(uri))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    /** Answers one request with 200 and either a fixed body or bytes until the client hangs up. */
    private static final class EndlessServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        private final Thread thread;

        EndlessServer() throws IOException {
            this(null);
        }

        EndlessServer(String body) throws IOException {
            thread = new Thread(() -> serve(body), "endless-body-server");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        private void serve(String body) {
            try (Socket client = socket.accept()) {
                InputStream in = client.getInputStream();
                byte[] head = new byte[8192];
                in.read(head); // the request head: its content does not matter here
                OutputStream out = client.getOutputStream();
                if (body != null) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(chunk); // ends with an IOException once the client closed the connection
                }
            } catch (IOException closed) {
                // the client hung up, or the test closed the server
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("the server saw the client hang up").isFalse();
        }
    }
}
