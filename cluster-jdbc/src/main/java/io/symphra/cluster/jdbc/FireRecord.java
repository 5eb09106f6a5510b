package io.symphra.cluster.jdbc;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the fire table. Every instant is the database's clock.
 *
 * @param key the fire
 * @param instance the instance that holds it, or held it last
 * @param state where it stands
 * @param outcome the outcome recorded when it finished or was abandoned
 * @param claimedAt when its current holder claimed it
 * @param leaseUntil until when its holder owns it; set to the finish time when it finishes
 * @param attempt how many instances have held it, starting at 1
 * @param finishedAt when it finished or was reported abandoned
 */
public record FireRecord(
        FireKey key,
        String instance,
        FireState state,
        Optional<String> outcome,
        Instant claimedAt,
        Instant leaseUntil,
        int attempt,
        Optional<Instant> finishedAt) {}
