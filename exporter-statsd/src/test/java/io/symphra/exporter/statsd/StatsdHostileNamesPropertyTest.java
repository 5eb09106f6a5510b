package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Unit-level properties of StatsD names over generated task names (the whole {@code char} range, biased toward
 * dangerous characters): the sanitizer follows the documented rule, written here as an independent oracle, and
 * every line the exporter sends over UDP is one well-formed StatsD line whose task part is that rule's output.
 * {@link StatsdHostileNamesIT} sends such names to the real daemon.
 */
class StatsdHostileNamesPropertyTest {

    /** name:value|type, where the name holds no ':', '|', '@', '#', whitespace or control character. */
    private static final Pattern LINE = Pattern.compile("([^:|@#\\s\\p{Cntrl}]+):([0-9]+(?:\\.[0-9]+)?)\\|(c|g)");

    private static UdpReceiver receiver;
    private static TestExporterContext context;
    private static StatsdExporter exporter;

    /** One receiver and one exporter for all tries, as a scheduler keeps one exporter for its whole life. */
    @BeforeContainer
    static void start() throws Exception {
        receiver = new UdpReceiver();
        context = TestExporterContext.of(
                "statsd",
                Map.of("host", "127.0.0.1", "port", "" + receiver.port(), "prefix", "p"),
                SnapshotBuilder.snapshot().build());
        exporter = new StatsdExporter();
        exporter.configure(context.config());
        exporter.start(context);
    }

    @AfterContainer
    static void stop() throws Exception {
        exporter.close();
        context.close();
        receiver.close();
    }

    @Provide
    Arbitrary<String> name() {
        return hostileName();
    }

    @Provide
    Arbitrary<List<String>> names() {
        return hostileName().list().ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<String> hostileName() {
        return HostileNameArbitrary.names(List.of("\u0301", "\u0663", "\u2163", "\u00B2", "-", "_"), 5, 60, 3_000);
    }

    /**
     * The documented rule, independently: per code point, ASCII letters, digits, {@code _} and {@code -} stay;
     * letters, digits and combining marks of other scripts stay; {@code .} stays in Telegraf tag values only;
     * anything else becomes one {@code _}. Above 200 UTF-8 bytes: cut to at most 191 bytes on a code point
     * boundary, then {@code _} and the first 8 hex digits of the SHA-256 of the whole original name.
     */
    static String sanitized(String name, boolean keepDots) {
        return sanitized(name, keepDots, 200);
    }

    /** The same rule for a tag value with a smaller bound of {@code maxBytes}, dots kept (DogStatsD tags). */
    static String sanitizedWithin(String name, int maxBytes) {
        return sanitized(name, true, maxBytes);
    }

    private static String sanitized(String name, boolean keepDots, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> {
            boolean keep;
            if (cp < 128) {
                keep = Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || (keepDots && cp == '.');
            } else {
                int type = Character.getType(cp);
                keep = Character.isLetter(cp)
                        || type == Character.DECIMAL_DIGIT_NUMBER
                        || type == Character.NON_SPACING_MARK
                        || type == Character.COMBINING_SPACING_MARK
                        || type == Character.ENCLOSING_MARK;
            }
            if (keep) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('_');
            }
        });
        String result = sb.isEmpty() ? "_" : sb.toString();
        if (result.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return result;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int cp : result.codePoints().toArray()) {
            int size = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes - 9) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += size;
        }
        return cut + "_" + HexFormat.of().formatHex(sha256(name)).substring(0, 8);
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Property(tries = 2000, seed = "20261125")
    void theSanitizerFollowsTheDocumentedRule(@ForAll("name") String name) {
        assertThat(NameSanitizer.pathSegment().sanitize(name)).isEqualTo(sanitized(name, false));
        assertThat(NameSanitizer.tagValue().sanitize(name)).isEqualTo(sanitized(name, true));
    }

    /** 1,000 pushes over UDP: every datagram splits into well-formed lines naming each task by the rule. */
    @Property(tries = 1000, seed = "20261125")
    void everyLineSentIsWellFormedAndNamesTheTaskByTheRule(@ForAll("names") List<String> generated) {
        List<String> names = List.copyOf(new LinkedHashSet<>(generated));
        SnapshotBuilder builder =
                SnapshotBuilder.snapshot().startTime(Instant.EPOCH).timestamp(Instant.EPOCH.plusSeconds(60));
        names.forEach(n -> builder.task(n, 2, 1));
        MetricsSnapshot snapshot = builder.build();
        int before = receiver.lines().size();
        exporter.export(snapshot);
        assertThat(exporter.lastPush().sent()).isTrue();
        int expected = before + exporter.lastPush().entries();
        await().atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(1))
                .until(() -> receiver.lines().size() >= expected);
        List<String> all = receiver.lines();
        List<String> lines = new ArrayList<>(all.subList(before, all.size()));
        assertThat(lines).hasSize(expected - before);
        List<String> segments = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("a StatsD line: %s", line).isTrue();
            String metric = m.group(1);
            if (metric.startsWith("p.task.") && metric.endsWith(".executions")) {
                segments.add(metric.substring("p.task.".length(), metric.length() - ".executions".length()));
            }
        }
        assertThat(segments)
                .containsExactlyInAnyOrderElementsOf(
                        names.stream().map(n -> sanitized(n, false)).toList());
    }
}
