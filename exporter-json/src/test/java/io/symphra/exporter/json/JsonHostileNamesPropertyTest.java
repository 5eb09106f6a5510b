package io.symphra.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.snapshot.MetricsSnapshot;
import io.symphra.metrics.testkit.HostileNameArbitrary;
import io.symphra.metrics.testkit.HostileNames;
import io.symphra.metrics.testkit.ScriptedHttpServer;
import io.symphra.metrics.testkit.ScriptedHttpServer.Response;
import io.symphra.metrics.testkit.SnapshotBuilder;
import io.symphra.metrics.testkit.TestExporterContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated task names over the whole {@code char} range (lone surrogates included), biased toward the characters
 * that break renderers, go through the JSON format and through the exporter's HTTP push; Jackson's
 * {@code readTree} must give back every name unchanged, except that a lone surrogate becomes U+FFFD (the
 * documented rule, written here again as an independent oracle).
 */
class JsonHostileNamesPropertyTest {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Provide
    Arbitrary<List<String>> names() {
        return hostileName().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return hostileName().list().ofSize(50);
    }

    /** Pieces: dangerous characters, any code point, any char (lone surrogates too), plain words; now and then long. */
    static Arbitrary<String> hostileName() {
        return HostileNameArbitrary.names(List.of("\\u0041", "\\n"), 1, 2_000, 4_000);
    }

    /** The documented rule, independently: a surrogate without its partner becomes U+FFFD. */
    static String asParsed(String name) {
        return HostileNames.withLoneSurrogatesReplaced(name);
    }

    /** Names whose parsed forms differ (two names that only differ in broken halves collide, as documented). */
    private static Map<String, String> distinctByParsedForm(List<String> names) {
        Map<String, String> byParsed = new LinkedHashMap<>();
        names.forEach(n -> byParsed.putIfAbsent(asParsed(n), n));
        return byParsed;
    }

    private static MetricsSnapshot snapshotOf(Iterable<String> names) {
        SnapshotBuilder builder = SnapshotBuilder.snapshot();
        int i = 1;
        for (String name : names) {
            builder.task(name, i, i % 3);
            i++;
        }
        return builder.build();
    }

    private static void assertArrivedUnchanged(JsonNode doc, Map<String, String> byParsed) {
        JsonNode tasks = doc.get("task_stats");
        List<String> keys = new ArrayList<>();
        tasks.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(byParsed.keySet());
        Map<String, Integer> executions = new TreeMap<>();
        int i = 1;
        for (String name : byParsed.values()) {
            executions.put(asParsed(name), i + i % 3);
            i++;
        }
        executions.forEach((parsed, expected) -> assertThat(
                        tasks.get(parsed).get("executions").intValue())
                .as(parsed)
                .isEqualTo(expected));
        assertThat(JsonSchemaCheck.errors(doc)).isEmpty();
    }

    @Property(tries = 1000, seed = "20261125")
    void everyGeneratedNameComesBackFromJacksonByTheDocumentedRule(@ForAll("names") List<String> names)
            throws IOException {
        Map<String, String> byParsed = distinctByParsedForm(names);
        byte[] json = new JsonMetricsFormat().toBytes(snapshotOf(byParsed.values()));

        JsonNode doc = STRICT.readTree(json);

        assertArrivedUnchanged(doc, byParsed);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\n", "\r");
    }

    /** 20 pushes of 50 generated names each: 1,000 names through the exporter's real HTTP sink. */
    @Property(tries = 20, seed = "20261125")
    void everyGeneratedNameArrivesThroughTheHttpPush(@ForAll("batch") List<String> names) throws Exception {
        Map<String, String> byParsed = distinctByParsedForm(names);
        MetricsSnapshot snapshot = snapshotOf(byParsed.values());
        try (ScriptedHttpServer server = ScriptedHttpServer.answering(Response.of(204))) {
            ExporterConfig config = ExporterConfig.of(
                    "json",
                    Map.of("enabled", "true", "push.url", server.uri("/ingest").toString(), "max-attempts", "1"));
            JsonMetricsExporter exporter = new JsonMetricsExporter();
            exporter.configure(config);
            try (TestExporterContext context = new TestExporterContext(config, snapshot)) {
                exporter.start(context);
                exporter.export(snapshot);
                exporter.close();
            }
            assertThat(server.received()).hasSize(1);
            assertArrivedUnchanged(STRICT.readTree(server.received().get(0).body()), byParsed);
        }
    }

    @Example
    void theWholeHostileCorpusArrivesThroughTheHttpPush() throws Exception {
        everyGeneratedNameArrivesThroughTheHttpPush(HostileNames.CORPUS);
    }

    @Example
    void theOracleKeepsPairsAndReplacesLoneHalves() {
        Iterator<String> cases = List.of("a\uD83D\uDE80b", "a\uD83Db", "\uDE80x", "x\uD800", "\uDC00\uD800")
                .iterator();
        assertThat(asParsed(cases.next())).isEqualTo("a\uD83D\uDE80b");
        assertThat(asParsed(cases.next())).isEqualTo("a\uFFFDb");
        assertThat(asParsed(cases.next())).isEqualTo("\uFFFDx");
        assertThat(asParsed(cases.next())).isEqualTo("x\uFFFD");
        assertThat(asParsed(cases.next())).isEqualTo("\uFFFD\uFFFD");
    }
}
