package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes to a real VictoriaMetrics through its InfluxDB endpoint ({@code /api/v2/write}) and reads every sample
 * back through {@code /api/v1/export}. VictoriaMetrics names a series {@code <measurement>_<field>} and turns
 * tags into labels; it drops string fields' text (storing 0).
 */
class InfluxVictoriaMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private VictoriaMetrics victoriaMetrics(String... flags) throws Exception {
        VictoriaMetrics vm = new VictoriaMetrics(temp, List.of(flags));
        toClose.add(vm);
        vm.start();
        return vm;
    }

    private InfluxExporter exporter(VictoriaMetrics vm, String... keyValues) {
        Map<String, String> defaults = Map.of(
                "url",
                vm.url(),
                "org",
                "symphra",
                "bucket",
                "it",
                "token",
                "not-checked-by-victoria-metrics",
                "timeout",
                "2s",
                "max-backoff",
                "10s");
        return StartedExporter.start(defaults, keyValues, toClose);
    }

    /**
     * A snapshot at {@code at} with a task for every name of the hostile corpus, each with other counts, and common
     * labels that need escaping.
     */
    static SnapshotBuilder everyHostileName(Instant at, String instance) {
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .startTime(at.minusSeconds(600))
                .timestamp(at)
                .label("service", "it, with = specials")
                .label("instance", instance);
        int i = 0;
        for (String name : HostileNames.CORPUS) {
            long[] ok = new long[i + 1];
            java.util.Arrays.fill(ok, 5L * (i + 1));
            long[] bad = new long[i % 3];
            java.util.Arrays.fill(bad, 700L);
            builder.task(name, ok, bad, Math.min(1, i % 3), i % 2, i % 4, i % 2);
            builder.signals(
                    name,
                    new ScheduleSignals(at.plusSeconds(30 + i), i, 2_000_000L * i),
                    new ClusterClaims(i, i + 1, i % 2, i % 3, 1, 2L * i + 2, 3_000_000L * i, 4_000_000L));
            i++;
        }
        return builder;
    }

    /** A recent instant (VictoriaMetrics refuses samples far outside its retention), whole milliseconds. */
    private static Instant recent(int secondsAgo) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(secondsAgo);
    }

    /** What VictoriaMetrics stores for a task name: the name, with the control characters as escapes. */
    private static String storedName(String name) {
        return InfluxLineProtocolFormatTest.asReadBack(name);
    }

    @Test
    void everyNumericFieldOfEveryPointArrivesWithTheSnapshotsValuesAndHostileNamesSurvive() throws Exception {
        VictoriaMetrics vm = victoriaMetrics();
        Instant at = recent(60);
        SnapshotBuilder builder = everyHostileName(at, "host-1");
        builder.scheduler(new SchedulerState("1.4.0-SNAPSHOT", 3, 2, false));
        MetricsSnapshot snapshot = builder.build();
        InfluxExporter exporter = exporter(vm);

        exporter.export(snapshot);

        // The expected series: every numeric field of every point, as an independent reader of the text sees it.
        Map<String, Double> expected = new TreeMap<>();
        for (ParsedPoint point : ParsedPoint.parseAll(new InfluxLineProtocolFormat().render(snapshot))) {
            point.fields().forEach((field, value) -> {
                if (value instanceof Number number) {
                    expected.put(key(point.measurement() + "_" + field, point.tags()), number.doubleValue());
                }
            });
        }
        long millis = at.toEpochMilli();
        // The series of one push become searchable shard by shard: flush, and compare them all, inside the wait.
        Map<String, Double> stored = new TreeMap<>();
        await("all " + expected.size() + " series in VictoriaMetrics")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    stored.clear();
                    for (Series series : vm.export("symphra_scheduler.*")) {
                        assertThat(series.timestamps()).containsExactly(millis);
                        stored.put(
                                key(series.name(), series.labels()),
                                series.values().get(0));
                    }
                    // String fields are stored as 0 under their own name; everything else must match.
                    stored.keySet().removeIf(k -> k.startsWith("symphra_scheduler_task_last_outcome{"));
                    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((k, v) -> assertThat(stored.get(k))
                            .as(k)
                            .isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(1e-9)));
                });

        // And straight from the snapshot, without going through our own text: each task's fields.
        for (TaskStats task : snapshot.tasks().values()) {
            Map<String, String> labels =
                    Map.of("service", "it, with = specials", "instance", "host-1", "task", storedName(task.name()));
            Map<String, Double> fields = new LinkedHashMap<>();
            fields.put("executions", (double) task.executions());
            fields.put("successes", (double) task.successes());
            fields.put("failures", (double) task.failures());
            fields.put("timeouts", (double) task.timeouts());
            fields.put("skipped", (double) task.skipped());
            fields.put("retries", (double) task.retries());
            fields.put("running", (double) task.running());
            fields.put("success_rate", task.successRate());
            fields.put("total_duration", task.totalDurationSeconds());
            fields.put("average_duration", task.averageDurationSeconds());
            fields.put("min_duration", task.minDurationSeconds());
            fields.put("max_duration", task.maxDurationSeconds());
            fields.put("lateness_count", (double) task.lateness().count());
            fields.put("lateness_max", task.lateness().maxSeconds());
            fields.put(
                    "last_success_time",
                    task.lastSuccess().getEpochSecond() + task.lastSuccess().getNano() / 1e9);
            Instant next = task.schedule().nextFire();
            fields.put("next_fire_time", next.getEpochSecond() + next.getNano() / 1e9);
            fields.put("missed_fires", (double) task.schedule().missedFires());
            fields.put("oldest_run_age", task.schedule().oldestRunAgeSeconds());
            fields.put("claimed", (double) task.cluster().claimed());
            fields.put("ran_elsewhere", (double) task.cluster().ranElsewhere());
            fields.put("abandoned", (double) task.cluster().abandoned());
            fields.put("claim_errors_skipped", (double) task.cluster().claimErrorsSkipped());
            fields.put("claim_errors_ran_here", (double) task.cluster().claimErrorsRanHere());
            fields.put("claim_latency_count", (double) task.cluster().claimLatencyCount());
            fields.put("claim_latency_total", task.cluster().claimLatencyTotalSeconds());
            fields.put("claim_latency_max", task.cluster().claimLatencyMaxSeconds());
            fields.forEach((field, value) -> assertThat(stored.get(key("symphra_scheduler_task_" + field, labels)))
                    .as("%s of task %s", field, task.name())
                    .isNotNull()
                    .isCloseTo(value, org.assertj.core.data.Percentage.withPercentage(1e-9)));
            Map<String, String> inf = new TreeMap<>(labels);
            inf.put("le", "+Inf");
            assertThat(stored.get(key("symphra_scheduler_task_duration_seconds_bucket", inf)))
                    .isEqualTo((double) task.executions());
        }
        Map<String, String> scheduler =
                Map.of("service", "it, with = specials", "instance", "host-1", "version", "1.4.0-SNAPSHOT");
        assertThat(stored.get(key("symphra_scheduler_total_executions", scheduler)))
                .isEqualTo((double) snapshot.totals().executions());
        assertThat(stored.get(key("symphra_scheduler_info", scheduler))).isEqualTo(1.0);
        assertThat(stored.get(key("symphra_scheduler_workers_busy", scheduler))).isEqualTo(3.0);
        assertThat(stored.get(key("symphra_scheduler_fires_waiting", scheduler)))
                .isEqualTo(2.0);
    }

    @Test
    void pointsPushedWhileTheServerIsDownArriveAfterItComesBack() throws Exception {
        VictoriaMetrics vm = victoriaMetrics();
        InfluxExporter exporter = exporter(vm, "precision", "ms");
        List<Instant> times = List.of(recent(40), recent(30), recent(20), recent(10));
        List<MetricsSnapshot> snapshots = new ArrayList<>();
        for (int push = 0; push < times.size(); push++) {
            snapshots.add(SnapshotBuilder.snapshot()
                    .startTime(times.get(0).minusSeconds(60))
                    .timestamp(times.get(push))
                    .task("job, one", push + 1, push)
                    .build());
        }

        exporter.export(snapshots.get(0));
        await().atMost(WAIT).until(() -> {
            vm.forceFlush();
            return timestampsOf(vm, "symphra_scheduler_total_executions").size() == 1;
        });

        vm.stop();
        assertThatThrownBy(() -> exporter.export(snapshots.get(1)))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("is unavailable");
        assertThatThrownBy(() -> exporter.export(snapshots.get(2))).isInstanceOf(InfluxPushException.class);
        assertThat(exporter.bufferedPoints()).isEqualTo(2 * 17);

        vm.start();
        exporter.export(snapshots.get(3));
        assertThat(exporter.bufferedPoints()).isZero();

        List<Long> expectedTimes = times.stream().map(Instant::toEpochMilli).toList();
        // Each series becomes searchable on its own: flush, and check every one read, inside the wait.
        await("all four pushes in VictoriaMetrics")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    assertThat(timestampsOf(vm, "symphra_scheduler_total_executions"))
                            .isEqualTo(expectedTimes);
                    assertThat(timestampsOf(vm, "symphra_scheduler_task_failures"))
                            .isEqualTo(expectedTimes);
                    List<Series> all = vm.export("symphra_scheduler_task_executions");
                    assertThat(all).hasSize(1);
                    Series executions = all.get(0);
                    assertThat(executions.labels()).containsEntry("task", "job, one");
                    for (int push = 0; push < times.size(); push++) {
                        assertThat(executions.valueAt(expectedTimes.get(push))).isEqualTo(2.0 * push + 1);
                    }
                });
    }

    @Test
    void influx18SettingsAreAcceptedThroughTheCompatibilityBucket() throws Exception {
        VictoriaMetrics vm = victoriaMetrics();
        InfluxExporter exporter = exporter(
                vm,
                "api",
                "v2",
                "org",
                null,
                "bucket",
                null,
                "token",
                null,
                "database",
                "telegraf",
                "retention-policy",
                "autogen",
                "username",
                "writer",
                "password",
                "pw");
        Instant at = recent(5);

        exporter.export(SnapshotBuilder.snapshot()
                .startTime(at.minusSeconds(60))
                .timestamp(at)
                .task("v1", 3, 0)
                .build());

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            vm.forceFlush();
            return !vm.export("symphra_scheduler_task_successes").isEmpty();
        });
        Series successes = vm.export("symphra_scheduler_task_successes").get(0);
        // Neither the database nor the retention policy becomes a label.
        assertThat(successes.labels()).isEqualTo(Map.of("task", "v1"));
        assertThat(successes.values()).containsExactly(3.0);
    }

    @Test
    void aServerThatRefusesTheCredentialsGets401AndTheBatchIsDropped() throws Exception {
        VictoriaMetrics vm = victoriaMetrics("-httpAuth.username=admin", "-httpAuth.password=expected");
        InfluxExporter exporter = exporter(vm, "token", "wrong-token-value");

        assertThatThrownBy(() -> exporter.export(SnapshotBuilder.snapshot()
                        .timestamp(recent(5))
                        .task("t", 1, 0)
                        .build()))
                .isInstanceOf(InfluxPushException.class)
                .hasMessageContaining("refused the credentials with HTTP 401")
                .hasMessageNotContaining("wrong-token-value");
        assertThat(exporter.bufferedPoints()).isZero();
    }

    private static List<Long> timestampsOf(VictoriaMetrics vm, String name) throws Exception {
        List<Series> series = vm.export(name);
        return series.isEmpty() ? List.of() : series.get(0).timestamps();
    }

    private static String key(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels);
    }
}
