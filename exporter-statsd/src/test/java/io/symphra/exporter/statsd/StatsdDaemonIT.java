package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushes snapshots to the real reference StatsD daemon and reads back, through its management port, what it
 * aggregated: counters must add up to the executions of each interval, gauges must equal the last snapshot, and
 * no line of the hostile-name corpus may be rejected.
 */
class StatsdDaemonIT {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RESET = START.plusSeconds(3600);
    private static final String PREFIX = "symphra.scheduler";
    private static final List<String> COUNTERS = List.of(
            "executions",
            "successes",
            "failures",
            "timeouts",
            "skipped",
            "retries",
            "duration_total_ms",
            "missed_fires");
    private static final List<String> CLAIM_COUNTERS = List.of(
            "claimed",
            "ran_elsewhere",
            "abandoned",
            "claim_errors_skipped",
            "claim_errors_ran_here",
            "claim_latency_count",
            "claim_latency_total_ms");
    private static final String VERSION = "1.4.0-SNAPSHOT";

    @TempDir
    Path dir;

    /** Snapshot {@code round} of a scheduler running every corpus task; later rounds have run more. */
    private static MetricsSnapshot corpusSnapshot(Instant start, int round) {
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .startTime(start)
                .timestamp(start.plusSeconds(60L * round))
                .label("service", "billing")
                .label("instance", "node-1");
        for (int i = 0; i < HostileNames.CORPUS.size(); i++) {
            int successes = round * (i % 4 + 1);
            int failures = round * (i % 3);
            long[] ok = new long[successes];
            long[] bad = new long[failures];
            for (int s = 0; s < successes; s++) {
                ok[s] = 5 + 7L * s + i;
            }
            Arrays.fill(bad, 40 + i);
            builder.task(
                    HostileNames.CORPUS.get(i),
                    ok,
                    bad,
                    failures / 2,
                    round * (i % 2),
                    round * (i % 5),
                    i % 3 == 0 ? 1 : 0);
            Instant timestamp = start.plusSeconds(60L * round);
            // Every other task is claimed in cluster mode; the others have no coordinator and send no claim lines.
            builder.signals(
                    HostileNames.CORPUS.get(i),
                    new ScheduleSignals(
                            i % 2 == 0 ? timestamp.plusMillis(1500L + i) : null, round * (i % 3), i * 1_000_000L),
                    i % 2 == 0
                            ? new ClusterClaims(
                                    round * i,
                                    round,
                                    round * (i % 2),
                                    round * (i % 4),
                                    round,
                                    round * (i + 3),
                                    round * (i + 3) * 2_000_000L,
                                    3_000_000L + i)
                            : ClusterClaims.NONE);
        }
        builder.scheduler(new SchedulerState(VERSION, round, 2L * round, false));
        return builder.build();
    }

    /** The daemon's default key rule (keyNameSanitize: true), as stats.js 0.9.0 applies it to every name. */
    private static String daemonKey(String name) {
        return name.replaceAll("\\s+", "_").replace('/', '-').replaceAll("[^a-zA-Z_\\-0-9.;=]", "");
    }

    /** How the exporter names a metric in a flavor, written out here independently of its code. */
    private static Function<String, String> globalName(Flavor flavor) {
        return metric -> flavor == Flavor.ETSY
                ? PREFIX + "." + metric
                : PREFIX + "." + metric + ",instance=node-1,service=billing";
    }

    private static String taskName(Flavor flavor, String task, String metric) {
        return flavor == Flavor.ETSY
                ? PREFIX + ".task." + NameSanitizer.pathSegment().sanitize(task) + "." + metric
                : PREFIX + ".task." + metric + ",task="
                        + NameSanitizer.tagValue().sanitize(task) + ",instance=node-1,service=billing";
    }

    private static double counter(TaskStats t, String metric) {
        return switch (metric) {
            case "executions" -> t.executions();
            case "successes" -> t.successes();
            case "failures" -> t.failures();
            case "timeouts" -> t.timeouts();
            case "skipped" -> t.skipped();
            case "retries" -> t.retries();
            case "duration_total_ms" -> t.totalDurationNanos() / 1e6;
            case "missed_fires" -> t.schedule().missedFires();
            case "claimed" -> t.cluster().claimed();
            case "ran_elsewhere" -> t.cluster().ranElsewhere();
            case "abandoned" -> t.cluster().abandoned();
            case "claim_errors_skipped" -> t.cluster().claimErrorsSkipped();
            case "claim_errors_ran_here" -> t.cluster().claimErrorsRanHere();
            case "claim_latency_count" -> t.cluster().claimLatencyCount();
            case "claim_latency_total_ms" -> t.cluster().claimLatencyTotalNanos() / 1e6;
            default -> throw new IllegalArgumentException(metric);
        };
    }

    private static Map<String, Double> taskGauges(MetricsSnapshot s, TaskStats t) {
        Map<String, Double> g = new LinkedHashMap<>();
        g.put("success_rate", t.successRate());
        g.put("running", (double) t.running());
        g.put("duration_avg_ms", t.averageDurationSeconds() * 1e3);
        g.put("duration_min_ms", t.minDurationSeconds() * 1e3);
        g.put("duration_max_ms", t.maxDurationSeconds() * 1e3);
        g.put("lateness_avg_ms", t.lateness().averageSeconds() * 1e3);
        g.put("lateness_max_ms", t.lateness().maxSeconds() * 1e3);
        g.put("lateness_last_ms", t.lateness().lastSeconds() * 1e3);
        g.put("oldest_run_age_ms", t.schedule().oldestRunAgeSeconds() * 1e3);
        if (t.schedule().nextFire() != null) {
            g.put("next_fire_in_ms", (double)
                    Duration.between(s.timestamp(), t.schedule().nextFire()).toMillis());
        }
        if (!t.cluster().equals(ClusterClaims.NONE)) {
            g.put("claim_latency_max_ms", t.cluster().claimLatencyMaxSeconds() * 1e3);
        }
        return g;
    }

    /** Every counter the daemon should hold, by the name the exporter sends, summed over the given snapshots. */
    private static Map<String, Double> expectedCounters(Flavor flavor, MetricsSnapshot... cumulativePerRun) {
        Map<String, Double> expected = new HashMap<>();
        for (MetricsSnapshot s : cumulativePerRun) {
            for (TaskStats t : s.tasks().values()) {
                for (String metric : COUNTERS) {
                    expected.merge(taskName(flavor, t.name(), metric), counter(t, metric), Double::sum);
                    expected.merge(globalName(flavor).apply(metric), counter(t, metric), Double::sum);
                }
                if (!t.cluster().equals(ClusterClaims.NONE)) {
                    for (String metric : CLAIM_COUNTERS) {
                        expected.merge(taskName(flavor, t.name(), metric), counter(t, metric), Double::sum);
                    }
                }
            }
        }
        return expected;
    }

    private static Map<String, Double> expectedGauges(Flavor flavor, MetricsSnapshot s) {
        Map<String, Double> expected = new HashMap<>();
        Function<String, String> global = globalName(flavor);
        expected.put(global.apply("success_rate"), s.totals().successRate());
        expected.put(global.apply("running"), (double) s.totals().running());
        expected.put(global.apply("duration_avg_ms"), s.totals().averageDurationSeconds() * 1e3);
        expected.put(global.apply("executions_per_second"), s.executionsPerSecond());
        expected.put(global.apply("uptime_seconds"), s.uptimeSeconds());
        expected.put(global.apply("tasks"), (double) s.tasks().size());
        expected.put(global.apply("workers_busy"), (double) s.scheduler().busyWorkers());
        expected.put(global.apply("fires_waiting"), (double) s.scheduler().waitingFires());
        expected.put(
                flavor == Flavor.ETSY
                        ? PREFIX + ".info." + NameSanitizer.pathSegment().sanitize(VERSION)
                        : PREFIX + ".info,version=" + NameSanitizer.tagValue().sanitize(VERSION)
                                + ",instance=node-1,service=billing",
                1.0);
        for (TaskStats t : s.tasks().values()) {
            taskGauges(s, t).forEach((metric, value) -> expected.put(taskName(flavor, t.name(), metric), value));
        }
        return expected;
    }

    private static Map<String, Double> keyedLikeTheDaemon(Map<String, Double> byName, boolean daemonSanitizes) {
        Map<String, Double> byKey = new HashMap<>();
        byName.forEach((name, value) -> {
            Double previous = byKey.put(daemonSanitizes ? daemonKey(name) : name, value);
            assertThat(previous)
                    .as("two names the daemon would merge: %s", name)
                    .isNull();
        });
        return byKey;
    }

    private static Map<String, Double> under(Map<String, Double> daemonValues) {
        Map<String, Double> ours = new HashMap<>(daemonValues);
        ours.keySet().removeIf(k -> !k.startsWith(PREFIX + "."));
        return ours;
    }

    private static void assertSameValues(Map<String, Double> actual, Map<String, Double> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key)).as(key).isCloseTo(value, within(1e-9)));
    }

    private long push(StatsdExporter exporter, StatsdDaemon daemon, MetricsSnapshot snapshot, long linesBefore)
            throws Exception {
        exporter.export(snapshot);
        StatsdExporter.PushResult push = exporter.lastPush();
        assertThat(push.sent()).isTrue();
        assertThat(push.linesOversize()).isZero();
        long expectedLines = linesBefore + push.entries();
        await("daemon received " + expectedLines + " lines")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> daemon.metricsReceived() >= expectedLines);
        assertThat(daemon.metricsReceived()).isEqualTo(expectedLines);
        return expectedLines;
    }

    // The Etsy daemon reads Etsy and Telegraf names; DogStatsD and Sysdig tags are for their own servers.
    @ParameterizedTest
    @EnumSource(
            value = Flavor.class,
            names = {"ETSY", "TELEGRAF"})
    void countersAddUpToEachIntervalAndGaugesMatchTheSnapshot(Flavor flavor) throws Exception {
        MetricsSnapshot first = corpusSnapshot(START, 1);
        MetricsSnapshot second = corpusSnapshot(START, 3);
        MetricsSnapshot afterReset = corpusSnapshot(RESET, 1);

        try (StatsdDaemon daemon = StatsdDaemon.start(dir, true);
                TestExporterContext context = TestExporterContext.of(
                        "statsd",
                        Map.of(
                                "port",
                                "" + daemon.port(),
                                "flavor",
                                flavor.name().toLowerCase()),
                        first);
                StatsdExporter exporter = new StatsdExporter()) {
            exporter.configure(context.config());
            exporter.start(context);

            long lines = push(exporter, daemon, first, 0);
            lines = push(exporter, daemon, second, lines);

            assertSameValues(under(daemon.counters()), keyedLikeTheDaemon(expectedCounters(flavor, second), true));
            assertSameValues(under(daemon.gauges()), keyedLikeTheDaemon(expectedGauges(flavor, second), true));

            push(exporter, daemon, afterReset, lines);

            assertSameValues(
                    under(daemon.counters()), keyedLikeTheDaemon(expectedCounters(flavor, second, afterReset), true));
            assertSameValues(under(daemon.gauges()), keyedLikeTheDaemon(expectedGauges(flavor, afterReset), true));
            assertThat(daemon.badLinesSeen()).isZero();
            assertThat(daemon.counters()).containsEntry("statsd.bad_lines_seen", 0.0);
        }
    }

    @Test
    void whatTheDaemonMakesOfTelegrafTagsAndNonAsciiNames() throws Exception {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .label("service", "billing")
                .task("Gr\u00FC\u00DFe aus K\u00F6ln", 2, 0)
                .task("dots.and-dashes_and/slashes", 1, 0)
                .build();

        try (StatsdDaemon daemon = StatsdDaemon.start(dir, true);
                TestExporterContext context = TestExporterContext.of(
                        "statsd", Map.of("port", "" + daemon.port(), "flavor", "telegraf"), snapshot);
                StatsdExporter exporter = new StatsdExporter()) {
            exporter.configure(context.config());
            exporter.start(context);
            push(exporter, daemon, snapshot, 0);

            // Daemon 0.9.0 knows no Telegraf tags: it keeps them in the key and, sanitizing, drops ',' and
            // non-ASCII letters but keeps '='.
            assertThat(daemon.counters())
                    .containsEntry("symphra.scheduler.task.executionstask=Gre_aus_Klnservice=billing", 2.0)
                    .containsEntry(
                            "symphra.scheduler.task.executionstask=dots.and-dashes_and_slashesservice=billing", 1.0)
                    .containsEntry("symphra.scheduler.executionsservice=billing", 3.0);
            assertThat(daemon.badLinesSeen()).isZero();
        }
    }

    @Test
    void withItsSanitizingOffTheDaemonKeepsEveryNameAsSentNonAsciiIncluded() throws Exception {
        MetricsSnapshot first = corpusSnapshot(START, 1);
        MetricsSnapshot second = corpusSnapshot(START, 2);

        try (StatsdDaemon daemon = StatsdDaemon.start(dir, false);
                TestExporterContext context =
                        TestExporterContext.of("statsd", Map.of("port", "" + daemon.port()), first);
                StatsdExporter exporter = new StatsdExporter()) {
            exporter.configure(context.config());
            exporter.start(context);
            long lines = push(exporter, daemon, first, 0);
            push(exporter, daemon, second, lines);

            assertSameValues(
                    under(daemon.counters()), keyedLikeTheDaemon(expectedCounters(Flavor.ETSY, second), false));
            assertSameValues(under(daemon.gauges()), keyedLikeTheDaemon(expectedGauges(Flavor.ETSY, second), false));
            String koeln = "Gr\u00FC\u00DFe aus K\u00F6ln";
            String rtl = "right-to-left \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627";
            assertThat(daemon.counters())
                    .containsEntry("symphra.scheduler.task.Gr\u00FC\u00DFe_aus_K\u00F6ln.executions", (double)
                            second.tasks().get(koeln).executions())
                    .containsEntry(
                            "symphra.scheduler.task.right-to-left_\u05E9\u05DC\u05D5\u05DD_"
                                    + "\u0645\u0631\u062D\u0628\u0627.executions",
                            (double) second.tasks().get(rtl).executions());
            assertThat(daemon.badLinesSeen()).isZero();
        }
    }
}
