package io.symphra.exporter.otlp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that accepts every connection and never answers: the collector that hangs.
 */
final class SilentReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::acceptForever, "silent-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1/metrics";
    }

    int connectionCount() {
        return connections.size();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                connections.add(server.accept());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
