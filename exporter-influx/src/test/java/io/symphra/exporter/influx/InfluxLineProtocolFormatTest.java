package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.spi.MetricsFormat;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxLineProtocolFormatTest {

    private static final long TS = 1_767_225_660_000_000_000L; // 2026-01-01T00:01:00Z

    private static MetricsSnapshot sample() {
        return SnapshotBuilder.snapshot()
                .label("service", "billing")
                .task("alpha", 2, 1)
                .build();
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        MetricsFormat format =
                MetricsFormat.find("influx", getClass().getClassLoader()).orElseThrow();

        assertThat(format).isInstanceOf(InfluxLineProtocolFormat.class);
        assertThat(format.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(((InfluxLineProtocolFormat) format).precision()).isEqualTo(TimestampPrecision.NS);
    }

    @Test
    void aggregatedTasksAreTheOneTagValueAggregated() {
        List<String> lines = new InfluxLineProtocolFormat()
                .render(AggregatedSnapshot.take())
                .lines()
                .toList();
        assertThat(lines).noneMatch(line -> line.contains("tenant-"));
        assertThat(lines.stream().filter(line -> line.startsWith("symphra_scheduler_task,")))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line)
                        .contains("task=" + MetricsCollector.AGGREGATED_TASK)
                        .contains("executions=3i"))
                .anySatisfy(line -> assertThat(line).contains("task=cleanup").contains("executions=1i"));
    }

    @Test
    void rendersSchedulerAndTaskPointsWithTheSnapshotsValues() {
        List<String> lines =
                new InfluxLineProtocolFormat().render(sample()).lines().toList();

        assertThat(lines.get(0))
                .isEqualTo("symphra_scheduler,service=billing,version=unknown info=1i,total_executions=3i,"
                        + "successful_executions=2i,failed_executions=1i,timeouts=0i,skipped=0i,retries=0i,running=0i,"
                        + "tasks=1i,workers_busy=0i,fires_waiting=0i,uptime_seconds=60.0,success_rate=0.6666666666666666,total_duration=0.04,"
                        + "average_duration=0.013333333333333334,executions_per_second=0.05 " + TS);
        assertThat(lines.get(1))
                .isEqualTo("symphra_scheduler_task,service=billing,task=alpha executions=3i,"
                        + "successes=2i,failures=1i,timeouts=0i,skipped=0i,retries=0i,running=0i,lateness_count=3i,"
                        + "success_rate=0.6666666666666666,total_duration=0.04,average_duration=0.013333333333333334,"
                        + "min_duration=0.01,max_duration=0.02,lateness_total=0.003,lateness_average=0.001,"
                        + "lateness_max=0.003,lateness_last=0.001,last_success_time=1767225659.0,"
                        + "last_failure_time=1767225658.0,missed_fires=0i,oldest_run_age=0.0,claimed=0i,"
                        + "ran_elsewhere=0i,abandoned=0i,claim_errors_skipped=0i,claim_errors_ran_here=0i,"
                        + "claim_latency_count=0i,claim_latency_total=0.0,claim_latency_max=0.0,"
                        + "last_outcome=\"success\" " + TS);
    }

    @Test
    void rendersTheScheduleSignalsAndClaimsOfATaskAndTheSchedulersVersion() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .task("alpha", 1, 0)
                .signals(
                        "alpha",
                        new ScheduleSignals(Instant.parse("2026-01-01T00:01:30.5Z"), 4, 1_500_000_000L),
                        new ClusterClaims(5, 3, 1, 2, 1, 11, 44_000_000L, 9_000_000L))
                .scheduler(new SchedulerState("1.2 beta", 2, 1, false))
                .build();

        List<String> lines =
                new InfluxLineProtocolFormat().render(snapshot).lines().toList();

        assertThat(lines.get(0))
                .startsWith("symphra_scheduler,version=1.2\\ beta info=1i,")
                .contains(",workers_busy=2i,fires_waiting=1i,");
        assertThat(lines.get(1))
                .contains(",next_fire_time=1767225690.5,missed_fires=4i,oldest_run_age=1.5,claimed=5i,ran_elsewhere=3i,"
                        + "abandoned=1i,claim_errors_skipped=2i,claim_errors_ran_here=1i,claim_latency_count=11i,"
                        + "claim_latency_total=0.044,claim_latency_max=0.009,");
    }

    @Test
    void rendersCumulativeDurationBucketsWithLeTagsThenCountAndSum() {
        List<String> lines =
                new InfluxLineProtocolFormat().render(sample()).lines().toList();

        String prefix = "symphra_scheduler_task_duration_seconds,le=";
        assertThat(lines.subList(2, 17))
                .containsExactly(
                        prefix + "0.005,service=billing,task=alpha bucket=0i " + TS,
                        prefix + "0.01,service=billing,task=alpha bucket=2i " + TS,
                        prefix + "0.025,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "0.05,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "0.1,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "0.25,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "0.5,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "1,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "2.5,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "5,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "10,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "30,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "60,service=billing,task=alpha bucket=3i " + TS,
                        prefix + "+Inf,service=billing,task=alpha bucket=3i " + TS,
                        "symphra_scheduler_task_duration_seconds,service=billing,task=alpha count=3i,sum=0.04 " + TS);
        assertThat(lines).hasSize(17);
    }

    @Test
    void rendersExporterHealthTaggedByExporter() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .exporter(new ExporterStats("statsd", 5, 1, 2, Instant.parse("2026-01-01T00:00:50Z"), null))
                .build();

        List<String> lines =
                new InfluxLineProtocolFormat().render(snapshot).lines().toList();

        assertThat(lines)
                .containsExactly(
                        "symphra_scheduler,version=unknown info=1i,total_executions=0i,successful_executions=0i,"
                                + "failed_executions=0i,timeouts=0i,"
                                + "skipped=0i,retries=0i,running=0i,tasks=0i,workers_busy=0i,fires_waiting=0i,"
                                + "uptime_seconds=60.0,success_rate=0.0,"
                                + "total_duration=0.0,average_duration=0.0,executions_per_second=0.0 " + TS,
                        "symphra_scheduler_exporter,exporter=statsd exports=5i,failures=1i,skipped=2i,"
                                + "last_success_time=1767225650.0 " + TS);
    }

    @Test
    void writesTimestampsInTheChosenPrecision() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .timestamp(Instant.parse("2026-01-01T00:01:00.987654321Z"))
                .build();

        assertThat(new InfluxLineProtocolFormat(TimestampPrecision.NS).render(snapshot))
                .endsWith(" 1767225660987654321\n");
        assertThat(new InfluxLineProtocolFormat(TimestampPrecision.US).render(snapshot))
                .endsWith(" 1767225660987654\n");
        assertThat(new InfluxLineProtocolFormat(TimestampPrecision.MS).render(snapshot))
                .endsWith(" 1767225660987\n");
        assertThat(new InfluxLineProtocolFormat(TimestampPrecision.S).render(snapshot))
                .endsWith(" 1767225660\n");
    }

    @Test
    void commonLabelsAreSortedTagsEmptyOnesAreLeftOutAndTheTaskTagWins() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .label("zone", "eu")
                .label("empty", "")
                .label("task", "from-labels")
                .label("app", "a b")
                .task("t", 1, 0)
                .build();

        List<ParsedPoint> points = ParsedPoint.parseAll(new InfluxLineProtocolFormat().render(snapshot));

        assertThat(points.get(0).tags())
                .containsExactly(
                        entry("app", "a b"),
                        entry("task", "from-labels"),
                        entry("version", "unknown"),
                        entry("zone", "eu"));
        assertThat(points.get(1).tags()).containsExactly(entry("app", "a b"), entry("task", "t"), entry("zone", "eu"));
        assertThat(points.get(2).tags())
                .containsExactly(entry("app", "a b"), entry("le", "0.005"), entry("task", "t"), entry("zone", "eu"));
    }

    @Test
    void everyFieldKeepsOneTypeInEveryPoint() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot();
        builder.task("never-ran", 0, 0);
        builder.task("ran", new long[] {1000, 2000}, new long[] {3000}, 1, 2, 3, 1);
        List<ParsedPoint> points = ParsedPoint.parseAll(new InfluxLineProtocolFormat().render(builder.build()));

        Map<String, Class<?>> types = new HashMap<>();
        for (ParsedPoint point : points) {
            point.fields().forEach((key, value) -> {
                Class<?> previous = types.putIfAbsent(point.measurement() + "." + key, value.getClass());
                assertThat(previous == null || previous == value.getClass())
                        .as("type of %s.%s", point.measurement(), key)
                        .isTrue();
            });
        }
        assertThat(types)
                .containsEntry("symphra_scheduler_task.executions", Long.class)
                .containsEntry("symphra_scheduler_task.min_duration", Double.class)
                .containsEntry("symphra_scheduler_task.last_outcome", String.class)
                .containsEntry("symphra_scheduler.success_rate", Double.class);
    }

    @Test
    void everyHostileNameSurvivesAStrictReaderExceptForTheDocumentedControlCharacters() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().label("service", "svc, with = specials");
        for (String name : HostileNames.CORPUS) {
            builder.task(name, 1, 1);
        }
        MetricsSnapshot snapshot = builder.build();

        String text = new InfluxLineProtocolFormat().render(snapshot);
        List<ParsedPoint> points = ParsedPoint.parseAll(text);

        assertThat(text.lines().count()).isEqualTo(1 + 16L * HostileNames.CORPUS.size());
        List<String> taskTags = points.stream()
                .filter(p -> p.measurement().equals(SnapshotLines.TASK))
                .map(p -> p.tags().get("task"))
                .toList();
        assertThat(taskTags)
                .containsExactlyElementsOf(snapshot.tasks().keySet().stream()
                        .map(InfluxLineProtocolFormatTest::asReadBack)
                        .toList());
        assertThat(points).allSatisfy(p -> assertThat(p.tags()).containsEntry("service", "svc, with = specials"));
    }

    /** What a reader sees of a task name: control characters the protocol cannot carry arrive as escapes. */
    static String asReadBack(String name) {
        return name.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    @Test
    void streamsIntoTheCallersStreamWithoutClosingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean[] closed = {false};
        FilterOutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        MetricsSnapshot snapshot =
                SnapshotBuilder.snapshot().task("Grüße \uD83D\uDE80", 1, 0).build();

        new InfluxLineProtocolFormat().write(snapshot, out);

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("task=Grüße\\ \uD83D\uDE80 ")
                .isEqualTo(new InfluxLineProtocolFormat().render(snapshot));
    }

    @Test
    void aTaskThatNeverRanHasNoLastTimes() {
        MetricsSnapshot snapshot = MetricsSnapshot.of(
                Instant.parse("2026-01-01T00:01:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                Map.of("idle", TaskStats.empty("idle")),
                Map.of(),
                List.of());

        ParsedPoint task = ParsedPoint.parseAll(new InfluxLineProtocolFormat().render(snapshot))
                .get(1);

        assertThat(task.fields())
                .doesNotContainKeys("last_success_time", "last_failure_time")
                .containsEntry("last_outcome", "none")
                .containsEntry("executions", 0L)
                .containsEntry("average_duration", 0.0);
    }
}
