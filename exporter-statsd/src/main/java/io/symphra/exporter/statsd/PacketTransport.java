package io.symphra.exporter.statsd;

/** Where the exporter's datagrams go. */
interface PacketTransport extends AutoCloseable {

    /** Makes sure the daemon's address is known; false (after logging why, rate-limited) when it is not yet. */
    boolean connect();

    /** Datagrams handed to {@link #send} that have not been written yet. */
    long queued();

    /** Queues one datagram; never blocks on the network and never throws for a delivery failure. */
    void send(String packet);

    @Override
    void close();
}
