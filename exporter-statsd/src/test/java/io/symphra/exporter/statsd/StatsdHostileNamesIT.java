package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated task names over the whole {@code char} range, biased toward the characters StatsD cannot carry, pushed
 * in batches by the real exporter (both flavors) to the reference daemon with its own sanitizing off: the daemon
 * rejects no line ({@code bad_lines_seen} stays 0), and every name arrives sanitized by the documented rule, which
 * this test writes again as an independent oracle.
 */
class StatsdHostileNamesIT {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicInteger BATCH = new AtomicInteger();
    private static Path dir;
    private static StatsdDaemon daemon;

    @BeforeContainer
    static void startDaemon() throws IOException {
        dir = Files.createTempDirectory("statsd-hostile-names");
        daemon = StatsdDaemon.start(dir, false);
    }

    @AfterContainer
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return StatsdHostileNamesPropertyTest.hostileName().list().ofSize(100);
    }

    /** 10 pushes of 100 generated names, each in both flavors: 1,000 names through the exporter and the daemon. */
    @Property(tries = 10, seed = "20261125")
    void everyGeneratedNameIsAcceptedAndSanitizedByTheDocumentedRule(@ForAll("batch") List<String> generated)
            throws Exception {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        SnapshotBuilder builder = SnapshotBuilder.snapshot().startTime(START).timestamp(START.plusSeconds(60));
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, i % 2);
        }
        MetricsSnapshot snapshot = builder.build();

        // The flavors the Etsy daemon reads; DogStatsD lines are read by their grammar in StatsdExporterTest.
        for (Flavor flavor : List.of(Flavor.ETSY, Flavor.TELEGRAF)) {
            String prefix = "b" + BATCH.incrementAndGet() + ".scheduler";
            Map<String, Double> expected = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String key = flavor == Flavor.ETSY
                        ? prefix + ".task." + StatsdHostileNamesPropertyTest.sanitized(names.get(i), false)
                                + ".executions"
                        : prefix + ".task.executions,task="
                                + StatsdHostileNamesPropertyTest.sanitized(names.get(i), true);
                // Names that sanitize alike share one key: their counters add up at the daemon (documented).
                expected.merge(key, (double) (i + 1 + i % 2), Double::sum);
            }
            push(flavor, prefix, snapshot);

            Map<String, Double> arrived = new HashMap<>();
            daemon.counters().forEach((key, value) -> {
                boolean ours = flavor == Flavor.ETSY
                        ? key.startsWith(prefix + ".task.") && key.endsWith(".executions")
                        : key.startsWith(prefix + ".task.executions,task=");
                if (ours) {
                    arrived.put(key, value);
                }
            });
            assertThat(arrived).as("flavor %s", flavor).isEqualTo(expected);
            assertThat(daemon.badLinesSeen()).isZero();
        }
    }

    private static void push(Flavor flavor, String prefix, MetricsSnapshot snapshot) throws Exception {
        long before = daemon.metricsReceived();
        try (TestExporterContext context = TestExporterContext.of(
                        "statsd",
                        Map.of(
                                "port",
                                "" + daemon.port(),
                                "flavor",
                                flavor.name().toLowerCase(),
                                "prefix",
                                prefix,
                                "max-packet-size",
                                "8932"),
                        snapshot);
                StatsdExporter exporter = new StatsdExporter()) {
            exporter.configure(context.config());
            exporter.start(context);
            exporter.export(snapshot);
            StatsdExporter.PushResult push = exporter.lastPush();
            assertThat(push.sent()).isTrue();
            assertThat(push.linesOversize()).isZero();
            long expectedLines = before + push.entries();
            await("daemon received " + expectedLines + " lines")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> daemon.metricsReceived() >= expectedLines);
            assertThat(daemon.metricsReceived()).isEqualTo(expectedLines);
        }
    }

    @Example
    void theWholeCorpusAndLoneSurrogatesAreSanitizedByTheRule() throws Exception {
        List<String> names = new ArrayList<>(HostileNames.CORPUS);
        names.addAll(List.of("lone \uD800 high", "\uDC00", "\u0301combining", "\u0663\u2163\u00B2", "a.b.c"));
        everyGeneratedNameIsAcceptedAndSanitizedByTheDocumentedRule(names);
        assertThat(StatsdHostileNamesPropertyTest.sanitized("with \"quotes\"", false))
                .isEqualTo("with__quotes_");
        assertThat(StatsdHostileNamesPropertyTest.sanitized("emoji \uD83D\uDE80 rocket", false))
                .isEqualTo("emoji___rocket");
        assertThat(StatsdHostileNamesPropertyTest.sanitized("dots.and-dashes_and/slashes", true))
                .isEqualTo("dots.and-dashes_and_slashes");
        assertThat(StatsdHostileNamesPropertyTest.sanitized("x".repeat(10_240), false)
                        .getBytes(StandardCharsets.UTF_8))
                .hasSize(200);
    }
}
