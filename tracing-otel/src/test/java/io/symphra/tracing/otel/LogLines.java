package io.symphra.tracing.otel;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines logback writes for one logger while this is open, formatted with a pattern that shows the MDC. */
final class LogLines implements AutoCloseable {

    static final String PATTERN = "%msg task=%X{symphra.task} planned=%X{symphra.planned} attempt=%X{symphra.attempt}"
            + " run=%X{symphra.run} trace=%X{trace_id} span=%X{span_id}";

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final PatternLayoutEncoder encoder = new PatternLayoutEncoder();

    LogLines(String loggerName) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger(loggerName);
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(event -> new String(encoder.encode(event), StandardCharsets.UTF_8))
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
