package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.exporter.influx.VictoriaMetrics.Series;
import io.symphra.metrics.config.ExporterConfig;
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
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Generated task names over the whole {@code char} range, biased toward the characters line protocol must escape,
 * pushed in batches by the real exporter to a real VictoriaMetrics and read back through {@code /api/v1/export}:
 * every name arrives as its {@code task} label by the documented rule (newline, CR and tab arrive as the two
 * characters {@code \n}, {@code \r}, {@code \t}; everything else as is), written here again as an independent
 * oracle. A lone surrogate (not text) arrives as {@code ?}, the replacement of Java's UTF-8 encoder.
 */
class InfluxHostileNamesIT {

    private static final AtomicInteger BATCH = new AtomicInteger();
    private static Path temp;
    private static VictoriaMetrics vm;

    @BeforeContainer
    static void startVictoriaMetrics() throws Exception {
        temp = Files.createTempDirectory("influx-hostile-names");
        vm = new VictoriaMetrics(temp, List.of());
        vm.start();
    }

    @AfterContainer
    static void stopVictoriaMetrics() throws IOException {
        if (vm != null) {
            vm.close();
        }
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return InfluxHostileNamesPropertyTest.hostileName().list().ofSize(100);
    }

    /** 20 pushes of 100 generated names: 2,000 names through the exporter, VictoriaMetrics and its export API. */
    @Property(tries = 20, seed = "20261125")
    void everyGeneratedNameRoundTripsThroughVictoriaMetrics(@ForAll("batch") List<String> generated) throws Exception {
        String batch = "b" + BATCH.incrementAndGet();
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        SnapshotBuilder builder = SnapshotBuilder.snapshot()
                .startTime(at.minusSeconds(60))
                .timestamp(at)
                .label("batch", batch);
        // Two names with the same stored form (a newline and a backslash-n) are one series at the same time:
        // VictoriaMetrics keeps one of their values.
        Map<String, Set<Double>> expected = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            builder.task(names.get(i), i + 1, 0);
            expected.computeIfAbsent(InfluxHostileNamesPropertyTest.asStored(names.get(i)), k -> new HashSet<>())
                    .add((double) (i + 1));
        }
        MetricsSnapshot snapshot = builder.build();

        InfluxExporter exporter = new InfluxExporter();
        ExporterConfig config = ExporterConfig.of(
                "influx",
                Map.of("url", vm.url(), "org", "symphra", "bucket", "it", "token", "unused", "timeout", "5s"));
        exporter.configure(config);
        try (TestExporterContext context = new TestExporterContext(config, snapshot)) {
            exporter.start(context);
            exporter.export(snapshot);
        } finally {
            exporter.close();
        }

        await("batch " + batch + " in VictoriaMetrics")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    vm.forceFlush();
                    Map<String, Double> stored = new HashMap<>();
                    for (Series s : vm.export("symphra_scheduler_task_successes")) {
                        if (batch.equals(s.labels().get("batch"))) {
                            stored.put(
                                    s.labels().get("task"),
                                    s.values().get(s.values().size() - 1));
                        }
                    }
                    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((name, successes) ->
                            assertThat(successes).as("successes of %s", name).contains(stored.get(name)));
                });
    }

    @Example
    void theWholeCorpusAndLoneSurrogatesRoundTrip() throws Exception {
        List<String> names = new java.util.ArrayList<>(HostileNames.CORPUS);
        names.addAll(List.of("lone \uD800 high", "lone \uDC00 low", "back\\slash\\", "a\\\\nb"));
        everyGeneratedNameRoundTripsThroughVictoriaMetrics(names);
        assertThat(InfluxHostileNamesPropertyTest.asStored("x\uD800").getBytes(StandardCharsets.UTF_8))
                .isEqualTo("x?".getBytes(StandardCharsets.UTF_8));
    }
}
