package io.symphra.exporter.influx;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while it is open: what SLF4J's simple binding prints to {@code System.err} (it looks the
 * stream up at each message) and every {@code java.util.logging} record, which is what the InfluxDB client and
 * OkHttp use. Output is still passed on to the real {@code System.err}.
 */
final class CapturedLogs implements AutoCloseable {

    private final PrintStream originalErr = System.err;
    private final java.util.logging.Level originalJulLevel =
            Logger.getLogger("").getLevel();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final StringBuffer julRecords = new StringBuffer();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords
                    .append(record.getLevel())
                    .append(' ')
                    .append(record.getLoggerName())
                    .append(' ')
                    .append(record.getMessage())
                    .append('\n');
            if (record.getThrown() != null) {
                julRecords.append(record.getThrown()).append('\n');
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    CapturedLogs() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                originalErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                originalErr.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        // Every level, so that even the libraries' debug records are checked; the console handler keeps its own.
        Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
        julHandler.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(julHandler);
    }

    String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8) + julRecords;
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(julHandler);
        Logger.getLogger("").setLevel(originalJulLevel);
    }
}
