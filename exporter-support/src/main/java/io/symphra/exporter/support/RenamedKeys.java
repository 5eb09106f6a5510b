package io.symphra.exporter.support;

import io.symphra.metrics.config.ExporterConfig;
import java.util.Map;

/**
 * Keys an exporter renamed: setting the old one fails at configuration time with a message naming the new key, so
 * that a setting is never silently ignored after an upgrade, nor read with a meaning it no longer has.
 */
public final class RenamedKeys {

    private RenamedKeys() {}

    /**
     * Fails on the first key of {@code oldToNew} (relative keys, in the map's order) that is set in
     * {@code config}.
     *
     * @throws io.symphra.metrics.config.InvalidConfigException naming the old key, with the reason
     *     {@code renamed: use symphra.exporter.<name>.<new key>}
     */
    public static void reject(ExporterConfig config, Map<String, String> oldToNew) {
        oldToNew.forEach((oldKey, newKey) -> {
            if (config.isSet(oldKey)) {
                throw config.invalid(oldKey, "renamed: use " + config.key(newKey));
            }
        });
    }
}
