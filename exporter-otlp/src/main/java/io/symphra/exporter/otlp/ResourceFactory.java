package io.symphra.exporter.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OTLP resource of a push. Lowest to highest precedence: {@code service.name=unknown_service:java},
 * {@code OTEL_RESOURCE_ATTRIBUTES}, the snapshot's common labels, then {@code OTEL_SERVICE_NAME} or the
 * {@code service-name} key for {@code service.name}. The resource of the last label set is kept, since the labels
 * of a scheduler rarely change.
 */
final class ResourceFactory {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final String UNKNOWN_SERVICE = "unknown_service:java";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceFactory.class);

    private final ResourceSettings settings;
    private SortedMap<String, String> lastLabels;
    private Resource lastResource;

    ResourceFactory(ResourceSettings settings) {
        this.settings = settings;
    }

    /**
     * True for a key the OpenTelemetry SDK accepts in a resource: printable ASCII, 1 to 255 characters. The SDK
     * rejects a whole resource for one bad key, so such keys are checked here first.
     */
    static boolean isValidKey(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The resource for a snapshot with these common labels. Called from the push thread only. */
    Resource resourceFor(SortedMap<String, String> commonLabels) {
        if (lastResource == null || !commonLabels.equals(lastLabels)) {
            lastResource = build(commonLabels);
            lastLabels = commonLabels;
        }
        return lastResource;
    }

    private Resource build(Map<String, String> commonLabels) {
        AttributesBuilder attributes = Attributes.builder();
        attributes.put(SERVICE_NAME, UNKNOWN_SERVICE);
        settings.attributes().forEach(attributes::put);
        commonLabels.forEach((key, value) -> {
            if (isValidKey(key)) {
                attributes.put(key, value);
            } else {
                // Logged once per label set, not per push: the resource is rebuilt only when labels change.
                LOG.warn(
                        "OTLP exporter: common label key '{}' is not printable ASCII of 1 to 255 characters;"
                                + " it is left out of the resource",
                        forLog(key));
            }
        });
        settings.serviceName().ifPresent(name -> attributes.put(SERVICE_NAME, name));
        return Resource.create(attributes.build());
    }

    private static String forLog(String key) {
        String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
