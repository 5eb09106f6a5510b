package io.symphra.exporter.influx;

import com.influxdb.client.domain.WritePrecision;
import java.time.Instant;

/**
 * The unit of the timestamps written at the end of each line-protocol point, configured with
 * {@code symphra.exporter.influx.precision} ({@code ns}, {@code us}, {@code ms} or {@code s}). A coarser unit
 * truncates the snapshot's time towards the past; it never rounds up.
 */
public enum TimestampPrecision {
    /** Nanoseconds since the Unix epoch: the line protocol's own default. */
    NS(WritePrecision.NS, "n"),
    /** Microseconds since the Unix epoch. */
    US(WritePrecision.US, "u"),
    /** Milliseconds since the Unix epoch. */
    MS(WritePrecision.MS, "ms"),
    /** Whole seconds since the Unix epoch. */
    S(WritePrecision.S, "s");

    private final WritePrecision writePrecision;
    private final String v1Name;

    TimestampPrecision(WritePrecision writePrecision, String v1Name) {
        this.writePrecision = writePrecision;
        this.v1Name = v1Name;
    }

    /**
     * The instant as a count of this unit since 1970-01-01T00:00:00Z.
     *
     * @throws ArithmeticException when the instant does not fit a {@code long} in this unit (nanoseconds after
     *                             the year 2262)
     */
    public long convert(Instant instant) {
        long seconds = instant.getEpochSecond();
        long nanos = instant.getNano();
        return switch (this) {
            case NS -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
            case US -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000L);
            case MS -> Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000L);
            case S -> seconds;
        };
    }

    /** The same unit as the InfluxDB client names it, sent as the write request's {@code precision} parameter. */
    WritePrecision writePrecision() {
        return writePrecision;
    }

    /**
     * The unit as InfluxDB 1.x's {@code /write} names it in its {@code precision} parameter: {@code n} and
     * {@code u}, not {@code ns} and {@code us}, which 1.x reads as nanoseconds.
     */
    String v1Name() {
        return v1Name;
    }
}
