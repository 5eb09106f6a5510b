package io.symphra.exporter.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the UTF-8 bytes written to it into a {@link Writer}. A character split between two writes is kept
 * until its last byte arrives.
 */
final class Utf8WriterStream extends OutputStream {

    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    Utf8WriterStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, pending.remaining());
            pending.put(bytes, offset, n);
            offset += n;
            length -= n;
            decodePending();
        }
    }

    @Override
    public void flush() throws IOException {
        decodePending();
        writer.flush();
    }

    private void decodePending() throws IOException {
        pending.flip();
        CoderResult result;
        do {
            result = decoder.decode(pending, chars, false);
            chars.flip();
            writer.write(chars.array(), chars.position(), chars.remaining());
            chars.clear();
        } while (result.isOverflow());
        pending.compact();
    }
}
