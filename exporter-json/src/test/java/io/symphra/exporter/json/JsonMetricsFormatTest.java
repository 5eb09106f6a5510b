package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.spi.MetricsFormat;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMetricsFormatTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final JsonMetricsFormat format = new JsonMetricsFormat();

    private static MetricsSnapshot sample() {
        return SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(60))
                .label("service", "billing")
                .label("instance", "host-1")
                .task("report", new long[] {1, 10, 20, 100, 70_000}, new long[] {}, 0, 2, 1, 1)
                .signals(
                        "report",
                        new ScheduleSignals(START.plusSeconds(90), 6, 2_500_000_000L),
                        new ClusterClaims(7, 4, 1, 2, 3, 16, 80_000_000L, 12_000_000L))
                .scheduler(new SchedulerState("2.0.0-test", 3, 1, false))
                .task("cleanup", new long[] {10, 10}, new long[] {20, 30, 40}, 1, 0, 3, 0)
                .task("idle", new long[] {}, new long[] {}, 0, 0, 0, 0)
                .exporter(new ExporterStats("statsd", 7, 1, 2, START.plusSeconds(50), START.plusSeconds(30)))
                .exporter(new ExporterStats("influx", 3, 0, 0, START.plusSeconds(40), null))
                .build();
    }

    private JsonNode parse(MetricsSnapshot snapshot) throws IOException {
        return MAPPER.readTree(format.render(snapshot));
    }

    @Test
    void aggregatedTasksAreTheOneKeyAggregatedAndTheTotalsTheSumOverTheKeys() throws IOException {
        JsonNode json = parse(AggregatedSnapshot.take());
        JsonNode tasks = json.path("task_stats");
        List<String> names = new java.util.ArrayList<>();
        tasks.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(MetricsCollector.AGGREGATED_TASK, AggregatedSnapshot.OWN);
        assertThat(tasks.path(MetricsCollector.AGGREGATED_TASK)
                        .path("executions")
                        .asLong())
                .isEqualTo(3);
        assertThat(tasks.path(MetricsCollector.AGGREGATED_TASK).path("failures").asLong())
                .isEqualTo(1);
        assertThat(json.path("total_executions").asLong()).isEqualTo(4);
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        MetricsFormat found =
                MetricsFormat.find("json", getClass().getClassLoader()).orElseThrow();
        assertThat(found).isInstanceOf(JsonMetricsFormat.class);
        assertThat(found.name()).isEqualTo("json");
        assertThat(found.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void topLevelKeysComeInTheDocumentedOrder() throws IOException {
        assertThat(fieldNames(parse(sample())))
                .containsExactly(
                        "schema_version",
                        "timestamp",
                        "start_time",
                        "uptime_seconds",
                        "total_executions",
                        "successful_executions",
                        "failed_executions",
                        "success_rate",
                        "total_duration",
                        "average_duration",
                        "executions_per_second",
                        "labels",
                        "scheduler",
                        "task_stats",
                        "exporters");
    }

    @Test
    void taskKeysComeInTheDocumentedOrder() throws IOException {
        JsonNode task = parse(sample()).get("task_stats").get("report");
        assertThat(fieldNames(task))
                .containsExactly(
                        "executions",
                        "successes",
                        "failures",
                        "success_rate",
                        "total_duration",
                        "average_duration",
                        "min_duration",
                        "max_duration",
                        "timeouts",
                        "skipped",
                        "retries",
                        "running",
                        "last_success",
                        "last_failure",
                        "last_outcome",
                        "duration_histogram",
                        "lateness",
                        "next_fire",
                        "missed_fires",
                        "oldest_run_age",
                        "cluster");
        assertThat(fieldNames(task.get("duration_histogram"))).containsExactly("buckets", "count", "sum");
        assertThat(fieldNames(task.get("lateness"))).containsExactly("count", "average", "max", "last");
    }

    @Test
    void carriesEveryValueOfGetMetricsUnderTheSameKeys() throws IOException {
        MetricsSnapshot snapshot = sample();
        JsonNode doc = parse(snapshot);
        Map<String, Object> expected = snapshot.toMap();
        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            if (entry.getKey().equals("task_stats")) {
                continue;
            }
            assertSameValue(doc.get(entry.getKey()), entry.getValue(), entry.getKey());
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) expected.get("task_stats");
        assertThat(fieldNames(doc.get("task_stats"))).containsExactlyElementsOf(tasks.keySet());
        tasks.forEach((name, stats) -> stats.forEach(
                (key, value) -> assertSameValue(doc.get("task_stats").get(name).get(key), value, name + "." + key)));
        assertThat(doc.get("uptime_seconds").doubleValue()).isEqualTo(60.0);
        assertThat(doc.get("total_executions").longValue()).isEqualTo(10);
        assertThat(doc.get("successful_executions").longValue()).isEqualTo(7);
        assertThat(doc.get("failed_executions").longValue()).isEqualTo(3);
    }

    @Test
    void writesTheHeaderTimesAndLabels() throws IOException {
        JsonNode doc = parse(sample());
        assertThat(doc.get("schema_version").intValue()).isEqualTo(1);
        assertThat(doc.get("timestamp").textValue()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(doc.get("start_time").textValue()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(fieldNames(doc.get("labels"))).containsExactly("instance", "service");
        assertThat(doc.get("labels").get("service").textValue()).isEqualTo("billing");
    }

    @Test
    void writesTheExtraTaskStatistics() throws IOException {
        JsonNode doc = parse(sample());
        JsonNode report = doc.get("task_stats").get("report");
        assertThat(report.get("skipped").longValue()).isEqualTo(2);
        assertThat(report.get("retries").longValue()).isEqualTo(1);
        assertThat(report.get("running").longValue()).isEqualTo(1);
        assertThat(report.get("last_success").textValue()).isEqualTo("2026-01-01T00:00:59Z");
        assertThat(report.get("last_failure").isNull()).isTrue();
        assertThat(report.get("last_outcome").textValue()).isEqualTo("success");
        assertThat(report.get("min_duration").doubleValue()).isEqualTo(0.001);
        assertThat(report.get("max_duration").doubleValue()).isEqualTo(70.0);

        JsonNode cleanup = doc.get("task_stats").get("cleanup");
        assertThat(cleanup.get("timeouts").longValue()).isEqualTo(1);
        assertThat(cleanup.get("last_failure").textValue()).isEqualTo("2026-01-01T00:00:58Z");

        JsonNode idle = doc.get("task_stats").get("idle");
        assertThat(idle.get("last_outcome").textValue()).isEqualTo("none");
        assertThat(idle.get("last_success").isNull()).isTrue();
        assertThat(idle.get("lateness").get("count").longValue()).isZero();
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithInf() throws IOException {
        JsonNode histogram = parse(sample()).get("task_stats").get("report").get("duration_histogram");
        // Durations 1 ms, 10 ms, 20 ms, 100 ms and 70 s over the default bounds.
        List<String> buckets = new ArrayList<>();
        histogram
                .get("buckets")
                .forEach(b ->
                        buckets.add(b.get("le").asText() + "=" + b.get("count").longValue()));
        assertThat(buckets)
                .containsExactly(
                        "0.005=1", "0.01=2", "0.025=3", "0.05=3", "0.1=4", "0.25=4", "0.5=4", "1.0=4", "2.5=4", "5.0=4",
                        "10.0=4", "30.0=4", "60.0=4", "+Inf=5");
        JsonNode inf = histogram.get("buckets").get(13).get("le");
        assertThat(inf.isTextual()).isTrue();
        assertThat(histogram.get("buckets").get(0).get("le").isNumber()).isTrue();
        assertThat(histogram.get("count").longValue()).isEqualTo(5);
        assertThat(histogram.get("sum").doubleValue()).isCloseTo(70.131, within(1e-9));
    }

    @Test
    void writesTheScheduleSignalsTheClusterClaimsAndTheScheduler() throws IOException {
        JsonNode doc = parse(sample());
        JsonNode scheduler = doc.get("scheduler");
        assertThat(fieldNames(scheduler)).containsExactly("version", "workers_busy", "fires_waiting");
        assertThat(scheduler.get("version").textValue()).isEqualTo("2.0.0-test");
        assertThat(scheduler.get("workers_busy").longValue()).isEqualTo(3);
        assertThat(scheduler.get("fires_waiting").longValue()).isEqualTo(1);
        JsonNode report = doc.get("task_stats").get("report");
        assertThat(report.get("next_fire").textValue()).isEqualTo("2026-01-01T00:01:30Z");
        assertThat(report.get("missed_fires").longValue()).isEqualTo(6);
        assertThat(report.get("oldest_run_age").doubleValue()).isEqualTo(2.5);
        JsonNode cluster = report.get("cluster");
        assertThat(fieldNames(cluster))
                .containsExactly("claimed", "ran_elsewhere", "abandoned", "claim_errors", "claim_latency");
        assertThat(cluster.get("claimed").longValue()).isEqualTo(7);
        assertThat(cluster.get("ran_elsewhere").longValue()).isEqualTo(4);
        assertThat(cluster.get("abandoned").longValue()).isEqualTo(1);
        assertThat(cluster.get("claim_errors").get("skipped").longValue()).isEqualTo(2);
        assertThat(cluster.get("claim_errors").get("ran_here").longValue()).isEqualTo(3);
        assertThat(cluster.get("claim_latency").get("count").longValue()).isEqualTo(16);
        assertThat(cluster.get("claim_latency").get("sum").doubleValue()).isEqualTo(0.08);
        assertThat(cluster.get("claim_latency").get("max").doubleValue()).isEqualTo(0.012);
        JsonNode idle = doc.get("task_stats").get("idle");
        assertThat(idle.get("next_fire").isNull()).isTrue();
        assertThat(idle.get("missed_fires").longValue()).isZero();
        assertThat(idle.get("cluster").get("claimed").longValue()).isZero();
    }

    @Test
    void latenessIsInSeconds() throws IOException {
        JsonNode lateness = parse(sample()).get("task_stats").get("report").get("lateness");
        assertThat(lateness.get("count").longValue()).isEqualTo(5);
        assertThat(lateness.get("average").doubleValue()).isEqualTo(0.001);
        assertThat(lateness.get("max").doubleValue()).isEqualTo(0.003);
        assertThat(lateness.get("last").doubleValue()).isEqualTo(0.001);
    }

    @Test
    void listsTheExportersSortedByName() throws IOException {
        JsonNode exporters = parse(sample()).get("exporters");
        assertThat(exporters).hasSize(2);
        JsonNode influx = exporters.get(0);
        assertThat(fieldNames(influx))
                .containsExactly("name", "exports", "failures", "skipped", "last_success", "last_failure");
        assertThat(influx.get("name").textValue()).isEqualTo("influx");
        assertThat(influx.get("last_failure").isNull()).isTrue();
        JsonNode statsd = exporters.get(1);
        assertThat(statsd.get("exports").longValue()).isEqualTo(7);
        assertThat(statsd.get("failures").longValue()).isEqualTo(1);
        assertThat(statsd.get("skipped").longValue()).isEqualTo(2);
        assertThat(statsd.get("last_success").textValue()).isEqualTo("2026-01-01T00:00:50Z");
    }

    @Test
    void zeroTasksGiveEmptyObjectsAndZeros() throws IOException {
        JsonNode doc = parse(MetricsSnapshot.empty(START));
        assertThat(doc.get("task_stats").isObject()).isTrue();
        assertThat(doc.get("task_stats").size()).isZero();
        assertThat(doc.get("labels").size()).isZero();
        assertThat(doc.get("exporters").isArray()).isTrue();
        assertThat(doc.get("exporters").size()).isZero();
        assertThat(doc.get("uptime_seconds").doubleValue()).isZero();
        assertThat(doc.get("executions_per_second").doubleValue()).isZero();
        assertThat(doc.get("success_rate").doubleValue()).isZero();
    }

    @Test
    void nonFiniteNumbersBecomeNullAndTheDocumentStaysStrictJson() throws IOException {
        double[] bounds = {Double.NaN};
        TaskStats nan = withHistogram("nan", DurationHistogram.of(bounds, new long[] {1, 0}, Double.NaN));
        TaskStats inf = withHistogram(
                "inf",
                DurationHistogram.of(
                        new double[] {1, Double.POSITIVE_INFINITY}, new long[] {1, 0, 0}, Double.POSITIVE_INFINITY));
        TaskStats negInf = withHistogram(
                "neg", DurationHistogram.of(new double[] {1}, new long[] {1, 0}, Double.NEGATIVE_INFINITY));
        MetricsSnapshot snapshot = MetricsSnapshot.of(
                START.plusSeconds(1), START, Map.of("nan", nan, "inf", inf, "neg", negInf), Map.of(), List.of());

        String text = format.render(snapshot);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        // The default ObjectMapper refuses NaN and Infinity tokens: it parsing the text proves there are none.
        JsonNode doc = MAPPER.readTree(text);
        assertThat(doc.get("task_stats")
                        .get("nan")
                        .get("duration_histogram")
                        .get("sum")
                        .isNull())
                .isTrue();
        assertThat(doc.get("task_stats")
                        .get("nan")
                        .get("duration_histogram")
                        .get("buckets")
                        .get(0)
                        .get("le")
                        .isNull())
                .isTrue();
        assertThat(doc.get("task_stats")
                        .get("inf")
                        .get("duration_histogram")
                        .get("sum")
                        .isNull())
                .isTrue();
        assertThat(doc.get("task_stats")
                        .get("inf")
                        .get("duration_histogram")
                        .get("buckets")
                        .get(1)
                        .get("le")
                        .textValue())
                .isEqualTo("+Inf");
        assertThat(doc.get("task_stats")
                        .get("neg")
                        .get("duration_histogram")
                        .get("sum")
                        .isNull())
                .isTrue();
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    @Test
    void isOneLineOfStrictUtf8() throws Exception {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .task("new\nline", 1, 0)
                .task("carriage\rreturn", 1, 0)
                .task("emoji \uD83D\uDE80", 1, 0)
                .build();
        byte[] bytes = format.toBytes(snapshot);
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        assertThat(text).doesNotContain("\n").doesNotContain("\r");
        // U+1F680 as one 4-byte UTF-8 sequence, not as an escaped surrogate pair.
        assertThat(indexOf(bytes, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x9A, (byte) 0x80}))
                .isNotNegative();
        assertThat(text).doesNotContainIgnoringCase("\\uD83D");
    }

    @Test
    void renderingIsStableAndWriteLeavesTheStreamOpen() throws IOException {
        MetricsSnapshot snapshot = sample();
        assertThat(format.render(snapshot)).isEqualTo(format.render(snapshot));
        assertThat(new String(format.toBytes(snapshot), StandardCharsets.UTF_8)).isEqualTo(format.render(snapshot));

        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        format.write(snapshot, out);
        assertThat(closed[0]).isFalse();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(format.render(snapshot));
    }

    private static TaskStats withHistogram(String name, DurationHistogram histogram) {
        return new TaskStats(
                name,
                1,
                0,
                0,
                0,
                0,
                0,
                1_000_000,
                1_000_000,
                1_000_000,
                START,
                null,
                ExecutionOutcome.SUCCESS,
                histogram,
                Lateness.NONE);
    }

    private static void assertSameValue(JsonNode node, Object expected, String where) {
        assertThat(node).as(where).isNotNull();
        if (expected instanceof Long l) {
            assertThat(node.isIntegralNumber()).as(where + " is an integer").isTrue();
            assertThat(node.longValue()).as(where).isEqualTo(l);
        } else if (expected instanceof Double d) {
            assertThat(node.isNumber()).as(where + " is a number").isTrue();
            assertThat(node.doubleValue()).as(where).isEqualTo(d);
        } else {
            throw new AssertionError(where + ": unexpected type " + expected.getClass());
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
