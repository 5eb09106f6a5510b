package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.spi.MetricsExporter;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import io.symphra.scheduler.metrics.MetricsCollector;
import io.symphra.scheduler.testkit.AggregatedSnapshot;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatsdExporterTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private UdpReceiver receiver;
    private TestExporterContext context;
    private StatsdExporter exporter;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new UdpReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (context != null) {
            context.close();
        }
        receiver.close();
    }

    private StatsdExporter started(Map<String, String> extra, MetricsSnapshot snapshot) {
        Map<String, String> config = new HashMap<>(Map.of("host", "127.0.0.1", "port", "" + receiver.port()));
        config.putAll(extra);
        context = TestExporterContext.of("statsd", config, snapshot);
        exporter = new StatsdExporter();
        exporter.configure(context.config());
        exporter.start(context);
        return exporter;
    }

    private List<String> push(MetricsSnapshot snapshot) {
        int before = receiver.lines().size();
        exporter.export(snapshot);
        StatsdExporter.PushResult result = exporter.lastPush();
        assertThat(result.sent()).isTrue();
        await().atMost(WAIT).until(() -> receiver.lines().size() >= before + result.entries());
        List<String> all = receiver.lines();
        return all.subList(before, all.size());
    }

    private static MetricsSnapshot jobSnapshot(Instant start, int successes, int failures) {
        return SnapshotBuilder.snapshot()
                .startTime(start)
                .timestamp(start.plusSeconds(60))
                .label("service", "billing")
                .task("job", successes, failures)
                .build();
    }

    @Test
    void isFoundByServiceLoaderWithItsDefaults() {
        List<MetricsExporter> found = ServiceLoader.load(MetricsExporter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals("statsd"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(StatsdExporter.class);
        assertThat(found.get(0).enabledByDefault()).isFalse();
        assertThat(found.get(0).defaultInterval()).contains(Duration.ofSeconds(10));
    }

    @Test
    void etsyFlavorWritesPathsWithTheTaskAsASegment() {
        MetricsSnapshot snapshot = jobSnapshot(START, 2, 1);
        started(Map.of(), snapshot);

        assertThat(push(snapshot))
                .containsExactly(
                        "symphra.scheduler.executions:3|c",
                        "symphra.scheduler.successes:2|c",
                        "symphra.scheduler.failures:1|c",
                        "symphra.scheduler.timeouts:0|c",
                        "symphra.scheduler.skipped:0|c",
                        "symphra.scheduler.retries:0|c",
                        "symphra.scheduler.missed_fires:0|c",
                        "symphra.scheduler.duration_total_ms:40|c",
                        "symphra.scheduler.success_rate:0.6666666666666666|g",
                        "symphra.scheduler.running:0|g",
                        "symphra.scheduler.duration_avg_ms:13.333333333333334|g",
                        "symphra.scheduler.executions_per_second:0.05|g",
                        "symphra.scheduler.uptime_seconds:60|g",
                        "symphra.scheduler.tasks:1|g",
                        "symphra.scheduler.workers_busy:0|g",
                        "symphra.scheduler.fires_waiting:0|g",
                        "symphra.scheduler.info.unknown:1|g",
                        "symphra.scheduler.task.job.executions:3|c",
                        "symphra.scheduler.task.job.successes:2|c",
                        "symphra.scheduler.task.job.failures:1|c",
                        "symphra.scheduler.task.job.timeouts:0|c",
                        "symphra.scheduler.task.job.skipped:0|c",
                        "symphra.scheduler.task.job.retries:0|c",
                        "symphra.scheduler.task.job.missed_fires:0|c",
                        "symphra.scheduler.task.job.duration_total_ms:40|c",
                        "symphra.scheduler.task.job.success_rate:0.6666666666666666|g",
                        "symphra.scheduler.task.job.running:0|g",
                        "symphra.scheduler.task.job.duration_avg_ms:13.333333333333334|g",
                        "symphra.scheduler.task.job.duration_min_ms:10|g",
                        "symphra.scheduler.task.job.duration_max_ms:20|g",
                        "symphra.scheduler.task.job.lateness_avg_ms:1|g",
                        "symphra.scheduler.task.job.lateness_max_ms:3|g",
                        "symphra.scheduler.task.job.lateness_last_ms:1|g",
                        "symphra.scheduler.task.job.oldest_run_age_ms:0|g");
    }

    @Test
    void sendsTheScheduleSignalsAndTheClaimsOfAClaimedTask() {
        MetricsSnapshot first = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(60))
                .task("job", 1, 0)
                .signals(
                        "job",
                        new ScheduleSignals(START.plusSeconds(62), 3, 4_000_000L),
                        new ClusterClaims(2, 1, 0, 1, 0, 4, 8_000_000L, 5_000_000L))
                .scheduler(new SchedulerState("1.2", 1, 2, false))
                .build();
        MetricsSnapshot second = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(70))
                .task("job", 1, 0)
                .signals(
                        "job",
                        new ScheduleSignals(null, 5, 0),
                        new ClusterClaims(3, 4, 1, 1, 2, 10, 20_000_000L, 6_000_000L))
                .build();
        started(Map.of(), first);

        assertThat(push(first))
                .contains(
                        "symphra.scheduler.workers_busy:1|g",
                        "symphra.scheduler.fires_waiting:2|g",
                        "symphra.scheduler.info.1_2:1|g",
                        "symphra.scheduler.missed_fires:3|c",
                        "symphra.scheduler.task.job.missed_fires:3|c",
                        "symphra.scheduler.task.job.oldest_run_age_ms:4|g",
                        "symphra.scheduler.task.job.next_fire_in_ms:2000|g",
                        "symphra.scheduler.task.job.claimed:2|c",
                        "symphra.scheduler.task.job.ran_elsewhere:1|c",
                        "symphra.scheduler.task.job.claim_errors_skipped:1|c",
                        "symphra.scheduler.task.job.claim_latency_count:4|c",
                        "symphra.scheduler.task.job.claim_latency_total_ms:8|c",
                        "symphra.scheduler.task.job.claim_latency_max_ms:5|g");
        List<String> later = push(second);
        assertThat(later)
                .contains(
                        "symphra.scheduler.task.job.missed_fires:2|c",
                        "symphra.scheduler.task.job.claimed:1|c",
                        "symphra.scheduler.task.job.ran_elsewhere:3|c",
                        "symphra.scheduler.task.job.abandoned:1|c",
                        "symphra.scheduler.task.job.claim_errors_skipped:0|c",
                        "symphra.scheduler.task.job.claim_errors_ran_here:2|c",
                        "symphra.scheduler.task.job.claim_latency_count:6|c",
                        "symphra.scheduler.task.job.claim_latency_total_ms:12|c",
                        "symphra.scheduler.task.job.claim_latency_max_ms:6|g");
        // No fire planned any more: nothing is sent, rather than a made-up time.
        assertThat(later).noneMatch(l -> l.contains("next_fire_in_ms"));
    }

    @Test
    void telegrafFlavorPutsTaskAndCommonLabelsIntoTags() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .timestamp(START.plusSeconds(60))
                .label("service", "billing api")
                .label("instance", "host-1.example")
                .label("task", "clash")
                .task("dots.and:colons", 1, 0)
                .build();
        started(Map.of("flavor", "telegraf", "prefix", "acme"), snapshot);

        List<String> lines = push(snapshot);

        assertThat(lines)
                .contains(
                        "acme.executions,instance=host-1.example,service=billing_api:1|c",
                        "acme.uptime_seconds,instance=host-1.example,service=billing_api:60|g",
                        "acme.task.executions,task=dots.and_colons,instance=host-1.example,service=billing_api:1|c",
                        "acme.task.duration_max_ms,task=dots.and_colons,instance=host-1.example,service=billing_api:10|g");
        assertThat(lines).hasSize(34).noneMatch(l -> l.contains("clash"));
    }

    @Test
    void countersAreDeltasAndGaugesAreSentEveryPush() {
        started(Map.of(), jobSnapshot(START, 2, 1));
        push(jobSnapshot(START, 2, 1));

        List<String> second = push(jobSnapshot(START, 5, 1));
        List<String> unchanged = push(jobSnapshot(START, 5, 1));
        List<String> afterReset = push(jobSnapshot(START.plusSeconds(300), 1, 0));

        assertThat(second)
                .contains(
                        "symphra.scheduler.task.job.executions:3|c",
                        "symphra.scheduler.task.job.successes:3|c",
                        "symphra.scheduler.task.job.failures:0|c",
                        "symphra.scheduler.executions:3|c",
                        "symphra.scheduler.task.job.duration_total_ms:30|c",
                        "symphra.scheduler.task.job.success_rate:0.8333333333333334|g");
        assertThat(unchanged)
                .contains(
                        "symphra.scheduler.task.job.executions:0|c",
                        "symphra.scheduler.task.job.success_rate:0.8333333333333334|g",
                        "symphra.scheduler.task.job.duration_max_ms:20|g");
        assertThat(unchanged).hasSameSizeAs(second);
        assertThat(afterReset)
                .contains(
                        "symphra.scheduler.task.job.executions:1|c",
                        "symphra.scheduler.task.job.successes:1|c",
                        "symphra.scheduler.task.job.success_rate:1|g");
    }

    @Test
    void hostileNamesNeverBreakALineOrADatagram() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().startTime(START);
        HostileNames.CORPUS.forEach(name -> builder.task(name, 1, 1));
        MetricsSnapshot snapshot = builder.build();
        started(Map.of(), snapshot);

        List<String> lines = push(snapshot);

        assertThat(exporter.lastPush().linesOversize()).isZero();
        assertThat(lines)
                .hasSize(17 + 17 * HostileNames.CORPUS.size())
                .allMatch(l ->
                        l.matches("symphra\\.scheduler(\\.task\\.[^.:|@#\\s,=]+|\\.info)?\\.[a-z_]+:[0-9.]+\\|[cg]"));
        assertThat(receiver.packets())
                .allSatisfy(p ->
                        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1432));
        assertThat(lines)
                .contains("symphra.scheduler.task.Gr\u00FC\u00DFe_aus_K\u00F6ln.executions:2|c")
                .anyMatch(l -> l.matches("symphra\\.scheduler\\.task\\.x{191}_[0-9a-f]{8}\\.executions:2\\|c"));
    }

    @Test
    void collidingNamesAreReportedOnceNotEveryPush() {
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .startTime(START)
                .task("a b", 1, 0)
                .task("a:b", 2, 0)
                .task("a|b", 1, 0)
                .task("c", 1, 0)
                .build();
        started(Map.of(), snapshot);

        push(snapshot);
        push(snapshot);
        List<String> lines = push(snapshot);

        assertThat(lines)
                .filteredOn(l -> l.startsWith("symphra.scheduler.task.a_b.executions:"))
                .hasSize(3);
        TaskKeys keys = new TaskKeys();
        keys.keysOf(snapshot.tasks().keySet(), NameSanitizer.pathSegment());
        keys.keysOf(snapshot.tasks().keySet(), NameSanitizer.pathSegment());
        assertThat(keys.reportedCollisions()).isEqualTo(1);
    }

    @Test
    void smallerPacketSizeMeansMoreDatagramsNoneTooLarge() {
        SnapshotBuilder builder = SnapshotBuilder.snapshot().startTime(START);
        for (int i = 0; i < 20; i++) {
            builder.task("task-" + i, 1, 0);
        }
        MetricsSnapshot snapshot = builder.build();
        started(Map.of("max-packet-size", "512"), snapshot);

        push(snapshot);

        assertThat(receiver.packets())
                .hasSize(exporter.lastPush().packets())
                .hasSizeGreaterThan(20)
                .allSatisfy(p ->
                        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512));
    }

    @Test
    void noDaemonListeningNeverThrowsAndIsCountedBySender() throws Exception {
        int deadPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            deadPort = s.getLocalPort();
        }
        MetricsSnapshot snapshot = jobSnapshot(START, 1, 0);
        context = TestExporterContext.of("statsd", Map.of("port", "" + deadPort), snapshot);
        exporter = new StatsdExporter();
        exporter.configure(context.config());
        exporter.start(context);
        UdpTransport transport = (UdpTransport) exporter.transport();

        // Loopback answers a datagram to a closed port with ICMP, which the next write reports.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThatCode(() -> exporter.export(snapshot)).doesNotThrowAnyException();
            assertThat(transport.errors()).isPositive();
        });
        await().atMost(WAIT).until(() -> transport.queued() == 0);
    }

    @Test
    void anUnresolvableHostIsRetriedAtLaterPushesAndNothingCountedIsLost() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        UdpTransport.HostResolver flaky = host -> {
            if (lookups.incrementAndGet() <= 2) {
                throw new UnknownHostException(host + ": no such host yet");
            }
            return InetAddress.getLoopbackAddress();
        };
        context = TestExporterContext.of(
                "statsd", Map.of("host", "statsd.internal", "port", "" + receiver.port()), jobSnapshot(START, 1, 0));
        exporter = new StatsdExporter();
        exporter.configure(context.config());
        exporter.start(
                new UdpTransport("statsd.internal", receiver.port(), context.threadFactory(), System::nanoTime, flaky));

        exporter.export(jobSnapshot(START, 1, 0));
        assertThat(exporter.lastPush().sent()).isFalse();
        exporter.export(jobSnapshot(START, 3, 0));
        assertThat(exporter.lastPush().sent()).isFalse();
        List<String> lines = push(jobSnapshot(START, 4, 0));

        assertThat(lookups).hasValue(3);
        assertThat(lines).contains("symphra.scheduler.task.job.executions:4|c");
        assertThat(receiver.packets()).hasSize(exporter.lastPush().packets());
    }

    @Test
    void aStuckSenderHoldsPushesBackInsteadOfQueueingMore() {
        FakeTransport stuck = new FakeTransport();
        exporter = new StatsdExporter();
        exporter.configure(ExporterConfig.of("statsd", Map.of()));
        exporter.start(stuck);

        exporter.export(jobSnapshot(START, 1, 0));
        stuck.queued = StatsdExporter.QUEUE_LIMIT; // nothing written since
        exporter.export(jobSnapshot(START, 5, 0));
        exporter.export(jobSnapshot(START, 9, 0));

        assertThat(exporter.lastPush().sent()).isFalse();
        assertThat(stuck.sent).hasSize(1);
        stuck.queued = 0;
        exporter.export(jobSnapshot(START, 9, 0));
        assertThat(stuck.sent).hasSize(2);
        assertThat(stuck.sent.get(1)).contains("symphra.scheduler.task.job.executions:8|c");
    }

    @Test
    void aSmallBacklogDoesNotHoldAPushBack() {
        FakeTransport busy = new FakeTransport();
        exporter = new StatsdExporter();
        exporter.configure(ExporterConfig.of("statsd", Map.of()));
        exporter.start(busy);
        busy.queued = 3;

        exporter.export(jobSnapshot(START, 1, 0));

        assertThat(exporter.lastPush().sent()).isTrue();
    }

    @Test
    void exportAfterCloseDoesNothing() {
        FakeTransport transport = new FakeTransport();
        exporter = new StatsdExporter();
        exporter.configure(ExporterConfig.of("statsd", Map.of()));
        exporter.start(transport);
        exporter.close();

        exporter.export(jobSnapshot(START, 1, 0));

        assertThat(transport.sent).isEmpty();
        assertThat(transport.closed).isTrue();
    }

    /** Stands in for a sender thread that stopped writing, which a real UDP socket cannot be made to do. */
    private static final class FakeTransport implements PacketTransport {
        final List<String> sent = new java.util.ArrayList<>();
        long queued;
        boolean closed;

        @Override
        public boolean connect() {
            return true;
        }

        @Override
        public long queued() {
            return queued;
        }

        @Override
        public void send(String packet) {
            sent.add(packet);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * The {@code datadog} flavor through a real UDP socket: every line the exporter sends is read by the DogStatsD
     * grammar ({@link DogStatsdLine}), hostile task names and common labels included; and the {@code sysdig}
     * flavor's shape.
     */
    @Nested
    class DatadogAndSysdigFlavors {

        private List<String> pushed(String flavor, MetricsSnapshot snapshot) {
            started(Map.of("flavor", flavor, "max-packet-size", "8932"), snapshot);
            return push(snapshot);
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"etsy", "telegraf", "datadog", "sysdig"})
        void aggregatedTasksAreTheOneTaskAggregatedInEveryFlavor(String flavor) {
            MetricsSnapshot snapshot = AggregatedSnapshot.take();
            List<String> lines = pushed(flavor, snapshot);
            String aggregate = MetricsCollector.AGGREGATED_TASK;
            assertThat(lines).noneMatch(line -> line.contains("tenant-"));
            assertThat(lines.stream().filter(line -> line.contains("executions") && line.contains(aggregate)))
                    .singleElement()
                    .asString()
                    .contains(":3|c");
            assertThat(lines.stream().filter(line -> line.contains("executions") && line.contains("cleanup")))
                    .singleElement()
                    .asString()
                    .contains(":1|c");
        }

        @Test
        void tagsFollowTheTypeAndTheTaskIsNotInThePath() {
            MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                    .startTime(START)
                    .timestamp(START.plusSeconds(60))
                    .label("service", "billing api")
                    .label("2nd", "x")
                    .label("task", "clash")
                    .task("dots.and:colons", 2, 1)
                    .build();

            List<String> lines = pushed("datadog", snapshot);

            assertThat(lines)
                    .contains(
                            "symphra.scheduler.executions:3|c|#label_2nd:x,service:billing_api",
                            "symphra.scheduler.tasks:1|g|#label_2nd:x,service:billing_api",
                            "symphra.scheduler.task.executions:3|c|#task:dots.and_colons,label_2nd:x,service:billing_api",
                            "symphra.scheduler.task.duration_max_ms:20|g|#task:dots.and_colons,label_2nd:x,"
                                    + "service:billing_api");
            assertThat(lines).noneMatch(l -> l.contains("clash")).allSatisfy(DogStatsdLine::parse);
        }

        @Test
        void withoutCommonLabelsScopeWideLinesHaveNoTagSection() {
            MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                    .startTime(START)
                    .timestamp(START.plusSeconds(60))
                    .task("job", 1, 0)
                    .build();

            List<String> lines = pushed("datadog", snapshot);

            assertThat(lines)
                    .contains("symphra.scheduler.executions:1|c", "symphra.scheduler.task.executions:1|c|#task:job");
        }

        @Test
        void everyLineOfAHostilePushParsesAndEveryTaskArrivesAsItsTag() {
            SnapshotBuilder builder = SnapshotBuilder.snapshot()
                    .startTime(START)
                    .timestamp(START.plusSeconds(60))
                    .label("service", "pipe|comma,hash#colon:")
                    .label("\uD83D\uDE80 rocket", "new\nline")
                    .label("k".repeat(300), "v".repeat(300));
            int i = 0;
            for (String name : HostileNames.CORPUS) {
                builder.task(name, ++i, i % 2);
            }
            MetricsSnapshot snapshot = builder.build();

            List<DogStatsdLine> parsed = new ArrayList<>();
            for (String line : pushed("datadog", snapshot)) {
                parsed.add(DogStatsdLine.parse(line));
            }

            Set<String> expectedTasks = new TreeSet<>();
            for (String name : HostileNames.CORPUS) {
                expectedTasks.add(StatsdHostileNamesPropertyTest.sanitizedWithin(name, 195));
            }
            Set<String> taskTags = new TreeSet<>();
            for (DogStatsdLine line : parsed) {
                assertThat(line.name()).startsWith("symphra.scheduler.").doesNotContain("plain");
                assertThat(line.tags()).containsEntry("service", "pipe_comma_hash_colon_");
                if (line.name().startsWith("symphra.scheduler.task.")) {
                    taskTags.add(line.tags().get("task"));
                }
            }
            assertThat(taskTags).isEqualTo(expectedTasks);
            // Each task's executions arrive with its own count.
            i = 0;
            for (String name : HostileNames.CORPUS) {
                String tag = StatsdHostileNamesPropertyTest.sanitizedWithin(name, 195);
                int count = ++i + i % 2;
                assertThat(parsed)
                        .filteredOn(l -> l.name().equals("symphra.scheduler.task.executions"))
                        .filteredOn(l -> tag.equals(l.tags().get("task")))
                        .singleElement()
                        .extracting(DogStatsdLine::value)
                        .isEqualTo(Integer.toString(count));
            }
        }

        @Test
        void theGrammarRefusesWhatTheSpecificationDoesNot() {
            assertThatThrownBy(() -> DogStatsdLine.parse("a.b:1|c|#task:x,")).hasMessageContaining("bad tag");
            assertThatThrownBy(() -> DogStatsdLine.parse("a.b:1|c|#task:x|y")).hasMessageContaining("bad section");
            assertThatThrownBy(() -> DogStatsdLine.parse("a.b:1|c|#9lives")).hasMessageContaining("bad tag");
            assertThatThrownBy(() -> DogStatsdLine.parse("a-b:1|c")).hasMessageContaining("bad metric name");
            assertThatThrownBy(() -> DogStatsdLine.parse("a.b:1|x")).hasMessageContaining("bad value or type");
            assertThat(DogStatsdLine.parse("a.b:-1.5|g|@0.5|#k:v:w,flag").tags())
                    .containsExactly(Map.entry("k", "v:w"), Map.entry("flag", ""));
        }

        @Test
        void sysdigPutsTheTagsAfterTheNameWithAHash() {
            MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                    .startTime(START)
                    .timestamp(START.plusSeconds(60))
                    .label("service", "billing")
                    .task("job", 1, 0)
                    .build();

            assertThat(pushed("sysdig", snapshot))
                    .contains(
                            "symphra.scheduler.executions#service=billing:1|c",
                            "symphra.scheduler.task.executions#task=job,service=billing:1|c");
        }
    }
}
