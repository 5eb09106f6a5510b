package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void eachSupportedProductHasItsDialect() {
        assertThat(Dialect.forProduct("PostgreSQL")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialect.forProduct("MariaDB")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialect.forProduct("MySQL")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialect.forProduct("MySQL").createTable("t").get(0)).contains("utf8mb4_0900_bin");
        assertThat(Dialect.forProduct("MariaDB").createTable("t").get(0)).contains("utf8mb4_nopad_bin");
    }

    @Test
    void anotherProductFailsAtStartNamingIt() {
        DataSource oracle = dataSource("Oracle");
        assertThatThrownBy(() -> JdbcClaimStore.start(oracle, ClaimStoreSettings.defaults()))
                .isInstanceOf(ClaimStoreException.class)
                .hasMessage("start on table symphra_fires (Oracle) failed: database product 'Oracle' is not supported:"
                        + " the JDBC claim store knows PostgreSQL, MariaDB and MySQL");
    }

    @Test
    void everyStatementUsesTheConfiguredTableAndTheDialectsClock() {
        FireSql postgres = new FireSql(new PostgresDialect(), "my_fires");
        assertThat(postgres.claim)
                .startsWith("INSERT INTO my_fires ")
                .endsWith("ON CONFLICT DO NOTHING")
                .contains("now()");
        assertThat(postgres.deleteOlderThan).contains("LIMIT ?").startsWith("DELETE FROM my_fires WHERE");
        FireSql mariadb = new FireSql(new MySqlDialect("utf8mb4_nopad_bin"), "my_fires");
        assertThat(mariadb.claim).startsWith("INSERT IGNORE INTO my_fires ").contains("UTC_TIMESTAMP(6)");
        assertThat(mariadb.deleteOlderThan).endsWith(" LIMIT ?");
        assertThat(mariadb.renew(3)).endsWith("IN ((?, ?), (?, ?), (?, ?))");
        for (String sql : java.util.List.of(postgres.finish, postgres.expired, postgres.takeOver, postgres.abandon)) {
            assertThat(sql).contains("my_fires").doesNotContain("symphra_fires");
        }
    }

    @Test
    void aDriverMessageLosesItsPassword() {
        SQLException cause = new SQLException("bad url jdbc:x://h/db?user=u&password=s3cret&ssl=true", "08001");
        ClaimStoreException e = new ClaimStoreException("connect", "t", "database not reached", cause);
        assertThat(e.getMessage())
                .isEqualTo(
                        "connect on table t (database not reached) failed: bad url jdbc:x://h/db?user=u&password=****"
                                + "&ssl=true [SQLState 08001]")
                .doesNotContain("s3cret");
        assertThat(e.sqlState()).isEqualTo("08001");
        assertThat(e.operation()).isEqualTo("connect");
    }

    private static DataSource dataSource(String product) {
        DatabaseMetaData metaData = proxy(
                DatabaseMetaData.class,
                (method, args) -> method.getName().equals("getDatabaseProductName") ? product : null);
        Connection connection =
                proxy(Connection.class, (method, args) -> method.getName().equals("getMetaData") ? metaData : null);
        return proxy(DataSource.class, (method, args) -> method.getName().equals("getConnection") ? connection : null);
    }

    interface Answer {
        Object answer(java.lang.reflect.Method method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> answer.answer(method, args));
    }
}
