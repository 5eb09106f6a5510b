package io.symphra.exporter.statsd;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real UDP socket on the loopback that keeps every datagram it receives. */
final class UdpReceiver implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<String> packets = new CopyOnWriteArrayList<>();
    private final Thread reader;

    UdpReceiver() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        reader = new Thread(this::read, "udp-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> packets() {
        return List.copyOf(packets);
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String p : packets) {
            lines.addAll(Arrays.asList(p.split("\n", -1)));
        }
        return lines;
    }

    private void read() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                packets.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5_000);
    }
}
