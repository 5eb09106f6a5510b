package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResourceFactoryTest {

    @Test
    void withNothingConfiguredTheServiceIsUnknownAsInTheOtelSdk() {
        Resource resource =
                new ResourceFactory(new ResourceSettings(Map.of(), Optional.empty())).resourceFor(new TreeMap<>());

        assertThat(resource.getAttributes().asMap()).hasSize(1);
        assertThat(resource.getAttribute(ResourceFactory.SERVICE_NAME)).isEqualTo("unknown_service:java");
    }

    @Test
    void commonLabelsWinOverTheEnvironmentAndTheServiceNameSettingWinsOverBoth() {
        ResourceFactory factory = new ResourceFactory(new ResourceSettings(
                Map.of("team", "from-env", "region", "eu", "service.name", "env-service"), Optional.of("configured")));

        Resource resource = factory.resourceFor(new TreeMap<>(Map.of("team", "from-label", "service.name", "label")));

        assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("from-label");
        assertThat(resource.getAttribute(AttributeKey.stringKey("region"))).isEqualTo("eu");
        assertThat(resource.getAttribute(ResourceFactory.SERVICE_NAME)).isEqualTo("configured");
    }

    @Test
    void labelKeysTheSdkWouldRejectAreLeftOutAndValuesAreKeptExactly() {
        ResourceFactory factory = new ResourceFactory(new ResourceSettings(Map.of(), Optional.empty()));
        String hostileValue = "Gr\u00FC\u00DFe \uD83D\uDE80 \"quoted\"\nline";

        Resource resource = factory.resourceFor(new TreeMap<>(
                Map.of("k\u00F6ln", "dropped", "", "dropped", "x".repeat(256), "dropped", "ok", hostileValue)));

        assertThat(resource.getAttributes().asMap()).hasSize(2);
        assertThat(resource.getAttribute(AttributeKey.stringKey("ok"))).isEqualTo(hostileValue);
    }

    @Test
    void theResourceIsReusedWhileTheLabelsStayTheSame() {
        ResourceFactory factory = new ResourceFactory(new ResourceSettings(Map.of(), Optional.empty()));

        Resource first = factory.resourceFor(new TreeMap<>(Map.of("a", "1")));

        assertThat(factory.resourceFor(new TreeMap<>(Map.of("a", "1")))).isSameAs(first);
        assertThat(factory.resourceFor(new TreeMap<>(Map.of("a", "2")))).isNotSameAs(first);
    }
}
