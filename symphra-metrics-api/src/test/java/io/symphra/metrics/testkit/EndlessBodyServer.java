package io.symphra.metrics.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile HTTP/1.1 server on 127.0.0.1: reads each request, answers with a fixed status and a body that does not
 * end (no length, the connection held open), and counts the body bytes the client took. For the test's own safety
 * it stops writing to a connection after {@link #MAX_BYTES_PER_CONNECTION} or {@link #MAX_MILLIS_PER_CONNECTION},
 * long past what a bounded client reads.
 */
public final class EndlessBodyServer implements AutoCloseable {

    public static final long MAX_BYTES_PER_CONNECTION = 256L << 20;
    public static final long MAX_MILLIS_PER_CONNECTION = 60_000;

    /** How the body's length is (not) told. */
    public enum Framing {
        /** No length: the body ends when the connection does. */
        UNTIL_CLOSE,
        /** {@code Transfer-Encoding: chunked}, with no last chunk. */
        CHUNKED,
        /** {@code Content-Length: 1 TiB}. */
        HUGE_LENGTH
    }

    private static final byte[] BLOCK = new byte[64 * 1024];

    static {
        Arrays.fill(BLOCK, (byte) 'x');
    }

    private final ServerSocket listener;
    private final int status;
    private final Framing framing;
    private final AtomicLong bodyBytesWritten = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    /** Starts listening on a free port of 127.0.0.1; every answer has {@code status}, framed as {@code framing}. */
    public EndlessBodyServer(int status, Framing framing) throws IOException {
        this.status = status;
        this.framing = framing;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "endless-body-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URL of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Body bytes the clients accepted (into their socket buffers or beyond) over every connection so far. */
    public long bodyBytesWritten() {
        return bodyBytesWritten.get();
    }

    /** Requests read so far, one per connection. */
    public int requests() {
        return requests.get();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                answer(socket);
            } catch (IOException e) {
                // The client hung up (what a bounded client does) or the server is closing: next connection.
            }
        }
    }

    private void answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        readRequest(in);
        requests.incrementAndGet();
        OutputStream out = socket.getOutputStream();
        String length = switch (framing) {
            case UNTIL_CLOSE -> "";
            case CHUNKED -> "Transfer-Encoding: chunked\r\n";
            case HUGE_LENGTH -> "Content-Length: " + (1L << 40) + "\r\n";
        };
        out.write(("HTTP/1.1 " + status + " Hostile\r\nContent-Type: text/plain\r\n" + length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunkHead = (Integer.toHexString(BLOCK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunkTail = "\r\n".getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + MAX_MILLIS_PER_CONNECTION * 1_000_000L;
        long written = 0;
        while (written < MAX_BYTES_PER_CONNECTION && System.nanoTime() < deadline) {
            if (framing == Framing.CHUNKED) {
                out.write(chunkHead);
                out.write(BLOCK);
                out.write(chunkTail);
            } else {
                out.write(BLOCK);
            }
            written += BLOCK.length;
            bodyBytesWritten.addAndGet(BLOCK.length);
        }
    }

    /** Reads the head and a Content-Length body, whatever they say. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.skipNBytes(length);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
