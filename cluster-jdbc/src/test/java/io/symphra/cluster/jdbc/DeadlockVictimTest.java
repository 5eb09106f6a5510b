package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/**
 * Which failures the store runs a statement again for: a lost deadlock or serialization conflict (MariaDB and MySQL
 * report a deadlock as 40001, PostgreSQL as 40P01), however the driver chains it; nothing else. The retry itself
 * runs in {@code SeparateProcessesIT} on MariaDB, whose claims and finishes of the same rows deadlock under load.
 */
class DeadlockVictimTest {

    @Test
    void aDeadlockOrSerializationFailureIsRunAgain() {
        assertThat(JdbcClaimStore.isDeadlock(new SQLTransactionRollbackException("Deadlock found", "40001", 1213)))
                .isTrue();
        assertThat(JdbcClaimStore.isDeadlock(new SQLException("deadlock detected", "40P01")))
                .isTrue();
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(JdbcClaimStore.isDeadlock(batch)).isTrue();
        assertThat(JdbcClaimStore.isDeadlock(new SQLException("wrapped", "08000", new SQLException("x", "40001"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(JdbcClaimStore.isDeadlock(new SQLException("connection refused", "08001")))
                .isFalse();
        assertThat(JdbcClaimStore.isDeadlock(new SQLException("canceling statement due to timeout", "57014")))
                .isFalse();
        assertThat(JdbcClaimStore.isDeadlock(new SQLException("no state"))).isFalse();
    }
}
