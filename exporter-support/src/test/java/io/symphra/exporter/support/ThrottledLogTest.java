package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.testkit.RecordingLoggers;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ThrottledLogTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RecordingLoggers logger = new RecordingLoggers();
    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final ThrottledLog log = ThrottledLog.every(logger.apply("recording"), MINUTE, nanos::get);

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void theFirstOccurrenceIsLoggedWithItsStackTraceAndLaterOnesWithoutOne() {
        IOException first = new IOException("connection refused");
        assertThat(log.warn("push to http://h/x failed", first)).isTrue();
        advance(MINUTE);
        assertThat(log.warn("push to http://h/x failed", new IOException("HTTP 500")))
                .isTrue();

        assertThat(logger.at(Level.WARN))
                .extracting(RecordingLoggers.Line::message, RecordingLoggers.Line::trace)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("push to http://h/x failed", first),
                        org.assertj.core.groups.Tuple.tuple(
                                "push to http://h/x failed: java.io.IOException: HTTP 500", null));
    }

    @Test
    void atMostOneWarnPerIntervalWithTheLatestMessageAndHowManyWereHeldBack() {
        log.warn("failure #0");
        for (int i = 1; i <= 500; i++) {
            advance(Duration.ofMillis(100)); // 50 s in all: still inside the first minute
            assertThat(log.warn("failure #" + i)).isFalse();
        }
        advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(log.warn("failure #501")).isFalse();
        advance(Duration.ofNanos(1));
        assertThat(log.warn("failure #502")).isTrue();

        assertThat(logger.at(Level.WARN))
                .extracting(RecordingLoggers.Line::message)
                .containsExactly("failure #0", "failure #502 (501 similar warning(s) held back since the last one)");
        assertThat(logger.lines()).hasSize(2);
        assertThat(log.heldBackTotal()).isEqualTo(501);

        advance(MINUTE);
        log.warn("failure #503");
        assertThat(logger.at(Level.WARN).get(2).message()).isEqualTo("failure #503");
    }

    @Test
    void recoveryIsLoggedOnceAndTheNextFailureOpensANewConditionWithAStackTrace() {
        assertThat(log.recovered("works again")).isFalse(); // nothing was wrong

        log.warn("down", new IOException("first"));
        advance(MINUTE);
        log.warn("down", new IOException("second"));
        assertThat(log.recovered("works again")).isTrue();
        assertThat(log.recovered("works again")).isFalse();
        assertThat(log.ongoing()).isFalse();

        advance(MINUTE);
        IOException third = new IOException("third");
        log.warn("down", third);

        assertThat(logger.lines())
                .extracting(RecordingLoggers.Line::level, RecordingLoggers.Line::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "down"),
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "down: java.io.IOException: second"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO, "works again"),
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "down"));
        assertThat(logger.lines().get(3).trace()).isSameAs(third);
    }

    /** A backend that fails and recovers at every push costs one WARN per interval, and no recovery line it hid. */
    @Test
    void aFlappingConditionStaysWithinOneWarnPerInterval() {
        for (int i = 0; i < 100; i++) {
            log.warn("down #" + i, new IOException("refused"));
            advance(Duration.ofMillis(100));
            log.recovered("up #" + i);
        }
        assertThat(logger.at(Level.WARN))
                .extracting(RecordingLoggers.Line::message)
                .containsExactly("down #0");
        assertThat(logger.at(Level.INFO))
                .extracting(RecordingLoggers.Line::message)
                .containsExactly("up #0");
    }

    /**
     * It never reads the wall clock: nothing it is made with or called with is a wall clock, only the nanosecond
     * source, so a system clock stepped backwards (which System.nanoTime ignores) cannot hold warnings back. Before
     * the change, the JSON and Influx throttles were timed by a wall {@code Clock}, and a step back of an hour held
     * back every warning for the next hour.
     */
    @Test
    void aBackwardWallClockStepCannotSilenceItBecauseItReadsNoWallClock() {
        for (var method : ThrottledLog.class.getDeclaredMethods()) {
            assertThat(method.getParameterTypes())
                    .as(method.toString())
                    .doesNotContain(java.time.Clock.class, java.time.InstantSource.class);
        }
        for (var field : ThrottledLog.class.getDeclaredFields()) {
            assertThat(field.getType())
                    .as(field.toString())
                    .isNotIn(java.time.Clock.class, java.time.InstantSource.class);
        }
        log.warn("down");
        advance(MINUTE); // the wall clock may have gone back an hour meanwhile: the monotonic source moved on
        assertThat(log.warn("still down")).isTrue();
    }

    /** A source that wraps past Long.MAX_VALUE, as System.nanoTime may, still measures intervals by difference. */
    @Test
    void measuresByDifferenceSoANanoTimeThatWrapsKeepsWorking() {
        nanos.set(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
        log.warn("first");
        advance(MINUTE); // wraps to a negative value
        assertThat(nanos.get()).isNegative();
        assertThat(log.warn("second")).isTrue();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> ThrottledLog.every(logger.apply("recording"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
        assertThat(ThrottledLog.every(logger.apply("recording"), MINUTE).interval())
                .isEqualTo(MINUTE);
    }
}
