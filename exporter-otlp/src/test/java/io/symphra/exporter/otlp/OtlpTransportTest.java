package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.symphra.exporter.support.PushRetryPolicy;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OtlpTransportTest {

    /** An SDK exporter whose answers the test gives by hand. */
    private static class ScriptedExporter implements MetricExporter {
        final List<CompletableResultCode> results = new ArrayList<>();
        boolean answerAtOnce;

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            CompletableResultCode result = new CompletableResultCode();
            results.add(result);
            return answerAtOnce ? result.succeed() : result;
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }
    }

    @Test
    void aPushThatTimedOutBlocksTheNextUntilItEndsSoRequestsNeverPileUp() throws Exception {
        ScriptedExporter sdk = new ScriptedExporter();
        OtlpTransport transport = new OtlpTransport(sdk, Duration.ofMillis(100), Duration.ofMillis(100), "test");
        AtomicInteger delivered = new AtomicInteger();

        assertThatThrownBy(() -> transport.send(List.of(), delivered::incrementAndGet))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("OTLP push to test got no answer within PT0.1S");
        assertThatThrownBy(() -> transport.send(List.of(), delivered::incrementAndGet))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("previous push is still in flight");
        assertThat(sdk.results).hasSize(1);

        sdk.results.get(0).succeed(); // the late answer still counts as delivered
        assertThat(delivered).hasValue(1);

        sdk.answerAtOnce = true;
        transport.send(List.of(), delivered::incrementAndGet);
        assertThat(sdk.results).hasSize(2);
        assertThat(delivered).hasValue(2);
    }

    @Test
    void aRefusedPushIsNotDeliveredAndCarriesTheSdksReason() {
        ScriptedExporter sdk = new ScriptedExporter() {
            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                return CompletableResultCode.ofExceptionalFailure(new IOException("status 400"));
            }
        };
        OtlpTransport transport = new OtlpTransport(sdk, Duration.ofSeconds(1), Duration.ofSeconds(1), "test");
        AtomicInteger delivered = new AtomicInteger();

        assertThatThrownBy(() -> transport.send(List.of(), delivered::incrementAndGet))
                .isInstanceOf(IOException.class)
                .hasMessage("OTLP push to test failed: status 400");
        assertThat(delivered).hasValue(0);
    }

    @Test
    void anAttemptTimeoutReportedByTheSdkIsATimeoutToo() {
        ScriptedExporter sdk = new ScriptedExporter() {
            @Override
            public CompletableResultCode export(Collection<MetricData> metrics) {
                return CompletableResultCode.ofExceptionalFailure(
                        new IOException("export failed", new HttpTimeoutException("request timed out")));
            }
        };
        OtlpTransport transport = new OtlpTransport(sdk, Duration.ofSeconds(1), Duration.ofSeconds(1), "test");

        assertThatThrownBy(() -> transport.send(List.of(), () -> {}))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("OTLP push to test got no answer within PT1S")
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void grpcRetriesAreTheSdksWithTheSamePolicyDoubling() {
        RetryPolicy sdk =
                OtlpTransport.grpcRetryPolicy(new PushRetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(8)));
        assertThat(sdk.getMaxAttempts()).isEqualTo(4);
        assertThat(sdk.getInitialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(sdk.getMaxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(sdk.getBackoffMultiplier()).isEqualTo(2.0);
        assertThat(OtlpTransport.grpcRetryPolicy(new PushRetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1))))
                .isNull();
    }
}
