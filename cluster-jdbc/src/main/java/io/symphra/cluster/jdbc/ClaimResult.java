package io.symphra.cluster.jdbc;

/**
 * The answer to a claim.
 *
 * @param owned true when this instance now owns the fire, false when another instance claimed it first
 * @param latencyNanos how long the claim took, from asking the DataSource for a connection until the database
 *     answered ({@link System#nanoTime()})
 */
public record ClaimResult(boolean owned, long latencyNanos) {}
