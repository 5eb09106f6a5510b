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
    /**
     * Seconds below which a value that is a whole number of nanoseconds has at most 15 significant digits. Two
     * decimals of at most 15 significant digits never parse to the same double, so when {@code n / 1e9} parses
     * back to the value, the decimal of {@code n} nanoseconds is the shortest spelling: the one
     * {@link #putShortDecimal} finds, written with integer arithmetic only.
     */
    private static final double WHOLE_NANOS_LIMIT = 1e6;

    private static final double LOG10_OF_2 = Math.log10(2);
    private static final double[] POWERS_OF_TEN = new double[23];
    /** 10^0 .. 10^18: the smallest number of each digit count. */
    private static final long[] LONG_POWERS_OF_TEN = new long[19];
    /** "00" to "99", for writing two digits per division. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    private static final byte[] CLOSE = "} ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLUS_INF = "+Inf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INF = "-Inf".getBytes(StandardCharsets.US_ASCII);

    static {
        long power = 1;
        for (int i = 0; i < LONG_POWERS_OF_TEN.length; i++) {
            LONG_POWERS_OF_TEN[i] = power;
            power *= 10;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p; // each of 1e0..1e22 is a double exactly
            p *= 10;
        }
    }

    /** Room for the longest number spelling, so a number is never split across two drains. */
    private static final int MIN_BUFFER_SIZE = 64;
    /**
     * Bytes kept free after a sample's start for its value and line end: the longest spelling is 25 bytes
     * ({@code -0.} and 22 fraction digits, or a {@link Double#toString(double)} fallback), plus the line feed.
     */
    static final int VALUE_ROOM = 40;

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
     * capacity check, and leaves at least {@link #VALUE_ROOM} bytes free, so that the value and line end that
     * follow can be put without further checks ({@link #putLong} and the other {@code put} methods).
     */
    void startSample(byte[] name, byte[] labels, int labelsOffset, int labelsLength, byte[] suffix) throws IOException {
        int need = name.length + labelsLength + suffix.length + VALUE_ROOM;
        if (need > buffer.length - pos) {
            drain();
            if (need > buffer.length) {
                write(name);
                write(labels, labelsOffset, labelsLength);
                write(suffix);
                room(VALUE_ROOM);
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

    /** {@link #startSample} with {@code "} "} closing the labels, which most samples have. */
    void startSample(byte[] name, byte[] labels, int labelsOffset, int labelsLength) throws IOException {
        int need = name.length + labelsLength + 2 + VALUE_ROOM;
        if (need > buffer.length - pos) {
            startSample(name, labels, labelsOffset, labelsLength, CLOSE);
            return;
        }
        byte[] buf = buffer;
        int p = pos;
        System.arraycopy(name, 0, buf, p, name.length);
        p += name.length;
        System.arraycopy(labels, labelsOffset, buf, p, labelsLength);
        p += labelsLength;
        buf[p] = '}';
        buf[p + 1] = ' ';
        pos = p + 2;
    }

    /**
     * Makes the next {@code bytes} bytes fit in the buffer, draining it when they do not fit behind what is
     * buffered; false when they cannot fit at all, and the caller must write piece by piece.
     */
    boolean reserve(int bytes) throws IOException {
        if (bytes > buffer.length - pos) {
            drain();
            return bytes <= buffer.length;
        }
        return true;
    }

    /** Where the next byte goes in the buffer; valid until the buffer drains (see {@link #reserve}). */
    int position() {
        return pos;
    }

    /** Puts {@code bytes} into room reserved before. */
    void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, pos, bytes.length);
        pos += bytes.length;
    }

    /** Puts a range of {@code bytes} into room reserved before. */
    void put(byte[] bytes, int offset, int length) {
        System.arraycopy(bytes, offset, buffer, pos, length);
        pos += length;
    }

    /** Puts again {@code length} bytes put since the last drain, from buffer position {@code from}. */
    void putAgain(int from, int length) {
        System.arraycopy(buffer, from, buffer, pos, length);
        pos += length;
    }

    /** Puts a line feed into room reserved before. */
    void endLine() {
        buffer[pos++] = '\n';
    }

    void writeByte(int b) throws IOException {
        if (pos == buffer.length) {
            drain();
        }
        buffer[pos++] = (byte) b;
    }

    /** Writes a long in decimal. */
    void writeLong(long value) throws IOException {
        room(VALUE_ROOM);
        putLong(value);
    }

    /** {@link #writeLong} into room reserved before. */
    void putLong(long value) {
        if (value >= 0 && value < 10) {
            buffer[pos++] = (byte) ('0' + value);
            return;
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                putAscii(Long.toString(value));
                return;
            }
            buffer[pos++] = '-';
            value = -value;
        }
        pos = putDigits(value, buffer, pos);
    }

    /** Writes a double by the rules in the class comment. */
    void writeDouble(double value) throws IOException {
        room(VALUE_ROOM);
        putDouble(value);
    }

    /** {@link #writeDouble} into room reserved before. */
    void putDouble(double value) {
        if (Double.isNaN(value)) {
            put(NAN);
            return;
        }
        if (Double.isInfinite(value)) {
            put(value > 0 ? PLUS_INF : MINUS_INF);
            return;
        }
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            buffer[pos++] = '-';
            value = -value;
        }
        if (value == Math.rint(value) && value < 9.2e18) {
            pos = putDigits((long) value, buffer, pos); // an integer: its digits are exact
            return;
        }
        if (value < WHOLE_NANOS_LIMIT) {
            long nanos = Math.round(value * 1e9);
            if (nanos / 1e9 == value) {
                putNanosAsSeconds(nanos);
                return;
            }
        }
        if (!putShortDecimal(value)) {
            putAscii(Double.toString(value));
        }
    }

    /** Writes {@code nanos / 1e9} as an exact decimal number of seconds. */
    void writeNanosAsSeconds(long nanos) throws IOException {
        room(VALUE_ROOM);
        putNanosAsSeconds(nanos);
    }

    /** {@link #writeNanosAsSeconds} into room reserved before. */
    void putNanosAsSeconds(long nanos) {
        if (nanos >= 0 && nanos < 1_000_000_000L) {
            buffer[pos++] = '0';
            putFraction((int) nanos);
            return;
        }
        if (nanos < 0) {
            if (nanos == Long.MIN_VALUE) {
                putAscii(Double.toString(nanos / 1e9));
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
        room(VALUE_ROOM);
        putEpochSeconds(epochSecond, nano);
    }

    /** {@link #writeEpochSeconds} into room reserved before. */
    void putEpochSeconds(long epochSecond, int nano) {
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
        putAscii(text);
    }

    private void putAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
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

    /** Writes {@code .ddddddddd} for 1..999,999,999 nanoseconds, without trailing zeros; nothing for 0. */
    private void putFraction(int nanos) {
        if (nanos == 0) {
            return;
        }
        byte[] buf = buffer;
        buf[pos] = '.';
        int end = pos + 10;
        int i = end;
        int v = nanos;
        for (int pairs = 0; pairs < 4; pairs++) {
            int pair = v % 100;
            v /= 100;
            buf[--i] = DIGIT_PAIRS[2 * pair + 1];
            buf[--i] = DIGIT_PAIRS[2 * pair];
        }
        buf[--i] = (byte) ('0' + v);
        while (buf[end - 1] == '0') {
            end--;
        }
        pos = end;
    }

    /**
     * Puts {@code value} as the decimal {@code m / 10^k} with the fewest fraction digits, if one with
     * {@code m < 2^53} parses back to it. For such {@code m} and {@code k} both operands of {@code m / 10^k} are
     * exact doubles and the division is correctly rounded, just as parsing the decimal is, so comparing the two
     * proves the round trip. The search starts at the largest usable {@code k}, then drops trailing zeros.
     *
     * @return false when no such decimal exists (the value needs more than about 16 significant digits)
     */
    private boolean putShortDecimal(double value) {
        int exponent = Math.getExponent(value); // 2^exponent <= value < 2^(exponent + 1)
        int digits = (int) Math.floor((52 - exponent) * LOG10_OF_2); // so that value * 10^digits < 2^53
        if (digits < 1) {
            return false;
        }
        digits = Math.min(digits, POWERS_OF_TEN.length - 1);
        double power = POWERS_OF_TEN[digits];
        long guess = Math.round(value * power);
        long mantissa = -1;
        int mantissaZeros = -1; // counted only when a second candidate parses back too, which is rare
        for (long m = guess - 2; m <= guess + 2; m++) {
            if (m > 0 && m < EXACT_INTEGER_LIMIT && m / power == value) {
                if (mantissa < 0) {
                    mantissa = m;
                    continue;
                }
                if (mantissaZeros < 0) {
                    mantissaZeros = trailingDecimalZeros(mantissa);
                }
                int zeros = trailingDecimalZeros(m);
                if (zeros > mantissaZeros) { // of several that parse back alike, the most trailing zeros is shortest
                    mantissa = m;
                    mantissaZeros = zeros;
                }
            }
        }
        if (mantissa < 0) {
            return false;
        }
        while (digits > 0 && mantissa % 10 == 0) {
            mantissa /= 10;
            digits--;
        }
        putDecimal(mantissa, digits);
        return true;
    }

    private static int trailingDecimalZeros(long m) {
        int zeros = 0; // m > 0
        while (m % 10 == 0) {
            m /= 10;
            zeros++;
        }
        return zeros;
    }

    /** Puts {@code mantissa / 10^fractionDigits} in plain decimal notation; {@code mantissa < 2^53}. */
    private void putDecimal(long mantissa, int fractionDigits) {
        long whole = 0;
        long fraction = mantissa;
        if (fractionDigits < LONG_POWERS_OF_TEN.length) { // else 10^fractionDigits > 2^53 > mantissa
            long power = LONG_POWERS_OF_TEN[fractionDigits];
            whole = mantissa / power;
            fraction = mantissa - whole * power;
        }
        byte[] buf = buffer;
        int p = putDigits(whole, buf, pos);
        buf[p++] = '.';
        int end = p + fractionDigits;
        int i = end;
        while (i - p >= 2) {
            int pair = (int) (fraction % 100);
            fraction /= 100;
            buf[--i] = DIGIT_PAIRS[2 * pair + 1];
            buf[--i] = DIGIT_PAIRS[2 * pair];
        }
        if (i > p) {
            buf[--i] = (byte) ('0' + fraction);
        }
        pos = end;
    }

    private static int putDigits(long value, byte[] dst, int pos) {
        if (value < 10) {
            dst[pos] = (byte) ('0' + value);
            return pos + 1;
        }
        int roughLength = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12; // bits * log10(2), rounded down
        int length = roughLength + (value >= LONG_POWERS_OF_TEN[roughLength] ? 1 : 0);
        int end = pos + length;
        int i = end;
        while (value >= Integer.MAX_VALUE) {
            int pair = (int) (value % 100);
            value /= 100;
            dst[--i] = DIGIT_PAIRS[2 * pair + 1];
            dst[--i] = DIGIT_PAIRS[2 * pair];
        }
        int v = (int) value;
        while (v >= 100) {
            int pair = v % 100;
            v /= 100;
            dst[--i] = DIGIT_PAIRS[2 * pair + 1];
            dst[--i] = DIGIT_PAIRS[2 * pair];
        }
        if (v >= 10) {
            dst[--i] = DIGIT_PAIRS[2 * v + 1];
            dst[--i] = DIGIT_PAIRS[2 * v];
        } else {
            dst[--i] = (byte) ('0' + v);
        }
        return end;
    }
}
