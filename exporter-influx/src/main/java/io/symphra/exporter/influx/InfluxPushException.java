package io.symphra.exporter.influx;

import java.io.IOException;

/**
 * Thrown by {@link InfluxExporter#export} when a push could not deliver its points, so that the scheduler counts
 * the push as failed. The message says why and how many points are still buffered; it never contains a token or a
 * password, and the exception carries no cause, so that nothing from the HTTP layer reaches a log through it.
 */
public final class InfluxPushException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, already free of secrets */
    public InfluxPushException(String message) {
        super(message);
    }
}
