package io.symphra.exporter.influx;

import io.symphra.exporter.support.PushOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Writes one batch of already rendered line-protocol points, one attempt bounded by the configured timeout, and
 * says how the write ended instead of throwing. The exporter owns the retries and the buffer; a sender only knows
 * its endpoint.
 */
sealed interface InfluxSender extends AutoCloseable permits V1WriteSender, V2WriteSender {

    /**
     * How one write ended, judged by the status table every Symphra HTTP exporter shares ({@link PushOutcome}): a
     * write that got no answer at all (unreachable, timed out) is {@link PushOutcome#RETRYABLE}.
     *
     * @param outcome    what the answer means
     * @param status     the HTTP status, or 0 when no response came
     * @param detail     what the server or the client said, already scrubbed of secrets
     * @param retryAfter the wait the server asked for with {@code Retry-After}, if it did
     */
    record Result(PushOutcome outcome, int status, String detail, Optional<Duration> retryAfter) {
        static final Result DELIVERED = new Result(PushOutcome.DELIVERED, 204, "", Optional.empty());
    }

    /** The sender for the settings' API; opens no connection yet. */
    static InfluxSender open(InfluxSettings settings) {
        return settings.api() == InfluxSettings.Api.V1 ? V1WriteSender.open(settings) : V2WriteSender.open(settings);
    }

    /** Writes the points as one request. Never throws. */
    Result send(List<String> points);

    @Override
    void close();
}
