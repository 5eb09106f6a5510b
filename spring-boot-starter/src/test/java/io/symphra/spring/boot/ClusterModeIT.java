package io.symphra.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphra.cluster.jdbc.ThrowawayPostgres;
import io.symphra.metrics.snapshot.ClusterClaims;
import io.symphra.scheduler.Scheduler;
import io.symphra.scheduler.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode through the starter: two instances of a real Boot application, configured by {@code symphra.cluster.*}
 * properties, on one real PostgreSQL. Each fire of their fixed-rate task runs on one of them, and each shows its
 * claims at {@code /actuator/prometheus}.
 */
class ClusterModeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int FIRES = 5;

    @Test
    void twoInstancesOnOneDatabaseRunEachFireOnceAndServeTheirClaims() throws Exception {
        // Near the real time: the claim rows' retention is reckoned on the database's clock.
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (ThrowawayPostgres db = ThrowawayPostgres.start();
                RunningApp a = instance("a", db, clock);
                RunningApp b = instance("b", db, clock)) {
            List<RunningApp> apps = List.of(a, b);
            for (int fire = 1; fire <= FIRES; fire++) {
                int decided = fire;
                await().atMost(PATIENCE).until(() -> apps.stream().allMatch(app -> heard(app) == decided));
                if (fire < FIRES) {
                    clock.advance(Duration.ofSeconds(1));
                }
            }

            // A claim is counted before its run ends: wait for the runs, then for anything more than one per fire.
            await().atMost(PATIENCE).until(() -> runs(a) + runs(b) >= FIRES);
            assertThat(runs(a) + runs(b))
                    .as("runs of %d fires on a and b", FIRES)
                    .isEqualTo(FIRES);
            for (RunningApp app : apps) {
                String instance =
                        app.bean(Scheduler.class).snapshot().commonLabels().get("instance");
                ClusterClaims claims = claims(app);
                int runs = runs(app);
                assertThat(claims.claimed()).as("%s claimed", instance).isEqualTo(runs);
                assertThat(claims.ranElsewhere())
                        .as("%s heard ran elsewhere", instance)
                        .isEqualTo(FIRES - runs);

                String tags = "{instance=\"" + instance + "\",task=\"beat\"}";
                await().atMost(PATIENCE)
                        .until(() -> Double.valueOf(runs)
                                .equals(RunningApp.sample(
                                        scrape(app), "symphra_scheduler_task_duration_seconds_count" + tags)));
                String text = scrape(app);
                assertThat(RunningApp.sample(text, "symphra_scheduler_task_claimed_total" + tags))
                        .isEqualTo((double) runs);
                assertThat(RunningApp.sample(text, "symphra_scheduler_task_ran_elsewhere_total" + tags))
                        .isEqualTo((double) (FIRES - runs));
                assertThat(RunningApp.sample(text, "symphra_scheduler_task_claim_duration_seconds_count" + tags))
                        .isEqualTo((double) FIRES);
            }
        }
    }

    private static int runs(RunningApp app) {
        return app.bean(ClusterApplication.Beats.class).runs.get();
    }

    /** Fires of "beat" the instance has claimed or heard were claimed elsewhere. */
    private static long heard(RunningApp app) {
        ClusterClaims claims = claims(app);
        return claims.claimed() + claims.ranElsewhere();
    }

    private static ClusterClaims claims(RunningApp app) {
        return app.bean(Scheduler.class).snapshot().tasks().get("beat").cluster();
    }

    private static RunningApp instance(String name, ThrowawayPostgres db, ManualClock clock) {
        Map<String, String> properties = new HashMap<>();
        properties.put("test.datasource.url", db.jdbcUrl());
        properties.put("test.datasource.username", db.user());
        properties.put("test.datasource.password", db.password());
        properties.put("symphra.instance", name);
        properties.put("symphra.cluster.enabled", "true");
        properties.put("symphra.cluster.table", "boot_fires");
        properties.put("symphra.cluster.create-table", "true");
        properties.put("symphra.cluster.heartbeat", "200ms");
        properties.put("symphra.cluster.query-timeout", "2s");
        return RunningApp.start(
                ClusterApplication.class,
                properties,
                context -> context.getBeanFactory().registerSingleton("clock", clock));
    }

    private static String scrape(RunningApp app) throws Exception {
        return app.get("/actuator/prometheus").body();
    }
}
