package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.metrics.TaskMetricsHandle;
import io.symphra.scheduler.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The duration histogram's exemplars: on OpenMetrics bucket lines only, in its exemplar syntax. */
class OpenMetricsExemplarsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static MetricsSnapshot traced() {
        MetricsCollector collector =
                new MetricsCollector(new ManualClock(T0), Map.of("service", "billing"), new double[] {0.1, 1});
        TaskMetricsHandle handle = collector.handle("report \"eu\"");
        long start = EpochNanos.of(T0.plusMillis(56));
        handle.recordSuccess(start, 67 * MS);
        handle.recordExemplar(TRACE, start, 67 * MS);
        handle.recordSuccess(start, 300 * MS);
        return collector.snapshot();
    }

    @Test
    void aBucketWithATracedRunCarriesItsTraceIdValueAndTimestamp() throws Exception {
        String om = PrometheusRendererTest.renderHistograms(ExpositionFormat.OPENMETRICS, traced());
        String series = "symphra_scheduler_task_execution_duration_seconds_bucket"
                + "{service=\"billing\",task=\"report \\\"eu\\\"\"";
        assertThat(om)
                .contains("\n" + series + ",le=\"0.1\"} 1 # {trace_id=\"" + TRACE + "\"} 0.067 1767225600.123\n")
                .contains("\n" + series + ",le=\"1\"} 2\n")
                .contains("\n" + series + ",le=\"+Inf\"} 2\n")
                .endsWith("# EOF\n");
    }

    @Test
    void theTextFormatHasNoExemplarsAndAnUntracedHistogramLooksAsBefore() throws Exception {
        String text = PrometheusRendererTest.renderHistograms(ExpositionFormat.PROMETHEUS_TEXT, traced());
        assertThat(text).doesNotContain("trace_id").doesNotContain(" # {");

        MetricsCollector untraced = new MetricsCollector(new ManualClock(T0), Map.of(), new double[] {0.1, 1});
        untraced.handle("plain").recordSuccess(EpochNanos.of(T0), 67 * MS);
        assertThat(PrometheusRendererTest.renderHistograms(ExpositionFormat.OPENMETRICS, untraced.snapshot()))
                .contains("\nsymphra_scheduler_task_execution_duration_seconds_bucket{task=\"plain\",le=\"0.1\"} 1\n")
                .doesNotContain(" # {");
    }
}
