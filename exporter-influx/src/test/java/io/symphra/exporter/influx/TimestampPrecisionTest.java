package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampPrecisionTest {

    private static final Instant T = Instant.parse("2026-01-01T00:01:00.123456789Z");

    @Test
    void convertsToEachUnitTruncatingTowardsThePast() {
        assertThat(TimestampPrecision.NS.convert(T)).isEqualTo(1_767_225_660_123_456_789L);
        assertThat(TimestampPrecision.US.convert(T)).isEqualTo(1_767_225_660_123_456L);
        assertThat(TimestampPrecision.MS.convert(T)).isEqualTo(1_767_225_660_123L);
        assertThat(TimestampPrecision.S.convert(T)).isEqualTo(1_767_225_660L);
    }

    @Test
    void namesTheSameUnitToTheClient() {
        assertThat(TimestampPrecision.NS.writePrecision()).isEqualTo(WritePrecision.NS);
        assertThat(TimestampPrecision.US.writePrecision()).isEqualTo(WritePrecision.US);
        assertThat(TimestampPrecision.MS.writePrecision()).isEqualTo(WritePrecision.MS);
        assertThat(TimestampPrecision.S.writePrecision()).isEqualTo(WritePrecision.S);
    }

    @Test
    void nanosecondsBeyondTheLongRangeFailLoudly() {
        assertThatThrownBy(() -> TimestampPrecision.NS.convert(Instant.parse("2300-01-01T00:00:00Z")))
                .isInstanceOf(ArithmeticException.class);
    }
}
