package io.symphra.exporter.json;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** SLF4J loggers that keep what they are given, so tests can read the lines an exporter logs. */
final class CapturingLoggers implements Function<String, Logger> {

    record Line(String logger, Level level, String message) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger apply(String name) {
        return loggers.computeIfAbsent(name, Capturing::new);
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    List<Line> lines(String logger, Level level) {
        return lines.stream()
                .filter(l -> l.logger().equals(logger) && l.level() == level)
                .toList();
    }

    private final class Capturing extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Capturing(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            lines.add(new Line(name, level, MessageFormatter.basicArrayFormat(pattern, arguments)));
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
