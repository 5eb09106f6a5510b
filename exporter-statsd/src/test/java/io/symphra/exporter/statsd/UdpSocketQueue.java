package io.symphra.exporter.statsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Linux kernel holds for the UDP socket bound to {@code 127.0.0.1:port}, read from {@code /proc/net/udp}:
 * the bytes received and not yet read by its owner, and the datagrams dropped because its receive buffer was full.
 * A UDP daemon that is not scheduled for a while does not slow the sender down: once its receive buffer is full
 * the kernel drops what comes next, so the tests that compare the reference daemon's counts with the snapshot need
 * to see (and stay below) that limit.
 *
 * @param waitingBytes bytes queued for the socket, counted as the kernel counts them against the buffer (each
 *                     datagram's whole allocation, not its payload)
 * @param drops        datagrams the kernel dropped for this socket since it was bound
 */
record UdpSocketQueue(long waitingBytes, long drops) {

    private static final Path PROC_NET_UDP = Path.of("/proc/net/udp");

    /** The socket bound to {@code 127.0.0.1:port}, empty when none is. */
    static Optional<UdpSocketQueue> of(int port) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC_NET_UDP);
        } catch (IOException e) {
            throw new UncheckedIOException("this test reads the kernel's UDP queues, which needs Linux /proc", e);
        }
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f[1].equals(local)) {
                long rxQueue = Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                return Optional.of(new UdpSocketQueue(rxQueue, Long.parseLong(f[f.length - 1])));
            }
        }
        return Optional.empty();
    }
}
