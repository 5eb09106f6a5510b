package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimStoreSettingsTest {
    @Test
    void defaultsAreValid() {
        ClaimStoreSettings settings = ClaimStoreSettings.defaults();
        assertThat(settings.table()).isEqualTo("symphra_fires");
        assertThat(settings.createTable()).isFalse();
        assertThat(settings.queryTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.lease()).isGreaterThan(settings.heartbeat());
        assertThat(settings.queryTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void aLeaseNotLongerThanTheHeartbeatFailsNamingBoth() {
        assertThatThrownBy(() -> ClaimStoreSettings.builder()
                        .lease(Duration.ofSeconds(10))
                        .heartbeat(Duration.ofSeconds(10))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease (PT10S) must be longer than heartbeat (PT10S)");
        ClaimStoreSettings settings = ClaimStoreSettings.defaults();
        assertThatThrownBy(() -> settings.checkLease(Duration.ofSeconds(5)))
                .hasMessageContaining("lease (PT5S) must be longer than heartbeat (PT10S)");
    }

    @Test
    void nonPositiveDurationsFailNamingTheSetting() {
        assertThatThrownBy(() ->
                        ClaimStoreSettings.builder().retention(Duration.ZERO).build())
                .hasMessage("retention must be positive, got PT0S");
        assertThatThrownBy(() -> ClaimStoreSettings.builder()
                        .queryTimeout(Duration.ofSeconds(-1))
                        .build())
                .hasMessage("query-timeout must be positive, got PT-1S");
        assertThatThrownBy(() ->
                        ClaimStoreSettings.builder().heartbeat(Duration.ZERO).build())
                .hasMessage("heartbeat must be positive, got PT0S");
        assertThatThrownBy(() -> ClaimStoreSettings.builder().deleteBatch(0).build())
                .hasMessage("delete-batch must be positive, got 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1fires", "fires-x", "public.fires", "fires; DROP TABLE x", "\"fires\"", "fïres"})
    void aTableNameThatIsNoPlainIdentifierFails(String table) {
        assertThatThrownBy(() -> ClaimStoreSettings.builder().table(table).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("table must be a plain identifier")
                .hasMessageContaining("'" + table + "'");
    }

    @Test
    void aTableNameLongerThanPostgresAllowsWithItsIndexFails() {
        String longest = "t".repeat(ClaimStoreSettings.MAX_TABLE_LENGTH);
        assertThat(ClaimStoreSettings.builder().table(longest).build().table()).isEqualTo(longest);
        assertThatThrownBy(
                        () -> ClaimStoreSettings.builder().table(longest + "t").build())
                .hasMessageStartingWith("table must be a plain identifier");
        assertThat(Dialect.indexName(longest)).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void aSubSecondTimeoutIsRoundedUpToTheWholeSecondJdbcCounts() {
        assertThat(ClaimStoreSettings.builder()
                        .queryTimeout(Duration.ofMillis(1))
                        .build()
                        .queryTimeoutSeconds())
                .isEqualTo(1);
        assertThat(ClaimStoreSettings.builder()
                        .queryTimeout(Duration.ofMillis(2001))
                        .build()
                        .queryTimeoutSeconds())
                .isEqualTo(3);
    }
}
