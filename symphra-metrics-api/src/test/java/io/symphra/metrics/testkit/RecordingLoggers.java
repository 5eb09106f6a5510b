package io.symphra.metrics.testkit;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * SLF4J loggers that keep every line they are given, with its logger, level and stack trace (if any), so tests
 * can read what an exporter logs. Debug and above are enabled, trace is not. {@link #apply} hands out one logger
 * per name; all of them write to the same list.
 */
public final class RecordingLoggers implements Function<String, Logger> {

    /** One line as logged, its message formatted. */
    public record Line(String logger, Level level, String message, Throwable trace) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** The logger named {@code name}; the same one for the same name. */
    @Override
    public Logger apply(String name) {
        return loggers.computeIfAbsent(name, Recording::new);
    }

    /** Every line so far, in the order logged. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines of the logger named {@code logger} at {@code level}. */
    public List<Line> lines(String logger, Level level) {
        return lines.stream()
                .filter(l -> l.logger().equals(logger) && l.level() == level)
                .toList();
    }

    /** The lines of any logger at {@code level}. */
    public List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    private final class Recording extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Recording(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            lines.add(new Line(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
