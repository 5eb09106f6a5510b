package io.symphra.exporter.statsd;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UTF-8 that counts how many strings it has encoded.
 *
 * <p>Why: java-statsd-client's {@code NonBlockingUdpSender} queues every packet on an unbounded executor queue
 * that it does not expose, and encodes a packet with the charset it was given right before writing it. Handing it
 * this charset tells the exporter how many of its packets have left the queue, so it can refuse to add more while
 * the sender is stuck instead of letting the queue grow without bound.
 */
final class CountingCharset extends Charset {

    private final AtomicLong encoded = new AtomicLong();

    CountingCharset() {
        super("x-symphra-counting-utf-8", null);
    }

    /** Strings encoded so far, each through one {@link #newEncoder()}. */
    long encoded() {
        return encoded.get();
    }

    @Override
    public boolean contains(Charset cs) {
        return StandardCharsets.UTF_8.contains(cs);
    }

    @Override
    public CharsetDecoder newDecoder() {
        return StandardCharsets.UTF_8.newDecoder();
    }

    @Override
    public CharsetEncoder newEncoder() {
        encoded.incrementAndGet();
        return StandardCharsets.UTF_8.newEncoder();
    }
}
