package io.symphra.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cluster.md gives the DDL for teams that manage their schemas: it must be what the store runs. */
class ClusterDocTest {
    @Test
    void theDocumentedDdlIsWhatEachDialectRuns() throws IOException {
        String doc = normalize(Files.readString(Path.of("..", "docs", "cluster.md")));
        for (Dialect dialect : new Dialect[] {Dialect.forProduct("PostgreSQL"), Dialect.forProduct("MariaDB")}) {
            for (String ddl : dialect.createTable("symphra_fires")) {
                assertThat(doc).as(dialect.getClass().getSimpleName()).contains(normalize(ddl) + ";");
            }
        }
    }

    private static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
    }
}
