package io.symphra.exporter.json;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Logs each document as one line at INFO. The document is compact JSON whose strings escape every control
 * character, so one push is exactly one line in the log.
 */
final class LogSink implements DocumentSink {

    private final Logger logger;

    LogSink(Logger logger) {
        this.logger = logger;
    }

    @Override
    public String describe() {
        return "log " + logger.getName();
    }

    @Override
    public void accept(byte[] document) {
        if (logger.isInfoEnabled()) {
            // Passed as an argument, never as the pattern: a task named "{}" must not be substituted.
            logger.info("{}", new String(document, StandardCharsets.UTF_8));
        }
    }
}
