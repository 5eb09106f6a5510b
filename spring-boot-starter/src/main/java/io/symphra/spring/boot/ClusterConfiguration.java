package io.symphra.spring.boot;

import io.symphra.cluster.jdbc.ClaimStoreSettings;
import io.symphra.cluster.jdbc.JdbcClaimStore;
import io.symphra.cluster.jdbc.JdbcFireCoordinator;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster mode, when {@code symphra-cluster-jdbc} is on the class path and {@code symphra.cluster.enabled=true}:
 * a {@link JdbcFireCoordinator} over the application's {@link DataSource}, so that each fire runs once across the
 * instances sharing its database. A bad {@code symphra.cluster.*} value fails the start naming the property.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.symphra.cluster.jdbc.JdbcFireCoordinator")
@ConditionalOnBooleanProperty(name = "symphra.cluster.enabled")
class ClusterConfiguration {

    @Bean
    SchedulerBuilderCustomizer symphraClusterCoordinator(
            ObjectProvider<DataSource> dataSource, SymphraProperties properties) {
        return builder -> builder.coordinator(coordinator(dataSource.getObject(), properties.getCluster()));
    }

    static JdbcFireCoordinator coordinator(DataSource dataSource, SymphraProperties.Cluster cluster) {
        ClaimStoreSettings.Builder settings = ClaimStoreSettings.builder();
        set("symphra.cluster.table", cluster.getTable(), settings::table);
        set("symphra.cluster.create-table", cluster.getCreateTable(), settings::createTable);
        set("symphra.cluster.query-timeout", cluster.getQueryTimeout(), settings::queryTimeout);
        set("symphra.cluster.lease", cluster.getLease(), settings::lease);
        set("symphra.cluster.heartbeat", cluster.getHeartbeat(), settings::heartbeat);
        set("symphra.cluster.retention", cluster.getRetention(), settings::retention);
        ClaimStoreSettings built = build("symphra.cluster", settings::build);
        JdbcClaimStore store = JdbcClaimStore.start(dataSource, built);
        JdbcFireCoordinator.Builder coordinator = JdbcFireCoordinator.builder(store);
        Duration scan = cluster.getScanInterval();
        set("symphra.cluster.scan-interval", scan, coordinator::scanInterval);
        return build("symphra.cluster", coordinator::build);
    }

    private static <T> void set(String key, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = '" + value + "': " + e.getMessage(), e);
        }
    }

    /** The builders check settings against each other at build(); their message names the setting. */
    private static <T> T build(String prefix, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".*: " + e.getMessage(), e);
        }
    }
}
