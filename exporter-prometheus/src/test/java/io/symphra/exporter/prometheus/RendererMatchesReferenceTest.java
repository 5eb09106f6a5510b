package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.Lateness;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.snapshot.RunPolicy;
import io.symphra.metrics.snapshot.ScheduleSignals;
import io.symphra.metrics.snapshot.SchedulerState;
import io.symphra.metrics.snapshot.TaskStats;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The buffered renderer writes exactly the bytes of {@link ReferenceExposition}, the plain line-by-line oracle, for
 * varied snapshots: hostile task and label names, counts from 0 to huge, durations and doubles with many digits,
 * custom bucket bounds, instants before and after the epoch. Each case renders twice through one renderer, the
 * second time a snapshot with the very same name instances but other values and labels, so that the reuse of the
 * previous render's label blocks is checked too; and many tasks make the buffer drain mid-family.
 */
class RendererMatchesReferenceTest {

    @Provide
    Arbitrary<List<String>> names() {
        return HostileNameArbitrary.names(List.of("\"}", "} 1\n", "# EOF\n"), 2, 300, 2_000)
                .list()
                .ofMinSize(0)
                .ofMaxSize(12);
    }

    @Property(tries = 300, seed = "20261125")
    void writesTheReferenceBytesForVariedSnapshots(@ForAll("names") List<String> generated, @ForAll long seed)
            throws IOException {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        SplittableRandom random = new SplittableRandom(seed);
        String label = names.isEmpty() ? "" : names.get(random.nextInt(names.size()));
        Map<String, String> labels = Map.of("service", label);
        MetricsSnapshot first = randomSnapshot(random, names, labels);
        MetricsSnapshot second = randomSnapshot(
                random,
                names,
                switch (random.nextInt(3)) {
                    case 0 -> labels;
                    case 1 -> Map.of();
                    default -> Map.of("zone", "b");
                });
        for (PrometheusRenderer renderer : renderers()) {
            assertSameBytes(renderer, first);
            assertSameBytes(renderer, second);
            assertSameBytes(renderer, first);
        }
    }

    @Test
    void writesTheReferenceBytesWhenTheBufferDrainsAnywhere() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            names.add("task-" + "x".repeat(random.nextInt(0, 120)) + i);
        }
        names.add("a name longer than the buffer " + "\"\\\n\u00e9\u20ac\ud83d\ude00".repeat(4_000));
        MetricsSnapshot snapshot = randomSnapshot(random, names, Map.of("service", "orders", "zone", "eu\"1\""));
        for (PrometheusRenderer renderer : renderers()) {
            assertSameBytes(renderer, snapshot);
        }
    }

    @Test
    void writesTheReferenceBytesForATaskWithoutRuns() throws IOException {
        MetricsSnapshot snapshot = MetricsSnapshot.of(
                Instant.ofEpochSecond(100),
                Instant.ofEpochSecond(40),
                Map.of("idle", TaskStats.empty("idle")),
                Map.of(),
                List.of());
        for (PrometheusRenderer renderer : renderers()) {
            assertSameBytes(renderer, snapshot);
        }
    }

    /** Every format with both duration choices, all families. */
    private static List<PrometheusRenderer> renderers() {
        List<PrometheusRenderer> all = new ArrayList<>();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            for (DurationSeries durations : DurationSeries.values()) {
                all.add(PrometheusRenderer.of(format, FamilySelection.BOTH, durations));
            }
        }
        return all;
    }

    private static void assertSameBytes(PrometheusRenderer renderer, MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        renderer.write(snapshot, actual);
        // ISO-8859-1 maps each byte to one character: equal strings are equal bytes, with a readable diff
        assertThat(actual.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(
                        ReferenceExposition.render(renderer.format(), renderer.durations(), snapshot),
                        StandardCharsets.ISO_8859_1));
    }

    private static MetricsSnapshot randomSnapshot(
            SplittableRandom random, List<String> names, Map<String, String> labels) {
        Map<String, TaskStats> tasks = new TreeMap<>();
        double[] bounds = random.nextBoolean() ? DurationHistogram.DEFAULT_BOUNDS_SECONDS : bounds(random);
        for (String name : names) {
            tasks.put(name, task(random, name, bounds));
        }
        List<ExporterStats> exporters = new ArrayList<>();
        for (int i = random.nextInt(0, 3); i > 0; i--) {
            exporters.add(new ExporterStats(
                    "exporter \"" + i + "\"\n",
                    count(random),
                    count(random),
                    count(random),
                    instant(random),
                    instant(random)));
        }
        Instant start = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
        Instant now = start.plusNanos(random.nextLong(-1_000_000_000L, Long.MAX_VALUE / 4));
        SchedulerState scheduler =
                new SchedulerState("v" + random.nextInt(10), count(random), count(random), random.nextBoolean());
        return MetricsSnapshot.of(now, start, tasks, labels, exporters, scheduler);
    }

    private static TaskStats task(SplittableRandom random, String name, double[] bounds) {
        long failures = count(random);
        long min = nanos(random);
        long max = min + nanos(random);
        long[] counts = new long[bounds.length + 1];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = count(random);
        }
        long lateCount = count(random);
        return new TaskStats(
                name,
                count(random),
                failures,
                random.nextLong(0, failures + 1),
                count(random),
                count(random),
                count(random),
                nanos(random),
                min,
                max,
                instant(random),
                instant(random),
                ExecutionOutcome.values()[random.nextInt(ExecutionOutcome.values().length)],
                DurationHistogram.wrap(bounds, counts, seconds(random)),
                lateCount == 0 ? Lateness.NONE : new Lateness(lateCount, nanos(random), nanos(random), nanos(random)),
                ScheduleSignals.NONE,
                ClusterClaims.NONE,
                new RunPolicy(random.nextBoolean(), random.nextBoolean()));
    }

    /** Mostly 0 and small counts, sometimes huge: summed over tasks and buckets they still fit a long. */
    private static long count(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextLong(1, 10);
            case 2 -> random.nextLong(10, 100_000);
            case 3 -> random.nextLong(0, 1L << 40);
            default -> random.nextLong(1L << 40, 1L << 48);
        };
    }

    private static long nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextLong(1, 1_000_000_000L);
            case 2 -> random.nextLong(1, 1_000) * 1_000_000_000L;
            default -> random.nextLong(0, 1L << 50);
        };
    }

    /** Sums in seconds: whole nanoseconds, long fractions, tiny and huge values, integers. */
    private static double seconds(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> random.nextLong(1, 1L << 50) / 1e9;
            case 2 -> random.nextDouble();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 22));
            case 4 -> (double) random.nextLong(0, 1_000_000);
            default -> random.nextLong(1, 1L << 40) / 3e9;
        };
    }

    private static double[] bounds(SplittableRandom random) {
        double[] bounds = new double[random.nextInt(0, 20)];
        double bound = random.nextDouble() * 1e-6;
        for (int i = 0; i < bounds.length; i++) {
            bound = Math.nextUp(
                    bound + (random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(-6, 4)) : 1));
            bounds[i] = bound;
        }
        return bounds;
    }

    private static Instant instant(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 2_000_000_000L));
            case 2 ->
                Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(random.nextLong(-2, 2), random.nextInt(1, 1_000_000_000));
        };
    }
}
