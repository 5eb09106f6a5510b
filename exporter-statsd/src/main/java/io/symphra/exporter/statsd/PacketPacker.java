package io.symphra.exporter.statsd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins StatsD lines with {@code \n} into datagrams of at most a given number of UTF-8 bytes, keeping their order.
 * An entry that alone is larger than a datagram cannot be sent without being cut, which would corrupt it: it is
 * left out and counted.
 */
final class PacketPacker {

    private final int maxBytes;

    PacketPacker(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The datagrams of one push.
     *
     * @param packets       the payloads, each at most {@code maxBytes} UTF-8 bytes
     * @param linesOversize entries left out because they did not fit in one datagram
     * @param firstOversize the first entry left out, or {@code null}
     */
    record Packed(List<String> packets, int linesOversize, String firstOversize) {}

    Packed pack(List<String> entries) {
        List<String> packets = new ArrayList<>();
        StringBuilder packet = new StringBuilder(maxBytes);
        int packetBytes = 0;
        int oversize = 0;
        String firstOversize = null;
        for (String entry : entries) {
            int bytes = entry.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                oversize++;
                if (firstOversize == null) {
                    firstOversize = entry;
                }
                continue;
            }
            int needed = packetBytes == 0 ? bytes : packetBytes + 1 + bytes;
            if (needed > maxBytes) {
                packets.add(packet.toString());
                packet.setLength(0);
                packetBytes = 0;
                needed = bytes;
            }
            if (packetBytes > 0) {
                packet.append('\n');
            }
            packet.append(entry);
            packetBytes = needed;
        }
        if (packetBytes > 0) {
            packets.add(packet.toString());
        }
        return new Packed(packets, oversize, firstOversize);
    }
}
