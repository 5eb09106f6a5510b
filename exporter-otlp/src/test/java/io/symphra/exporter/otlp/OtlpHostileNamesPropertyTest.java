package io.symphra.exporter.otlp;

import static io.symphra.exporter.otlp.OtlpRequestAssertions.metric;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated task names over the whole {@code char} range, biased toward dangerous characters, pushed by the real
 * exporter over OTLP/HTTP to a receiver that decodes each request with {@code ExportMetricsServiceRequest.parseFrom}:
 * every name arrives as the {@code task} attribute, byte-exact UTF-8. A lone surrogate (not text) arrives as
 * {@code ?}, the replacement Java's UTF-8 encoder uses; the oracle is {@code String.getBytes(UTF_8)}.
 */
class OtlpHostileNamesPropertyTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static ExporterHarness harness;
    private static OtlpHttpReceiver receiver;
    private static OtlpExporter exporter;

    /** One receiver and one exporter for all tries, as a scheduler keeps one for its whole life. */
    @BeforeContainer
    static void startReceiverAndExporter() throws Exception {
        harness = new ExporterHarness();
        receiver = harness.keep(OtlpHttpReceiver.start());
        exporter = harness.start(
                Map.of("endpoint", receiver.metricsUrl(), "max-attempts", "1"),
                Map.of(),
                SnapshotBuilder.snapshot().build());
    }

    @AfterContainer
    static void stop() {
        harness.close();
    }

    @Provide
    Arbitrary<List<String>> names() {
        return hostileName().list().ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<String> hostileName() {
        return HostileNameArbitrary.names(List.of("\uFFFF", "\\n"), 1, 2_000, 4_000);
    }

    /** 1,000 pushes of 1 to 3 generated names each, through the exporter, the wire and the proto decoder. */
    @Property(tries = 1000, seed = "20261125")
    void everyGeneratedNameArrivesByteExactAsTheTaskAttribute(@ForAll("names") List<String> generated)
            throws Exception {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        SnapshotBuilder builder = SnapshotBuilder.snapshot().startTime(START).timestamp(START.plusSeconds(10));
        Map<String, Long> expectedExecutions = new HashMap<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, i % 2);
            expectedExecutions.merge(
                    hex.formatHex(names.get(i).getBytes(StandardCharsets.UTF_8)), (long) (i + 1 + i % 2), Long::sum);
        }
        MetricsSnapshot snapshot = builder.build();

        {
            int before = receiver.received().size();
            exporter.export(snapshot);

            assertThat(receiver.received()).hasSize(before + 1);
            ExportMetricsServiceRequest request = receiver.lastAccepted();
            Map<String, Long> arrived = new HashMap<>();
            for (NumberDataPoint point : metric(request, "symphra.scheduler.task.executions")
                    .getSum()
                    .getDataPointsList()) {
                assertThat(point.getAttributesList()).hasSize(1);
                KeyValue task = point.getAttributes(0);
                assertThat(task.getKey()).isEqualTo("task");
                arrived.merge(
                        hex.formatHex(task.getValue().getStringValueBytes().toByteArray()),
                        point.getAsInt(),
                        Long::sum);
            }
            assertThat(arrived).isEqualTo(expectedExecutions);
        }
    }

    @Example
    void aLoneSurrogateArrivesAsAQuestionMark() throws Exception {
        everyGeneratedNameArrivesByteExactAsTheTaskAttribute(List.of("a\uD800b", "\uDC00", "ok\uD83D\uDE80"));
        assertThat("a\uD800b".getBytes(StandardCharsets.UTF_8)).isEqualTo("a?b".getBytes(StandardCharsets.UTF_8));
    }
}
