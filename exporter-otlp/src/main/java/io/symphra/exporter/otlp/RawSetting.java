package io.symphra.exporter.otlp;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;

/**
 * One setting's text and where it came from: a {@code symphra.exporter.otlp.*} key or a standard
 * {@code OTEL_*} environment variable, so that a bad value is reported against the name the user wrote.
 *
 * @param name        the relative key ({@code endpoint}) or the environment variable
 * @param text        the raw text
 * @param environment true for an {@code OTEL_*} variable
 * @param secret      true when the text must never be shown
 */
record RawSetting(String name, String text, boolean environment, boolean secret) {

    /** The failure for this value, naming the key or variable and the (masked when secret) value. */
    InvalidConfigException invalid(ExporterConfig config, String reason) {
        if (!environment) {
            return config.invalid(name, reason);
        }
        return new InvalidConfigException(name, secret ? "******" : text, "environment variable " + name, reason);
    }

    @Override
    public String toString() {
        return "RawSetting[" + name + "]";
    }
}
