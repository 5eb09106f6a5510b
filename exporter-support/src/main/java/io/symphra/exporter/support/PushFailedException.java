package io.symphra.exporter.support;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A push {@link HttpPushClient} could not deliver: refused, or still failing after the last attempt, or stopped
 * because the client was closed. The message names the target with its URL redacted and says why; it never
 * holds a header value.
 */
public final class PushFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final PushOutcome outcome;
    private final int status;
    private final int attempts;

    /**
     * @param outcome  how the last attempt ended: {@link PushOutcome#RETRYABLE} when the attempts ran out (or the
     *                 client was closed), else {@link PushOutcome#REJECTED} or {@link PushOutcome#CONFIGURATION_ERROR}
     * @param status   the HTTP status of the last answer, or 0 when the last attempt got none
     * @param attempts the attempts made
     */
    public PushFailedException(String message, PushOutcome outcome, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.status = status;
        this.attempts = attempts;
    }

    /** How the last attempt ended. */
    public PushOutcome outcome() {
        return outcome;
    }

    /** The HTTP status of the last answer; empty when the last attempt got no answer. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** How many attempts were made, 0 when the client was closed before the first. */
    public int attempts() {
        return attempts;
    }
}
