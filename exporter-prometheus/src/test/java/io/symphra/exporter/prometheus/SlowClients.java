package io.symphra.exporter.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slowloris clients: a fixed number of connections to one loopback address, each sending the same bytes one at a
 * time, one byte per tick. A connection the server drops is opened again on the same tick and starts over, so the
 * server always faces the full number of slow clients. Each tick is one pass of a bounded loop over the
 * connections, run by a scheduled executor.
 */
final class SlowClients implements AutoCloseable {

    private final InetSocketAddress target;
    private final byte[] bytes;
    private final Socket[] sockets;
    private final int[] sent;
    private final ScheduledExecutorService ticker;
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();

    private SlowClients(InetSocketAddress target, int connections, byte[] bytes) {
        this.target = target;
        this.bytes = bytes.clone();
        this.sockets = new Socket[connections];
        this.sent = new int[connections];
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slowloris");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the connections and starts sending one byte per connection every {@code tick}. */
    static SlowClients start(InetSocketAddress target, int connections, byte[] bytes, Duration tick) {
        SlowClients clients = new SlowClients(target, connections, bytes);
        clients.ticker.scheduleAtFixedRate(clients::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
        return clients;
    }

    private void tick() {
        for (int i = 0; i < sockets.length; i++) {
            try {
                if (sockets[i] == null) {
                    sockets[i] = open();
                    sent[i] = 0;
                }
                OutputStream out = sockets[i].getOutputStream();
                out.write(bytes[sent[i] % bytes.length]);
                out.flush();
                sent[i]++;
                bytesWritten.incrementAndGet();
            } catch (IOException e) {
                // the server dropped it (or refused it): open a fresh one on the next pass
                closeQuietly(sockets[i]);
                sockets[i] = null;
                dropped.incrementAndGet();
            }
        }
        ticks.incrementAndGet();
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(target, 5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        opened.incrementAndGet();
        return socket;
    }

    /** Passes over all connections so far. */
    int ticks() {
        return ticks.get();
    }

    /** Connections opened so far, reopened ones included. */
    long opened() {
        return opened.get();
    }

    /** Writes that failed because the server had closed or refused the connection. */
    long dropped() {
        return dropped.get();
    }

    long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
