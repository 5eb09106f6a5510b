package io.symphra.exporter.otlp;

import java.util.Map;
import java.util.Optional;

/**
 * What the configuration says about the OTLP resource, before the snapshot's common labels are known.
 *
 * @param attributes  the attributes of {@code OTEL_RESOURCE_ATTRIBUTES}, decoded, in their order
 * @param serviceName the {@code service.name} set by the {@code service-name} key or {@code OTEL_SERVICE_NAME}
 */
record ResourceSettings(Map<String, String> attributes, Optional<String> serviceName) {

    ResourceSettings {
        attributes = Map.copyOf(attributes);
    }
}
