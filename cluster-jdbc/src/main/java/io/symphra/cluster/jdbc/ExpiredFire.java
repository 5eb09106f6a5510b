package io.symphra.cluster.jdbc;

import java.time.Instant;

/**
 * A claimed fire whose lease ran out: its instance stopped renewing it, most likely because it died.
 *
 * @param key the fire
 * @param instance the instance that held it
 * @param attempt how many instances have held it, starting at 1; a take-over or an abandon only wins while it is
 *     unchanged
 * @param leaseUntil when the lease ran out, by the database's clock
 */
public record ExpiredFire(FireKey key, String instance, int attempt, Instant leaseUntil) {}
