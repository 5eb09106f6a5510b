package io.symphra.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two rules every typed getter shares: durations fit {@code long} nanoseconds, integers are ASCII digits. */
class ExporterConfigLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"200000d", "100001d", "PT2562047H47M17S", "9223372036854775807ns", "106752d"})
    void aDurationBeyondTheLargestNamesTheKeyAndTheLargest(String value) {
        ExporterConfig config = ExporterConfig.of("json", Map.of("push.timeout", value));
        assertThatThrownBy(() -> config.duration("push.timeout", Duration.ofSeconds(10)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.json.push.timeout = '" + value + "'")
                .hasMessageContaining("at most 100000d");
    }

    @Test
    void theLargestDurationItselfIsAccepted() {
        ExporterConfig config = ExporterConfig.of("json", Map.of("a", "100000d", "b", "PT2400000H"));
        assertThat(config.duration("a", null)).isEqualTo(DurationLimit.MAX);
        assertThat(config.duration("b", null)).isEqualTo(DurationLimit.MAX);
        assertThat(DurationLimit.MAX.toNanos()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"٨١٢٥", "８１２５", "81２5", "+8125", "８"})
    void anIntegerWithOtherThanAsciiDigitsNamesTheKey(String value) {
        ExporterConfig config = ExporterConfig.of("statsd", Map.of("port", value, "max-packet-size", value));
        assertThatThrownBy(() -> config.port("port", 8125))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.statsd.port = '" + value + "'")
                .hasMessageContaining("ASCII digits");
        assertThatThrownBy(() -> config.integer("max-packet-size", 1432, 1, 65_000))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("symphra.exporter.statsd.max-packet-size = '" + value + "'")
                .hasMessageContaining("ASCII digits");
    }

    @Test
    void wholeNumbersAreAsciiDigitsWithAnOptionalMinus() {
        assertThat(WholeNumber.parse("8125")).hasValue(8125);
        assertThat(WholeNumber.parse("-3")).hasValue(-3);
        assertThat(WholeNumber.parse("٨١٢٥")).isEmpty();
        assertThat(WholeNumber.parse("+8125")).isEmpty();
        assertThat(WholeNumber.parse("99999999999999999999")).isEmpty();
        assertThat(WholeNumber.parse("")).isEmpty();
        assertThat(WholeNumber.looksForeign("٨١٢٥")).isTrue();
        assertThat(WholeNumber.looksForeign("12x")).isFalse();
    }

    @Test
    void asciiIntegersStillParse() {
        ExporterConfig config = ExporterConfig.of("statsd", Map.of("port", " 8125 ", "n", "-3", "zero", "007"));
        assertThat(config.port("port", 1)).isEqualTo(8125);
        assertThat(config.integer("n", 0, -5, 5)).isEqualTo(-3);
        assertThat(config.integer("zero", 0, 0, 10)).isEqualTo(7);
    }
}
