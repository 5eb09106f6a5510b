package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata of {@code symphra.exporter.*} lists exactly the keys of docs/CONFIGURATION.md (regenerate it with
 * spring-boot-starter/src/build/exporter-metadata.py), and the starter's own properties are documented there too.
 */
class ExporterMetadataTest {

    @Test
    void everyDocumentedExporterKeyHasMetadataAndNoOtherKeyHas() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String key : documentedKeys()) {
            if (key.startsWith("symphra.exporter.")) {
                documented.add(key);
            }
        }
        assertThat(metadataKeys("META-INF/additional-spring-configuration-metadata.json"))
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void everyStarterPropertyIsDocumented() throws IOException {
        Set<String> properties = metadataKeys("META-INF/spring-configuration-metadata.json");
        assertThat(properties).contains("symphra.worker-threads", "symphra.health.enabled", "symphra.cluster.lease");
        Set<String> documented = documentedKeys();
        for (String property : properties) {
            if (!property.startsWith("symphra.")) {
                continue; // the actuator's management.endpoint.symphra.* keys, documented by Spring Boot
            }
            String written = property.equals("symphra.common-labels") ? "symphra.common-labels.<key>" : property;
            assertThat(documented).as("docs/CONFIGURATION.md lists " + written).contains(written);
        }
    }

    private static Set<String> documentedKeys() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(symphra\\.[a-z0-9.<>-]+)`", Pattern.MULTILINE)
                .matcher(doc);
        while (m.find()) {
            if (!m.group(1).contains("<name>")) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Set<String> metadataKeys(String resource) throws IOException {
        try (InputStream in = ExporterMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Set<String> keys = new TreeSet<>();
            root.path("properties").forEach(p -> keys.add(p.path("name").asString()));
            return keys;
        }
    }
}
