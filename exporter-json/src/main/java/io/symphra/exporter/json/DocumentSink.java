package io.symphra.exporter.json;

import java.io.IOException;

/** One place a pushed document goes: a file, a log, an HTTP endpoint. */
interface DocumentSink extends AutoCloseable {

    /** A short name for messages, such as {@code file /var/lib/app/metrics.json}. Never holds a secret. */
    String describe();

    /** Delivers one document, UTF-8 JSON on one line; throws when it could not be delivered. */
    void accept(byte[] document) throws IOException, InterruptedException;

    /** Releases what the sink holds. Must not throw and must not block for long. */
    @Override
    default void close() {}
}
