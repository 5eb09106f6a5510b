/**
 * Cluster mode: the coordination SPI through which replicas of a scheduler run each fire once. The scheduler asks
 * a {@link io.symphra.scheduler.cluster.FireCoordinator}, given with {@code Scheduler.Builder.coordinator(...)},
 * before each fire; {@code symphra-cluster-jdbc} implements it over a database.
 */
package io.symphra.scheduler.cluster;
