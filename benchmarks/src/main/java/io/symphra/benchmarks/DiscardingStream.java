package io.symphra.benchmarks;

import java.io.OutputStream;

/** Counts the bytes written to it and keeps none, so that no contender pays for growing a buffer. */
public final class DiscardingStream extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }

    /** Bytes written since the last call, and starts counting afresh. */
    public long take() {
        long n = count;
        count = 0;
        return n;
    }
}
