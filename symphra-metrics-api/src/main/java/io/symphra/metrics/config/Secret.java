package io.symphra.metrics.config;

import java.util.Objects;

/**
 * A configuration value that must never be logged, such as a token or a password. {@link #toString()} prints a
 * mask; {@link #reveal()} is the only way to the text, so that every use of it is visible in the code.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a secret text. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret text: pass it to the client that needs it, never to a log. */
    public String reveal() {
        return value;
    }

    /** {@code true} when the secret is the empty string. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
