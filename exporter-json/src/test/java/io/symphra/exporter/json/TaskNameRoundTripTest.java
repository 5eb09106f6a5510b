package io.symphra.exporter.json;

import static io.symphra.exporter.json.JsonSchemaCheck.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.symphra.metrics.snapshot.ExporterStats;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.SnapshotBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any task name, label or exporter name comes back unchanged through a JSON parser. */
class TaskNameRoundTripTest {

    private final JsonMetricsFormat format = new JsonMetricsFormat();

    @Test
    void everyHostileNameComesBackUnchanged() throws IOException {
        SnapshotBuilder builder = SnapshotBuilder.snapshot();
        for (String name : HostileNames.CORPUS) {
            builder.task(name, 1, 1).label(name, "value of " + name);
        }
        builder.exporter(new ExporterStats(HostileNames.CORPUS.get(1), 0, 0, 0, null, null));
        JsonNode doc = parseStrict(format.toBytes(builder.build()));

        assertThat(JsonMetricsFormatTest.fieldNames(doc.get("task_stats")))
                .containsExactlyElementsOf(HostileNames.CORPUS.stream().sorted().toList());
        for (String name : HostileNames.CORPUS) {
            assertThat(doc.get("task_stats").get(name).get("executions").longValue())
                    .as(name)
                    .isEqualTo(2);
            assertThat(doc.get("labels").get(name).textValue()).isEqualTo("value of " + name);
        }
        assertThat(doc.get("exporters").get(0).get("name").textValue()).isEqualTo(HostileNames.CORPUS.get(1));
    }

    @Test
    void aThousandRandomNamesOverTheWholeCharacterRangeComeBackUnchanged() throws IOException {
        Random random = new Random(20260101L);
        for (int round = 0; round < 1_000; round++) {
            String name = randomWellFormedString(random, random.nextInt(40));
            String label = randomWellFormedString(random, random.nextInt(20));
            MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                    .task(name, 1, 0)
                    .label("l", label)
                    .build();
            JsonNode doc = parseStrict(format.toBytes(snapshot));
            List<String> names = JsonMetricsFormatTest.fieldNames(doc.get("task_stats"));
            assertThat(names).as("round %d", round).containsExactly(name);
            assertThat(doc.get("labels").get("l").textValue())
                    .as("round %d", round)
                    .isEqualTo(label);
        }
    }

    /** A lone surrogate is not text: it cannot be encoded in UTF-8, so it becomes U+FFFD (documented). */
    @Test
    void loneSurrogatesBecomeReplacementCharacters() throws IOException {
        String high = "a\uD83Db";
        String low = "\uDE80end";
        String trailingHigh = "x\uD800";
        String mixed = "ok \uD83D\uDE80 then \uDC00";
        MetricsSnapshot snapshot = SnapshotBuilder.snapshot()
                .task(high, 1, 0)
                .task(low, 1, 0)
                .task(trailingHigh, 1, 0)
                .task(mixed, 1, 0)
                .label("l\uD800", "v\uDFFF")
                .build();
        JsonNode doc = parseStrict(format.toBytes(snapshot));
        assertThat(JsonMetricsFormatTest.fieldNames(doc.get("task_stats")))
                .containsExactlyInAnyOrder("a\uFFFDb", "\uFFFDend", "x\uFFFD", "ok \uD83D\uDE80 then \uFFFD");
        assertThat(doc.get("labels").get("l\uFFFD").textValue()).isEqualTo("v\uFFFD");
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    /** Random code points from U+0000 to U+10FFFF, supplementary ones as surrogate pairs, never a lone one. */
    private static String randomWellFormedString(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder(codePoints * 2);
        List<Integer> picked = new ArrayList<>(codePoints);
        while (picked.size() < codePoints) {
            int cp;
            switch (random.nextInt(4)) {
                case 0 -> cp = random.nextInt(0x80); // ASCII, controls and quotes included
                case 1 -> cp = random.nextInt(0x10000); // the BMP
                default -> cp = random.nextInt(Character.MAX_CODE_POINT + 1); // anywhere
            }
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            picked.add(cp);
        }
        picked.forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Decodes as strict UTF-8 first, so CESU-8 or broken bytes fail the test, then parses. */
    private static JsonNode parseStrict(byte[] bytes) throws IOException {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("document is not valid UTF-8", e);
        }
        return MAPPER.readTree(bytes);
    }
}
