package io.symphra.exporter.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffer of UTF-8 bytes in front of an {@link OutputStream}, with the number spellings both expositions share.
 * Numbers are written digit by digit into the buffer, so rendering a sample allocates nothing in the common cases.
 *
 * <p>Number rules: {@code NaN}, {@code +Inf} and {@code -Inf} as both formats spell them; integers as plain digits;
 * other values as the plain decimal with the fewest digits that parses back to exactly the same double (found for
 * every value that needs at most 15 significant digits), else {@link Double#toString(double)}, which also parses
 * back exactly. A count of nanoseconds is written as its exact decimal number of seconds.
 */
final class ExpositionOutput {

    /** 2^53: every integer below it is a double exactly. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLUS_INF = "+Inf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INF = "-Inf".getBytes(StandardCharsets.US_ASCII);

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p; // each of 1e0..1e22 is a double exactly
            p *= 10;
        }
    }

    /** Room for the longest number spelling, so a number is never split across two drains. */
    private static final int MIN_BUFFER_SIZE = 64;
    /** Bytes kept free after a sample's start for its value and line end. */
    private static final int VALUE_ROOM = 40;

    private final OutputStream out;
    private final byte[] buffer;
    private int pos;

    ExpositionOutput(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[Math.max(MIN_BUFFER_SIZE, bufferSize)];
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - pos) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, pos, length);
        pos += length;
    }

    /**
     * Writes the start of a sample line: its name, its label block and what closes the labels, with a single
     * capacity check, and leaves room for the value and line end that follow.
     */
    void startSample(byte[] name, byte[] labels, int labelsOffset, int labelsLength, byte[] suffix) throws IOException {
        int need = name.length + labelsLength + suffix.length + VALUE_ROOM;
        if (need > buffer.length - pos) {
            drain();
            if (need > buffer.length) {
                write(name);
                write(labels, labelsOffset, labelsLength);
                write(suffix);
                return;
            }
        }
        byte[] buf = buffer;
        int p = pos;
        System.arraycopy(name, 0, buf, p, name.length);
        p += name.length;
        System.arraycopy(labels, labelsOffset, buf, p, labelsLength);
        p += labelsLength;
        System.arraycopy(suffix, 0, buf, p, suffix.length);
        pos = p + suffix.length;
    }

    void writeByte(int b) throws IOException {
        if (pos == buffer.length) {
            drain();
        }
        buffer[pos++] = (byte) b;
    }

    /** Writes a long in decimal. */
    void writeLong(long value) throws IOException {
        if (value >= 0 && value < 10) {
            writeByte('0' + (int) value);
            return;
        }
        room(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                writeAscii(Long.toString(value));
                return;
            }
            buffer[pos++] = '-';
            value = -value;
        }
        pos = putDigits(value, buffer, pos);
    }

    /** Writes a double by the rules in the class comment. */
    void writeDouble(double value) throws IOException {
        if (Double.isNaN(value)) {
            write(NAN);
            return;
        }
        if (Double.isInfinite(value)) {
            write(value > 0 ? PLUS_INF : MINUS_INF);
            return;
        }
        room(32);
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            buffer[pos++] = '-';
            value = -value;
        }
        if (value == Math.rint(value) && value < 9.2e18) {
            pos = putDigits((long) value, buffer, pos); // an integer: its digits are exact
            return;
        }
        if (!writeShortDecimal(value)) {
            writeAscii(Double.toString(value));
        }
    }

    /** Writes {@code nanos / 1e9} as an exact decimal number of seconds. */
    void writeNanosAsSeconds(long nanos) throws IOException {
        room(32);
        if (nanos < 0) {
            if (nanos == Long.MIN_VALUE) {
                writeAscii(Double.toString(nanos / 1e9));
                return;
            }
            buffer[pos++] = '-';
            nanos = -nanos;
        }
        pos = putDigits(nanos / 1_000_000_000L, buffer, pos);
        putFraction((int) (nanos % 1_000_000_000L));
    }

    /** Writes an instant as an exact decimal number of seconds since the Unix epoch. */
    void writeEpochSeconds(long epochSecond, int nano) throws IOException {
        room(32);
        if (epochSecond < 0 && nano > 0) {
            // -1.25 s is epochSecond -2 plus 0.75 s: fold it into one signed value first
            epochSecond += 1;
            nano = 1_000_000_000 - nano;
            buffer[pos++] = '-';
            pos = putDigits(-epochSecond, buffer, pos);
        } else if (epochSecond < 0) {
            buffer[pos++] = '-';
            pos = putDigits(-epochSecond, buffer, pos);
        } else {
            pos = putDigits(epochSecond, buffer, pos);
        }
        putFraction(nano);
    }

    /** Writes plain ASCII text, such as a fallback number spelling. */
    void writeAscii(String text) throws IOException {
        int n = text.length();
        room(n);
        if (n > buffer.length) {
            write(text.getBytes(StandardCharsets.US_ASCII));
            return;
        }
        for (int i = 0; i < n; i++) {
            buffer[pos++] = (byte) text.charAt(i);
        }
    }

    /** Writes what is buffered and flushes the stream, without closing it. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buffer, 0, pos);
            pos = 0;
        }
    }

    private void room(int bytes) throws IOException {
        if (buffer.length - pos < bytes) {
            drain();
        }
    }

    private void putFraction(int nanos) {
        if (nanos == 0) {
            return;
        }
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        buffer[pos++] = '.';
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buffer[i] = (byte) ('0' + nanos % 10);
            nanos /= 10;
        }
        pos = end;
    }

    /**
     * Finds the fewest fraction digits {@code k} such that the decimal {@code m / 10^k}, with {@code m < 2^53},
     * parses back to {@code value}: for such {@code m} and {@code k} the division is exact in both operands and
     * correctly rounded, just as parsing the decimal is, so comparing the two proves the round trip.
     */
    private boolean writeShortDecimal(double value) {
        int maxDigits = 0;
        while (maxDigits + 1 < POWERS_OF_TEN.length && value * POWERS_OF_TEN[maxDigits + 1] < EXACT_INTEGER_LIMIT) {
            maxDigits++;
        }
        if (maxDigits == 0 || mantissaFor(value, maxDigits) < 0) {
            return false;
        }
        int low = 1;
        int high = maxDigits;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (mantissaFor(value, mid) >= 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        long mantissa = mantissaFor(value, high);
        putDecimal(mantissa, high);
        return true;
    }

    /** The integer {@code m} whose {@code m / 10^digits} is exactly {@code value}, or -1 if there is none. */
    private static long mantissaFor(double value, int digits) {
        double power = POWERS_OF_TEN[digits];
        long guess = Math.round(value * power);
        for (long m = guess - 1; m <= guess + 1; m++) {
            if (m >= 0 && m < EXACT_INTEGER_LIMIT && m / power == value) {
                return m;
            }
        }
        return -1;
    }

    /** Writes {@code mantissa / 10^fractionDigits} in plain decimal notation. */
    private void putDecimal(long mantissa, int fractionDigits) {
        long power = 1;
        for (int i = 0; i < fractionDigits; i++) {
            power *= 10;
        }
        pos = putDigits(mantissa / power, buffer, pos);
        long fraction = mantissa % power;
        buffer[pos++] = '.';
        int end = pos + fractionDigits;
        for (int i = end - 1; i >= pos; i--) {
            buffer[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        pos = end;
    }

    private static int putDigits(long value, byte[] dst, int pos) {
        int length = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            length++;
        }
        int end = pos + length;
        for (int i = end - 1; i >= pos; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }
}
