package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionOutputTest {

    interface Writing {
        void to(ExpositionOutput out) throws IOException;
    }

    static String render(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExpositionOutput out = new ExpositionOutput(bytes, 16);
        writing.to(out);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 0",
        "-0.0, -0",
        "1.0, 1",
        "60.0, 60",
        "-3.0, -3",
        "0.1, 0.1",
        "0.005, 0.005",
        "2.5, 2.5",
        "0.33, 0.33",
        "1.0E-10, 0.0000000001",
        "123456.789, 123456.789",
        "9.007199254740993E15, 9007199254740992",
        "1.0E20, 1.0E20",
        "0.3333333333333333, 0.3333333333333333",
        "-0.25, -0.25"
    })
    void writesTheShortestExactSpelling(double value, String expected) throws IOException {
        assertThat(render(out -> out.writeDouble(value))).isEqualTo(expected);
    }

    @Test
    void spellsSpecialValuesAsBothFormatsRequire() throws IOException {
        assertThat(render(out -> out.writeDouble(Double.NaN))).isEqualTo("NaN");
        assertThat(render(out -> out.writeDouble(Double.POSITIVE_INFINITY))).isEqualTo("+Inf");
        assertThat(render(out -> out.writeDouble(Double.NEGATIVE_INFINITY))).isEqualTo("-Inf");
    }

    @Test
    void everyDoubleParsesBackExactly() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 12));
                case 2 -> random.nextLong(1, 1_000_000_000_000L) / 1e9;
                default -> Math.round(random.nextDouble() * 1e6) / 1e3;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = render(out -> out.writeDouble(value));
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            if (Math.abs(value) < 1e15 && Math.abs(value) >= 1e-3) {
                // never longer than Java's own spelling, which always round-trips
                assertThat(text.replace("-", "").replace("0.", "").length())
                        .as(text)
                        .isLessThanOrEqualTo(Double.toString(value)
                                        .replace("-", "")
                                        .replace("0.", "")
                                        .replace(".", "")
                                        .length()
                                + 1);
            }
        }
    }

    @Test
    void aDecimalOfUpToFifteenDigitsIsWrittenBackAsExactlyThatDecimal() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            int significant = random.nextInt(1, 16);
            long mantissa = random.nextLong(1, (long) Math.pow(10, significant));
            java.math.BigDecimal decimal = java.math.BigDecimal.valueOf(mantissa, random.nextInt(0, 20));
            String expected = decimal.stripTrailingZeros().toPlainString();
            double value = Double.parseDouble(expected);
            assertThat(render(out -> out.writeDouble(value))).isEqualTo(expected);
        }
    }

    @Test
    void writesNanosecondsAsExactSeconds() throws IOException {
        assertThat(render(out -> out.writeNanosAsSeconds(0))).isEqualTo("0");
        assertThat(render(out -> out.writeNanosAsSeconds(1))).isEqualTo("0.000000001");
        assertThat(render(out -> out.writeNanosAsSeconds(10_000_000))).isEqualTo("0.01");
        assertThat(render(out -> out.writeNanosAsSeconds(90_500_000_000L))).isEqualTo("90.5");
        assertThat(render(out -> out.writeNanosAsSeconds(1_234_567_891))).isEqualTo("1.234567891");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong(0, 1L << 53);
            assertThat(Double.parseDouble(render(out -> out.writeNanosAsSeconds(nanos))))
                    .isEqualTo(nanos / 1e9);
        }
    }

    @Test
    void writesInstantsAsEpochSeconds() throws IOException {
        assertThat(render(out -> out.writeEpochSeconds(1_767_225_600L, 0))).isEqualTo("1767225600");
        assertThat(render(out -> out.writeEpochSeconds(1_767_225_600L, 500_000_000)))
                .isEqualTo("1767225600.5");
        assertThat(render(out -> out.writeEpochSeconds(-2, 750_000_000))).isEqualTo("-1.25");
    }

    @Test
    void writesLongs() throws IOException {
        assertThat(render(out -> out.writeLong(0))).isEqualTo("0");
        assertThat(render(out -> out.writeLong(1234567890123L))).isEqualTo("1234567890123");
        assertThat(render(out -> out.writeLong(-42))).isEqualTo("-42");
        assertThat(render(out -> out.writeLong(Long.MAX_VALUE))).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(render(out -> out.writeLong(Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
    }

    @Test
    void passesWritesLargerThanItsBufferStraightThrough() throws IOException {
        String big = "x".repeat(100);
        assertThat(render(out -> {
                    out.writeByte('a');
                    out.write(big.getBytes(StandardCharsets.US_ASCII));
                    out.writeByte('b');
                }))
                .isEqualTo("a" + big + "b");
    }
}
